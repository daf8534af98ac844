import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decimalCell, simpleDecimal } from "./decimal";

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
