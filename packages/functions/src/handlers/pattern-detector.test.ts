// PatternDetector actions called the way a Task state calls them: `{ action, ... }` in, result out.

import { PATTERN_FAMILIES, scanBars } from "@stock-patterns/core";
import { NON_RETRYABLE_ERRORS } from "@stock-patterns/core/workflow";
import { describe, expect, it } from "vitest";
import { packBars } from "#analysis";
import { sp500 } from "#test/fixtures";
import { handler } from "./pattern-detector";

const bars = sp500().slice(0, 200);

describe("PatternDetector", () => {
  it("rejects an unknown or missing action as input that is never retried", async () => {
    for (const event of [{ action: "dance" }, {}, null, { action: "toString" }]) {
      await expect(handler(event)).rejects.toMatchObject({ name: NON_RETRYABLE_ERRORS[0] });
    }
  });

  it("validates bars given as objects or compact tuples, upper-casing the symbol", async () => {
    const objects = await handler({ action: "validate", symbol: "spy", interval: "1d", bars });
    const tuples = await handler({ action: "validate", symbol: "SPY", interval: "1d", bars: packBars(bars) });
    expect(objects).toEqual(tuples);
    expect(objects).toMatchObject({ symbol: "SPY", interval: "1d" });
  });

  it("rejects too few bars, a bad interval and an unknown family, naming the field", async () => {
    await expect(
      handler({ action: "validate", symbol: "X", interval: "1d", bars: bars.slice(0, 37) }),
    ).rejects.toThrow(/between 38 and 5000/);
    await expect(handler({ action: "validate", symbol: "X", interval: "daily", bars })).rejects.toThrow(
      /interval/,
    );
    await expect(
      handler({
        action: "detect",
        family: "cupAndHandle",
        symbol: "X",
        interval: "1d",
        bars: packBars(bars),
      }),
    ).rejects.toThrow(/family/);
  });

  it("detects one family's codes only, and scores the merged families", async () => {
    const results = [];
    for (const family of Object.keys(PATTERN_FAMILIES)) {
      results.push(
        await handler({ action: "detect", family, symbol: "PDA", interval: "1d", bars: packBars(bars) }),
      );
    }
    for (const result of results as {
      family: keyof typeof PATTERN_FAMILIES;
      detections: { pattern: string }[];
    }[]) {
      const codes: readonly string[] = PATTERN_FAMILIES[result.family];
      expect(result.detections.every((d) => codes.includes(d.pattern))).toBe(true);
    }
    const scored = (await handler({ action: "score", symbol: "PDA", interval: "1d", families: results })) as {
      detections: { confidence: number; severity: string | null }[];
    };
    expect(scored.detections).toHaveLength(scanBars(bars).length);
    for (const d of scored.detections) {
      expect(d.severity).toBe(
        d.confidence >= 90 ? "CRITICAL" : d.confidence >= 75 ? "HIGH" : d.confidence >= 60 ? "MEDIUM" : null,
      );
    }
  });
});
