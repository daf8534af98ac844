import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { writeNumber, writeString } from "./json-bytes";

const out = Buffer.alloc(1 << 16);
const number = (value: number) => out.toString("latin1", 0, writeNumber(out, 0, value));
const string = (text: string) => out.toString("utf8", 0, writeString(out, 0, text));

/** Prices as files write them, a few decimals at any scale, and decimals of up to 16 digits. */
const decimal = fc.oneof(
  fc
    .tuple(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 8 }))
    .map(([digits, places]) => digits / 10 ** places),
  fc
    .tuple(fc.maxSafeInteger(), fc.integer({ min: 0, max: 22 }))
    .map(([digits, places]) => digits / 10 ** places),
);

describe("JSON written as bytes", () => {
  it("writes any number as JSON.stringify does", () => {
    fc.assert(
      fc.property(fc.oneof(fc.double(), decimal, fc.integer(), fc.maxSafeInteger()), (value) => {
        expect(number(value)).toBe(JSON.stringify(value));
      }),
      { numRuns: 20_000, seed: 13 },
    );
  });

  it("writes the edges of plain notation, 15 and 17 digits, zero and what JSON has no number for", () => {
    const edges = [
      0,
      -0,
      1,
      -1,
      1e-6,
      9.99e-7,
      1e-7,
      0.000001234,
      1e15,
      1e15 - 1,
      999999999999999.9,
      1e21,
      0.1 + 0.2,
      100.1395,
      95.4615,
      123456789012345,
      0.123456789012345,
      1.00000000000001,
      5e-324,
      Number.MAX_VALUE,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      2 ** 53,
      4.35,
      0.5,
      9.5,
      99.99999999999999,
    ];
    for (const value of edges) expect(number(value)).toBe(JSON.stringify(value));
  });

  it("writes any string as JSON.stringify does, in UTF-8", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.string({ unit: "binary-ascii" })),
        (text) => {
          expect(string(text)).toBe(JSON.stringify(text));
        },
      ),
      { numRuns: 5_000, seed: 17 },
    );
    for (const text of ["", "2020-01-02", 'a"b', "a\\b", "\u007f", "é", "\ud800", "x\ny"])
      expect(string(text)).toBe(JSON.stringify(text));
    // 5,000 generated strings take 4.3 s alone at load 5, near vitest's 5 s default: it once timed out
    // in a full run beside benchmarks (13:45, 1 Dec).
  }, 30_000);
});
