import { calendarDateValue } from "@stock-patterns/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DAY_MS, dateText } from "./calendar-date";

/** Date's own text of a day number: the reference dateText is held to. */
const isoDate = (days: number) => new Date(days * DAY_MS).toISOString().slice(0, 10);

describe("dateText", () => {
  it("writes every day of 1890 to 2110 as Date does", () => {
    const from = Date.UTC(1890, 0, 1) / DAY_MS;
    const to = Date.UTC(2110, 11, 31) / DAY_MS;
    for (let days = from; days <= to; days++) expect(dateText(days)).toBe(isoDate(days));
  });

  it("writes any day of years 0 to 9999 as Date does, and reads back as calendarDateValue", () => {
    // 0000-01-01 to 9999-12-31.
    const days = fc.integer({ min: -719_528, max: 2_932_896 });
    fc.assert(
      fc.property(days, (day) => {
        const text = dateText(day);
        expect(text).toBe(isoDate(day));
        const [year, month, date] = text.split("-").map(Number) as [number, number, number];
        expect(calendarDateValue(year, month, date)).toBe(day * DAY_MS);
      }),
      { numRuns: 20_000, seed: 13 },
    );
    expect(dateText(-719_528)).toBe("0000-01-01");
    expect(dateText(2_932_896)).toBe("9999-12-31");
  });

  it("writes days asked back and forth among a few months as Date does", () => {
    // Days near one another, as a scan asks for them: the two months it keeps, and a third.
    const near = fc.array(fc.integer({ min: 18_250, max: 18_350 }), { minLength: 1, maxLength: 60 });
    fc.assert(
      fc.property(near, (days) => {
        for (const day of days) expect(dateText(day)).toBe(isoDate(day));
      }),
      { numRuns: 2_000, seed: 13 },
    );
  });
});
