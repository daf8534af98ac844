import { describe, expect, it } from "vitest";
import { barProblem } from "../bars/rule";
import { analysisRequestSchema, barInputSchema, decisionRequestSchema } from "./requests";
import { symbolSchema } from "./series";

describe("request schemas", () => {
  it("take a bar exactly when core's valid-bar rule does, refusing with the rule's sentence", () => {
    const bars = [
      { time: "2024-01-02", close: 185.6 },
      { time: "2024-01-02", close: 0 },
      { time: "2024-01-02", close: -5 },
      { time: "2024-01-02", close: 1e308 },
      { time: "2024-01-02", close: 10, open: 1e-200 },
      { time: "2024-01-02", close: 10, volume: -1 },
      { time: "2024-01-02", close: 10, volume: 0 },
    ];
    for (const bar of bars) {
      const parsed = barInputSchema.safeParse(bar);
      const problem = barProblem(bar);
      expect(parsed.success, JSON.stringify(bar)).toBe(problem === undefined);
      if (!parsed.success) expect(parsed.error.issues.map((issue) => issue.message)).toEqual([problem]);
    }
  });

  it("read an analysis as the app stores it: symbol trimmed and upper-cased, times as text", () => {
    const bars = Array.from({ length: 38 }, (_, i) => ({ time: 1_700_000_000 + i * 86_400, close: 10 + i }));
    const parsed = analysisRequestSchema.parse({ symbol: " brk.b ", interval: "1d", bars });
    expect(parsed.symbol).toBe("BRK.B");
    expect(parsed.bars[0]?.time).toBe("1700000000");
    expect(
      analysisRequestSchema.safeParse({ symbol: "X", interval: "1d", bars: bars.slice(1) }).success,
    ).toBe(false);
  });

  it("refuse a symbol that starts with . = _ or -, saying what it must start with", () => {
    for (const symbol of [".X", "=X", "_X", "-X"]) {
      const parsed = symbolSchema.safeParse(symbol);
      expect(parsed.success, symbol).toBe(false);
      expect(parsed.error?.issues.map((issue) => issue.message)).toEqual([
        "symbol must be 1-20 letters, digits or . ^ = _ -, starting with a letter, a digit or ^",
      ]);
    }
    expect(symbolSchema.parse("^gspc")).toBe("^GSPC");
  });

  it("take a decision with a readable comment only", () => {
    expect(decisionRequestSchema.parse({ decision: "approve", comment: " fine " })).toEqual({
      decision: "approve",
      comment: "fine",
    });
    expect(decisionRequestSchema.safeParse({ decision: "approve", comment: "a\u0000b" }).success).toBe(false);
    expect(decisionRequestSchema.safeParse({ decision: "maybe" }).success).toBe(false);
  });
});
