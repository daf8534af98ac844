// Detections kept for RECORD_RETENTION_DAYS, against dynalite: a detection carries its expiry only once a
// write settles its outcome (decided, every forward return known), the retention after that write, and
// only when the setting is given; an expired detection DynamoDB has not deleted yet (dynalite never
// deletes) is neither listed by GET /patterns nor shown with its alert by GET /alerts/{alertId}.

import { BARS_IN_WINDOW_AFTER_SETTLED, type Outcome } from "@stock-patterns/core";
import { RECORD_RETENTION, TABLES } from "@stock-patterns/core/catalog";
import { afterEach, describe, expect, it, vi } from "vitest";
import { putAlertIfNew } from "#alerts";
import { linked } from "#config";
import { scanTable } from "#test/aws";
import { queuedAlert } from "#test/fixtures";
import { call } from "#test/http";
import { recordOutcomes, savePatterns } from "./repository";

const SPEC = TABLES.TradingPatterns;
const DAY_MS = 86_400_000;

afterEach(() => vi.unstubAllEnvs());

const open: Outcome = {
  ceiling: 110,
  floor: 90,
  status: "open",
  breakout: null,
  target: null,
  resolvedAt: null,
  returns: { "1": 0.01 },
};
const settled: Outcome = {
  ...open,
  status: "target",
  breakout: { time: "2024-03-05T00:00:00.000Z", direction: "up" },
  target: 130,
  resolvedAt: "2024-03-20T00:00:00.000Z",
  returns: { "1": 0.01, "5": 0.02, "10": 0.03, "20": 0.04 },
};

/** The stream's write of `outcome`, as of the bar at `asOf`, for a daily detection of 2024-03-01, at `now`. */
const outcomeOfMarch1st = (patternId: string, outcome: Outcome, asOf: string, now: Date) =>
  recordOutcomes([{ patternId, interval: "1d", detectedAt: "2024-03-01", outcome, asOf }], now);

/** A DBOT of `symbol` detected on `detectedAt` with `outcome`, as of its last bar. */
const detection = (detectedAt: string, outcome: Outcome) => ({
  pattern: "DBOT" as const,
  start: "2024-01-02",
  end: detectedAt,
  detectedAt,
  extrema: [],
  confidence: 82,
  outcome,
  outcomeAsOf: `${outcome.resolvedAt ?? detectedAt}`.slice(0, 10).concat("T00:00:00.000Z"),
});

async function storedItem(patternId: string) {
  const items = await scanTable<Record<string, unknown>>(linked("TradingPatterns", "name"));
  return items.find((item) => item[SPEC.partitionKey] === patternId);
}

const epoch = (at: Date, days: number) => Math.floor(at.getTime() / 1000) + days * 86_400;

