// The KinesisConsumer under RECORD_RETENTION_DAYS, records read from kinesalite: after a replay of the
// bundled series every detection whose stored outcome is settled carries its expiry, the retention after
// the batch that settled it, and every one still open carries none; without the setting none does.

import { type Outcome, outcomeSettled } from "@stock-patterns/core";
import { RECORD_RETENTION, TABLES } from "@stock-patterns/core/catalog";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { StreamReader, scanTable } from "#test/aws";
import { sp500 } from "#test/fixtures";
import { replaySeries } from "#test/stream-replay";

const reader = new StreamReader();
afterAll(() => reader.close());
afterEach(() => vi.unstubAllEnvs());

const EXPIRY = TABLES.TradingPatterns.ttlAttribute;

async function storedOf(symbol: string) {
  const items = await scanTable<Record<string, unknown>>("TradingPatterns");
  return items.filter((item) => item.symbol === symbol);
}

describe("KinesisConsumer detection retention", () => {
  it("gives each detection the stream settles its expiry from that batch, and none to an open one", async () => {
    vi.stubEnv(RECORD_RETENTION.variable, "45");
    const before = Math.floor(Date.now() / 1000);
    // Batches of 100 bars: most outcomes settle in a later batch than their detection (recordOutcomes).
    await replaySeries(reader, { RETS: sp500().slice(0, 1000) }, 100);
    const after = Math.floor(Date.now() / 1000);
    const stored = await storedOf("RETS");
    const settled = stored.filter((item) => outcomeSettled(item.outcome as Outcome));
    const open = stored.filter((item) => !outcomeSettled(item.outcome as Outcome));
    expect(settled.length).toBeGreaterThan(10);
    expect(open.length).toBeGreaterThan(0);
    for (const item of settled) {
      // 45 days, and the 17 daily bars a settled detection may still lie in the window.
      expect(item[EXPIRY]).toBeGreaterThanOrEqual(before + (45 + 17) * 86_400);
      expect(item[EXPIRY]).toBeLessThanOrEqual(after + (45 + 17) * 86_400);
    }
    for (const item of open) expect(item).not.toHaveProperty(EXPIRY);
  });

  it("writes no expiry without the setting", async () => {
    vi.stubEnv(RECORD_RETENTION.variable, undefined);
    await replaySeries(reader, { RETU: sp500().slice(0, 1000) });
    const stored = await storedOf("RETU");
    expect(stored.filter((item) => outcomeSettled(item.outcome as Outcome)).length).toBeGreaterThan(10);
    for (const item of stored) expect(item).not.toHaveProperty(EXPIRY);
  });
});
