// An alert's feed shard comes from its id alone, and alerts spread over every shard.

import { describe, expect, it } from "vitest";
import { patternAlertId } from "../ids/ids";
import { ALERT_FEED_SHARDS, alertFeedShard, feedValues, shardedFeed } from "./alert-feeds";

describe("alert feed shards", () => {
  it("give one alert the same shard every time, under its feed's name", () => {
    const id = "alr_ac95c7dc14731872aeb0b5ae8b2a4bd6";
    // The id's SHA-256 starts 8c13a7ed: 0x8c13a7ed mod 8 is 5.
    expect(alertFeedShard(id)).toBe(5);
    expect(shardedFeed("alerts", id)).toBe(`alerts#${alertFeedShard(id)}`);
    expect(feedValues("alerts")).toContain(shardedFeed("alerts", id));
  });

  it("spread 8,000 alerts' ids within 15% of an even share on every shard", () => {
    const counts = new Array<number>(ALERT_FEED_SHARDS).fill(0);
    for (let i = 0; i < 8000; i++) {
      const detection = { pattern: "HS" as const, end: `2024-01-${(i % 28) + 1}`, detectedAt: String(i) };
      const shard = alertFeedShard(patternAlertId(`S${i % 97}`, "1m", detection));
      counts[shard] = (counts[shard] ?? 0) + 1;
    }
    const even = 8000 / ALERT_FEED_SHARDS;
    for (const count of counts) expect(Math.abs(count - even) / even).toBeLessThan(0.15);
  });

  it("read each shard, then the single value alerts were written under before the shards", () => {
    const values = feedValues("unfinished");
    expect(values).toHaveLength(ALERT_FEED_SHARDS + 1);
    expect(new Set(values).size).toBe(values.length);
    expect(values.at(-1)).toBe("unfinished");
  });
});
