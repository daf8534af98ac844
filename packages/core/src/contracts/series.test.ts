import { describe, expect, it } from "vitest";
import { intervalSchema, intervalSpanMs } from "./series";

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
