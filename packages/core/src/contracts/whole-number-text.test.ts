import { describe, expect, it } from "vitest";
import { wholeNumberText } from "./whole-number-text";

describe("wholeNumberText", () => {
  it("matches exactly 1 to the maximum in plain decimal digits", () => {
    for (const max of [1, 7, 9, 10, 57, 100, 101, 250, 999, 1000]) {
      const pattern = wholeNumberText(max);
      for (let n = 0; n <= 1200; n++) {
        expect(pattern.test(String(n)), `${n} of 1..${max}`).toBe(n >= 1 && n <= max);
        expect(pattern.test(`0${n}`), `0${n}`).toBe(false);
      }
      for (const text of ["", " 1", "1 ", "+1", "-1", "1.0", "1e1", "0x1", "\u0661"])
        expect(pattern.test(text), text).toBe(false);
    }
  });

  it("reads as the limit's pattern in the OpenAPI document", () => {
    expect(wholeNumberText(100).source).toBe("^(?:[1-9]\\d{0,1}|100)$");
  });
});
