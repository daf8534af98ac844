// The ThresholdChecker's scheduled run in the heap its function has, scaled: a quarter of docs/capacity.md's
// 8,000 windows (2,000, the size the stream keeps them) in a quarter of its 256 MB (64 MB of old space, in
// a process of its own). Harsher than the function in one way, stated: the ~40 MB a run holds with no
// windows is scaled down too. A run that held every window at once peaked at 84 to 87 MB (bench:thresholds).

import { describe, expect, it } from "vitest";
import { checkerRun } from "#test/checker-run";
import { seedWindows } from "#test/windows";

const WINDOWS = 2_000;
const HEAP_MB = 256 / 4;

describe("ThresholdChecker's memory", () => {
  it("checks and pools 2,000 windows in 64 MB of heap: a Scan page of windows at a time", async () => {
    await seedWindows(WINDOWS, "1m");
    const run = await checkerRun(HEAP_MB);
    expect(run.error).toEqual([]);
    expect(run.status).toBe(0);
    expect(run.report?.answer.pooled).toEqual({ "1m": WINDOWS });
  }, 120_000);
});