describe("detection retention", () => {
  it("writes no expiry when RECORD_RETENTION_DAYS is unset, settled or not", async () => {
    vi.stubEnv(RECORD_RETENTION.variable, undefined);
    const { patterns } = await savePatterns("KEEPA", "1d", [detection("2024-03-01", settled)], "api");
    const item = await storedItem(patterns[0]?.patternId ?? "");
    expect(item).toBeDefined();
    expect(item).not.toHaveProperty(SPEC.ttlAttribute);
  });

  it("gives a settled detection the retention from the write that stored it, an open one none", async () => {
    vi.stubEnv(RECORD_RETENTION.variable, "90");
    const now = new Date("2026-06-01T12:00:00.000Z");
    const { patterns } = await savePatterns(
      "KEEPB",
      "1d",
      [detection("2024-03-01", settled), detection("2024-04-01", open)],
      "api",
      [],
      now,
    );
    const [done, running] = await Promise.all(patterns.map((p) => storedItem(p.patternId)));
    expect(done?.[SPEC.ttlAttribute]).toBe(epoch(now, 90) + 17 * 86_400);
    expect(running).toBeDefined();
    expect(running).not.toHaveProperty(SPEC.ttlAttribute);
  });

  it("adds the bars a settled detection may still lie in its series' window, at its interval", async () => {
    // The ThresholdChecker confirms a breach (HIGH) with a detection in the window's WINDOW bars; settled
    // at MAX_HORIZON bars at the earliest, it lies there at most WINDOW - 1 - MAX_HORIZON (17) bars more.
    vi.stubEnv(RECORD_RETENTION.variable, "30");
    const now = new Date("2026-06-01T12:00:00.000Z");
    const weekly = await savePatterns("KEEPW", "1wk", [detection("2024-03-01", settled)], "api", [], now);
    const item = await storedItem(weekly.patterns[0]?.patternId ?? "");
    expect(BARS_IN_WINDOW_AFTER_SETTLED).toBe(17);
    expect(item?.[SPEC.ttlAttribute]).toBe(epoch(now, 30) + 17 * 7 * 86_400);
  });

  it("starts the retention of an open detection at the outcome write that settles it", async () => {
    vi.stubEnv(RECORD_RETENTION.variable, "30");
    const { patterns } = await savePatterns("KEEPC", "1d", [detection("2024-03-01", open)], "stream");
    const patternId = patterns[0]?.patternId ?? "";
    const breakout = { ...open, breakout: settled.breakout, target: settled.target };
    const moved = new Date("2026-06-02T00:00:00.000Z");
    await outcomeOfMarch1st(patternId, breakout, "2024-03-05T00:00:00.000Z", moved);
    expect(await storedItem(patternId)).not.toHaveProperty(SPEC.ttlAttribute);
    const settling = new Date("2026-06-20T00:00:00.000Z");
    await outcomeOfMarch1st(patternId, settled, "2024-04-01T00:00:00.000Z", settling);
    expect((await storedItem(patternId))?.[SPEC.ttlAttribute]).toBe(epoch(settling, 30) + 17 * 86_400);
  });

  it("neither lists an expired detection nor shows it with its alert; one not expired is served", async () => {
    vi.stubEnv(RECORD_RETENTION.variable, "30");
    // 30 days and the 17 daily bars a settled detection may still lie in its window.
    const longAgo = new Date(Date.now() - 48 * DAY_MS);
    const recently = new Date(Date.now() - 46 * DAY_MS);
    const { patterns: gone } = await savePatterns(
      "KEEPD",
      "1d",
      [detection("2024-03-01", settled)],
      "stream",
      [],
      longAgo,
    );
    const { patterns: kept } = await savePatterns(
      "KEEPD",
      "1d",
      [detection("2024-05-01", settled)],
      "stream",
      [],
      recently,
    );
    // dynalite, like DynamoDB until it gets to it, still holds the expired item.
    expect(await storedItem(gone[0]?.patternId ?? "")).toBeDefined();

    const listed = await call("/patterns?symbol=KEEPD", { key: "reader" });
    expect(listed.status).toBe(200);
    expect(listed.json.items.map((p: { patternId: string }) => p.patternId)).toEqual([kept[0]?.patternId]);
    // The TTL attribute is the table's, not the detection's: the answer's shape is the same with a retention.
    expect(listed.json.items[0]).not.toHaveProperty(SPEC.ttlAttribute);

    const alertOf = async (patternId: string, barTime: string) => {
      const alert = queuedAlert({ symbol: "KEEPD", pattern: "DBOT", patternId, barTime });
      await putAlertIfNew(alert);
      return (await call(`/alerts/${alert.alertId}`, { key: "reader" })).json;
    };
    expect(await alertOf(gone[0]?.patternId ?? "", "2024-03-01")).not.toHaveProperty("detection");
    expect(await alertOf(kept[0]?.patternId ?? "", "2024-05-01")).toMatchObject({
      detection: { detectedAt: "2024-05-01" },
    });
  });
});
