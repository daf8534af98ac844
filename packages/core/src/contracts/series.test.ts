import { describe, expect, it } from "vitest";
import { intervalSchema, intervalSpanMs, symbolSchema } from "./series";
import { SYMBOL_RULE } from "./symbol-rule";

describe("intervalSpanMs", () => {
  it("gives each unit's longest span, a month as 31 days", () => {
    expect(intervalSpanMs("1m")).toBe(60_000);
    expect(intervalSpanMs("15m")).toBe(900_000);
    expect(intervalSpanMs("4h")).toBe(14_400_000);
    expect(intervalSpanMs("1d")).toBe(86_400_000);
    expect(intervalSpanMs("1wk")).toBe(604_800_000);
    expect(intervalSpanMs("3mo")).toBe(3 * 31 * 86_400_000);
  });

  it("knows no interval the schema refuses", () => {
    for (const text of ["0d", "1000m", "1y", "d", "1 d", "01d"]) {
      expect(intervalSchema.safeParse(text).success, text).toBe(false);
      expect(intervalSpanMs(text), text).toBeUndefined();
    }
  });
});

/** Characters JavaScript's trim() takes that are no ASCII space or tab: each shows as nothing or a space. */
const UNSEEN_PADDING = ["\ufeff", "\u2028", "\u2029", "\u00a0", "\u2003", "\u3000", "\u000b", "\u000c", "\n"];

describe("padding of a symbol or an interval", () => {
  it("takes ASCII spaces and tabs on either end away", () => {
    expect(symbolSchema.parse(" \tbrk.b\t ")).toBe("BRK.B");
    expect(intervalSchema.parse(" 1d\t")).toBe("1d");
  });

  it("refuses any other character trim() would take, at either end, rather than reading AAPL", () => {
    for (const unseen of UNSEEN_PADDING) {
      for (const symbol of [`AAPL${unseen}`, `${unseen}AAPL`]) {
        const parsed = symbolSchema.safeParse(symbol);
        expect(parsed.success, JSON.stringify(symbol)).toBe(false);
        expect(parsed.error?.issues.map((issue) => issue.message)).toEqual([SYMBOL_RULE]);
      }
      expect(intervalSchema.safeParse(`1d${unseen}`).success, JSON.stringify(unseen)).toBe(false);
    }
  });
});
