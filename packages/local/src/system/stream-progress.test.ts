// Waiting for the stream's consumer: positions compare as numbers per shard, whatever their length.

import { describe, expect, it } from "vitest";
import { StreamProgress } from "./stream-progress";

describe("StreamProgress", () => {
  it("resolves once every shard's checkpoint has reached the newest record put on it", async () => {
    const progress = new StreamProgress();
    progress.put([
      { shardId: "shard-0", sequenceNumber: "49680553763429307551638065553066374557796216768248676354" },
      { shardId: "shard-1", sequenceNumber: "900" },
    ]);
    progress.put([{ shardId: "shard-1", sequenceNumber: "1000" }]);
    expect(progress.latestPuts()).toEqual([
      { shardId: "shard-0", sequenceNumber: "49680553763429307551638065553066374557796216768248676354" },
      { shardId: "shard-1", sequenceNumber: "1000" },
    ]);
    let reached = false;
    const waiting = progress.reached(progress.latestPuts()).then(() => {
      reached = true;
    });
    progress.checkpointed("shard-1", "1000");
    progress.checkpointed("shard-0", "49680553763429307551638065553066374557796216768248676353");
    await Promise.resolve();
    expect(reached).toBe(false);
    progress.checkpointed("shard-0", "49680553763429307551638065553066374557796216768248676354");
    await waiting;
    expect(reached).toBe(true);
  });
});
