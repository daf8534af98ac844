import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PRICE_RANGE } from "../bars/rule";
import { plainDecimal } from "./plain-decimal";
import { priceText } from "./price";

/** A decimal in positional notation, as a reader of prices writes one: no exponent, no sign. */
const PLAIN = /^\d+(\.\d+)?$/;

describe("priceText", () => {
  it("writes six significant digits, and cents from 10,000 up", () => {
    expect(priceText(1527.4567)).toBe("1527.46");
    expect(priceText(1.0835)).toBe("1.0835");
    expect(priceText(0.0045)).toBe("0.0045");
    expect(priceText(46034.383193)).toBe("46034.38");
    expect(priceText(1484980.103)).toBe("1484980.1");
  });

  it("writes digits, never an exponent, from 1e21 up and below 1e-6 (String's exponent forms)", () => {
    // The targets of the review: closes near 1.1e21, 1.1e22 and 1.1e23.
    expect(priceText(1.114630006e21)).toBe("1114630006000000000000");
    expect(priceText(1.1146300059999996e22)).toBe("11146300059999996000000");
    expect(priceText(1.1220700690000002e23)).toBe("112207006900000020000000");
    expect(priceText(PRICE_RANGE.max)).toBe(`1${"0".repeat(30)}`);
    expect(priceText(1.2345678e-7)).toBe("0.000000123457");
    expect(priceText(PRICE_RANGE.min)).toBe(`0.${"0".repeat(29)}1`);
  });

  it("is, over the whole range a price may take, the rule's number written out", () => {
    const price = fc.double({ min: PRICE_RANGE.min, max: PRICE_RANGE.max, noNaN: true });
    fc.assert(
      fc.property(price, (p) => {
        const text = priceText(p);
        expect(text).toMatch(PLAIN);
        const rule =
          p >= 10_000 ? (Number.isInteger(p) ? p : Math.round(p * 100) / 100) : Number(p.toPrecision(6));
        expect(Number(text)).toBe(rule);
      }),
      { numRuns: 5_000, seed: 20261206 },
    );
  });
});

describe("plainDecimal", () => {
  it("moves the point of String's exponent form, adding only zeros", () => {
    expect(plainDecimal(1.5e21)).toBe("1500000000000000000000");
    expect(plainDecimal(-1.5e21)).toBe("-1500000000000000000000");
    expect(plainDecimal(1e-7)).toBe("0.0000001");
    expect(plainDecimal(-1.25e-7)).toBe("-0.000000125");
    expect(plainDecimal(123.45)).toBe("123.45");
    expect(plainDecimal(0)).toBe("0");
  });
});
