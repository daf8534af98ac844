// The one rule for a valid bar: every door (CLI, API, stream) refuses the same bars for the same reason.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { barsErrorOf } from "../../test/bars-error";
import type { Bar } from "../types";
import { barProblem, PRICE_RANGE, parseBarsCsv, parseBarsJson, VOLUME_MAX } from "./index";
import { barIsValid } from "./rule";

const error = barsErrorOf;

describe("the valid-bar rule", () => {
  it("a close must be a positive finite price in the storable range", () => {
    expect(barProblem({ time: "2020-01-02", close: 10 })).toBeUndefined();
    expect(barProblem({ time: "2020-01-02", close: 0 })).toBe("close 0 is not positive");
    expect(barProblem({ time: "2020-01-02", close: -5 })).toBe("close -5 is not positive");
    expect(barProblem({ time: "2020-01-02", close: Number.NaN })).toBe("close NaN is not a finite number");
    expect(barProblem({ time: "2020-01-02", close: 1e308 })).toMatch(
      /^close 1e\+308 is outside .*1e-30.*1e\+30/,
    );
    expect(barProblem({ time: "2020-01-02", close: 1e-200 })).toMatch(/^close 1e-200 is outside/);
  });

  it("open, high and low follow the close's rule; volume is 0 or in range", () => {
    expect(barProblem({ time: "t", close: 1, open: 0 })).toBe("open 0 is not positive");
    expect(barProblem({ time: "t", close: 1, high: 1e300 })).toMatch(/^high 1e\+300 is outside/);
    expect(barProblem({ time: "t", close: 1, volume: 0 })).toBeUndefined();
    expect(barProblem({ time: "t", close: 1, volume: -1 })).toBe("volume -1 is negative");
    expect(barProblem({ time: "t", close: 1, volume: 1e-200 })).toMatch(/^volume 1e-200 is outside/);
    expect(barProblem({ time: "t", close: 1, volume: 1e31 })).toMatch(/^volume 1e\+31 is outside/);
  });

  it("names a price of -0 with its sign, as JSON writes it", () => {
    expect(barProblem({ time: "t", close: -0 })).toBe("close -0 is not positive");
    expect(barProblem({ time: "t", close: 1, low: -0 })).toBe("low -0 is not positive");
    expect(error(() => parseBarsJson(JSON.parse('[{"time":"2020-01-02","close":-0}]'))).message).toBe(
      "row 1: close -0 is not positive",
    );
    // A volume of -0 is 0, which the rule takes.
    expect(barProblem({ time: "t", close: 1, volume: -0 })).toBeUndefined();
  });

  it("any two valid prices give a move and a ratio that DynamoDB can store (magnitude 1e-130 to 1e125)", () => {
    const price = fc.double({ min: PRICE_RANGE.min, max: PRICE_RANGE.max, noNaN: true });
    fc.assert(
      fc.property(price, price, (a, b) => {
        for (const derived of [((b - a) / a) * 100 * 100, b / a, VOLUME_MAX / PRICE_RANGE.min]) {
          const size = Math.abs(derived);
          expect(size === 0 || (size >= 1e-130 && size < 1e125)).toBe(true);
        }
      }),
      { numRuns: 1000, seed: 14 },
    );
  });

  it("the fast test every series goes through passes exactly the bars barProblem finds nothing wrong with", () => {
    const edges = [
      0,
      -0,
      -1,
      PRICE_RANGE.min,
      PRICE_RANGE.max,
      VOLUME_MAX,
      1e31,
      1e-31,
      Number.NaN,
      Infinity,
    ];
    const value = fc.oneof(
      fc.constantFrom(...edges),
      fc.double(),
      fc.double({ min: 1e-35, max: 1e35 }),
      fc.constant(undefined),
    );
    const bar = fc.record({ close: value, open: value, high: value, low: value, volume: value });
    fc.assert(
      fc.property(bar, (fields) => {
        const candidate = { time: "2020-01-02", ...fields } as Bar;
        expect(barIsValid(candidate)).toBe(barProblem(candidate) === undefined);
      }),
      { numRuns: 3000, seed: 13 },
    );
  });

  it("CSV and JSON readers apply it and name the row", () => {
    expect(error(() => parseBarsCsv("Date,Close\n2020-01-02,1\n2020-01-03,0\n")).message).toBe(
      "row 3: close 0 is not positive",
    );
    expect(error(() => parseBarsCsv("Date,Close\n2020-01-02,1e308\n")).row).toBe(2);
    expect(error(() => parseBarsJson([{ time: "2020-01-02", close: 1e-200 }])).message).toMatch(
      /^row 1: close 1e-200 is outside/,
    );
    expect(error(() => parseBarsJson([{ time: "2020-01-02", close: 1, volume: 1e308 }])).row).toBe(1);
  });
});
