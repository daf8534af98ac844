import { decimalCell } from "@stock-patterns/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { simpleDecimal } from "./decimal";

describe("plain decimals read from the text", () => {
  it("give exactly what Number gives, or leave the cell to the full reader", () => {
    const text = fc.stringMatching(/^[-+0-9.e ]{0,18}$/);
    fc.assert(
      fc.property(text, (raw) => {
        const fast = simpleDecimal(`,${raw},`, 1, raw.length + 1);
        if (fast !== undefined) expect(Object.is(fast, decimalCell(raw))).toBe(true);
      }),
      { numRuns: 20_000, seed: 13 },
    );
  });

  it("refuse a long cell that is not a number", () => {
    // A stray quote or a missing line break makes cells of megabytes: 100,000 digits and an x took 28 s
    // when the rule backtracked over every split of the digits (10 s for 60,000), so it grew as the square.
    // At 300,000 such a rule would take minutes, past the project's test timeout; no clock is read here.
    const cell = "9".repeat(300_000).concat("x");
    expect(decimalCell(cell)).toBeNaN();
  });

  it("take the plain decimals they took before the rule was made linear", () => {
    const before = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
    fc.assert(
      fc.property(fc.stringMatching(/^[-+0-9.eE x]{0,12}$/), (raw) => {
        if (raw === "") return;
        expect(Object.is(decimalCell(raw), before.test(raw) ? Number(raw) : Number.NaN), raw).toBe(true);
      }),
      { numRuns: 20_000, seed: 7 },
    );
  });

  it("read prices and volumes as a bar file writes them", () => {
    const price = fc.tuple(fc.double({ min: 0, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 6 }));
    fc.assert(
      fc.property(price, ([value, places]) => {
        const raw = value.toFixed(places);
        if (raw.replace(/\D/g, "").length > 15) return;
        expect(simpleDecimal(raw, 0, raw.length)).toBe(Number(raw));
      }),
      { numRuns: 20_000, seed: 13 },
    );
    expect(simpleDecimal("-0", 0, 2)).toBe(-0);
    expect(simpleDecimal(".5", 0, 2)).toBe(0.5);
    expect(simpleDecimal("5.", 0, 2)).toBe(5);
    expect(simpleDecimal(".", 0, 1)).toBeUndefined();
    expect(simpleDecimal("1e5", 0, 3)).toBeUndefined();
    expect(decimalCell("0x10")).toBeNaN();
  });
});
