import { describe, expect, it } from "vitest";
import { doublePattern, type ExtremaList } from "./double";

const list = (items: [position: number, price: number, max: 0 | 1][]): ExtremaList => ({
  count: items.length,
  positions: items.map((x) => x[0]),
  prices: items.map((x) => x[1]),
  isMax: items.map((x) => x[2]),
});

describe("double tops and bottoms", () => {
  it("needs the two extrema more than 22 bars apart: 22 fails, 23 passes", () => {
    expect(
      doublePattern(
        list([
          [12, 100, 1],
          [20, 90, 0],
          [34, 100, 1],
        ]),
      ),
    ).toBeNull();
    expect(
      doublePattern(
        list([
          [11, 100, 1],
          [20, 90, 0],
          [34, 100, 1],
        ]),
      ),
    ).toBe("DTOP");
  });

  it("accepts exactly 1.5% from the pair's mean and rejects more", () => {
    expect(
      doublePattern(
        list([
          [2, 985, 1],
          [20, 900, 0],
          [34, 1015, 1],
        ]),
      ),
    ).toBe("DTOP");
    expect(
      doublePattern(
        list([
          [2, 984.9, 1],
          [20, 900, 0],
          [34, 1015.1, 1],
        ]),
      ),
    ).toBeNull();
  });

  it("needs E5 to be the highest top after F: an equal earlier top wins the tie", () => {
    expect(
      doublePattern(
        list([
          [2, 100, 1],
          [8, 90, 0],
          [15, 101, 1],
          [25, 90, 0],
          [34, 101, 1],
        ]),
      ),
    ).toBeNull();
    expect(
      doublePattern(
        list([
          [2, 100, 1],
          [8, 90, 0],
          [15, 100.5, 1],
          [25, 90, 0],
          [34, 101, 1],
        ]),
      ),
    ).toBe("DTOP");
  });

  it("needs E5 of F's kind, and finds the mirror for bottoms", () => {
    expect(
      doublePattern(
        list([
          [2, 100, 1],
          [20, 110, 0],
          [34, 100, 0],
        ]),
      ),
    ).toBeNull();
    expect(
      doublePattern(
        list([
          [2, 100, 0],
          [20, 110, 1],
          [34, 100.5, 0],
        ]),
      ),
    ).toBe("DBOT");
  });

  it("needs at least one extremum after F", () => {
    expect(doublePattern(list([[34, 100, 1]]))).toBeNull();
  });
});
