import { afterEach, describe, expect, it } from "vitest";
import { wholeNumber, wholeNumbers } from "./seeds";

const VARIABLE = "SEEDS_TEST_VALUE";
afterEach(() => {
  delete process.env[VARIABLE];
});

describe("the seeded tests' settings from the environment", () => {
  it("are the test's own when the variable is unset or blank", () => {
    expect(wholeNumbers(VARIABLE, [14, 1337])).toEqual([14, 1337]);
    process.env[VARIABLE] = "  ";
    expect(wholeNumber(VARIABLE, 3000)).toBe(3000);
  });

  it("are the variable's whole numbers, comma-separated, spaces around each allowed", () => {
    process.env[VARIABLE] = "7, 99,4242";
    expect(wholeNumbers(VARIABLE, [14])).toEqual([7, 99, 4242]);
    process.env[VARIABLE] = "8";
    expect(wholeNumber(VARIABLE, 2, { min: 1, max: 8 })).toBe(8);
  });

  it.each([
    [
      "0x10",
      '"0x10" is not one; give SEEDS_TEST_VALUE as comma-separated whole numbers from 0 to 4294967295',
    ],
    ["1e3", '"1e3" is not one'],
    ["-1", '"-1" is not one'],
    ["7,,9", '"" is not one'],
    ["4294967296", '"4294967296" is not one'],
  ])("refuse %s, naming the variable and what it takes", (given, reason) => {
    process.env[VARIABLE] = given;
    expect(() => wholeNumbers(VARIABLE, [14, 1337])).toThrow(`${VARIABLE}=${given}: ${reason}`);
    expect(() => wholeNumbers(VARIABLE, [14, 1337])).toThrow("or leave it unset for 14,1337");
  });

  it("refuse a number outside the test's range, and several where one is taken", () => {
    process.env[VARIABLE] = "9";
    expect(() => wholeNumber(VARIABLE, 2, { min: 1, max: 8 })).toThrow(
      `${VARIABLE}=9: "9" is not one; give ${VARIABLE} as one whole number from 1 to 8, or leave it unset for 2`,
    );
    process.env[VARIABLE] = "1,2";
    expect(() => wholeNumber(VARIABLE, 2)).toThrow(
      `${VARIABLE}=1,2: 2 numbers given; give ${VARIABLE} as one whole number`,
    );
  });
});
