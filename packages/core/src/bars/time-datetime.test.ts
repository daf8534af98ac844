// ISO datetimes (intraday bars) are read by hand (isoDateTimeValue), the forms it leaves (offsets, fractions
// past milliseconds) by isoInstantValue: the rule's instant for every text (test/time-rule.ts), NaN for
// the rest.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { timeByTheRule } from "../../test/time-rule";
import { isoDateTimeValue, timeValue } from "./time";

const digits = (length: number, max = 10 ** length - 1) =>
  fc.integer({ min: 0, max }).map((n) => String(n).padStart(length, "0"));

/** Mostly `usual`, sometimes `odd`. */
const mostly = <T>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: usual, weight: 6 }, { arbitrary: odd, weight: 1 });

/** Datetime-like texts: mostly valid, with days past the month's end, hours 24, seconds 60, odd separators. */
const datetimes = fc
  .record({
    year: mostly(fc.integer({ min: 1900, max: 2100 }).map(String), digits(4)),
    month: mostly(
      fc.integer({ min: 1, max: 12 }).map((m) => String(m).padStart(2, "0")),
      digits(2),
    ),
    day: mostly(
      fc.integer({ min: 1, max: 28 }).map((d) => String(d).padStart(2, "0")),
      digits(2, 31),
    ),
    between: mostly(fc.constantFrom("T", " "), fc.constantFrom("t", "_", "")),
    hour: mostly(digits(2, 23), digits(2)),
    minute: mostly(digits(2, 59), digits(2)),
    second: fc.option(mostly(digits(2, 59), fc.oneof(digits(2), digits(1))), { nil: undefined }),
    fraction: fc.option(
      fc.integer({ min: 0, max: 6 }).chain((n) => digits(n)),
      { nil: undefined, freq: 2 },
    ),
    zone: mostly(fc.constantFrom("", "Z"), fc.constantFrom("z", "+01:00", "-0530", " ")),
    lead: mostly(fc.constant(""), fc.constant(" ")),
  })
  .map(({ year, month, day, between, hour, minute, second, fraction, zone, lead }) => {
    const seconds = second === undefined ? "" : `:${second}${fraction === undefined ? "" : `.${fraction}`}`;
    return `${lead}${year}-${month}-${day}${between}${hour}:${minute}${seconds}${zone}`;
  });

describe("isoDateTimeValue", () => {
  it("gives the rule's instant for every datetime it reads, and timeValue gives the rule's for all", () => {
    let read = 0;
    fc.assert(
      fc.property(datetimes, (text) => {
        const byHand = isoDateTimeValue(text);
        if (byHand !== undefined) {
          read++;
          expect(byHand).toBe(timeByTheRule(text));
        }
        expect(timeValue(text)).toEqual(timeByTheRule(text));
      }),
      { numRuns: 5000, seed: 7 },
    );
    // The generator's common case is read by hand.
    expect(read).toBeGreaterThan(1500);
  });

  it("gives the rule's instant for datetimes with a zone at the ends of the years 0000 to 9999, NaN past them", () => {
    // The first and last days of those years, at any time of day and offset: past them by an offset is no time.
    const edge = fc
      .record({
        date: fc.constantFrom("0000-01-01", "0000-01-02", "9999-12-30", "9999-12-31"),
        hour: digits(2, 23),
        minute: digits(2, 59),
        zone: fc.oneof(
          fc.constantFrom("Z", ""),
          fc
            .tuple(fc.constantFrom("+", "-"), digits(2, 23), fc.constantFrom(":", ""), digits(2, 59))
            .map((p) => p.join("")),
        ),
      })
      .map(({ date, hour, minute, zone }) => `${date}T${hour}:${minute}:59.999${zone}`);
    let outside = 0;
    fc.assert(
      fc.property(edge, (text) => {
        const rule = timeByTheRule(text);
        if (Number.isNaN(rule)) outside++;
        expect(Object.is(timeValue(text), rule), text).toBe(true);
      }),
      { numRuns: 3000, seed: 11 },
    );
    // Both sides of the ends come up.
    expect(outside).toBeGreaterThan(100);
    expect(outside).toBeLessThan(2700);
  });

  it("reads the intraday shapes by hand; timeValue reads offsets and long fractions, and nothing off the calendar or clock", () => {
    expect(isoDateTimeValue("1970-01-02T00:01:00Z")).toBe(86_460_000);
    expect(isoDateTimeValue("1970-01-02 00:01")).toBe(86_460_000);
    expect(isoDateTimeValue("2020-01-01T10:00:00.5Z")).toBe(Date.UTC(2020, 0, 1, 10, 0, 0, 500));
    expect(isoDateTimeValue("2020-01-01T10:00:00.123")).toBe(Date.UTC(2020, 0, 1, 10, 0, 0, 123));
    // Not by hand: off the calendar or clock, a fraction past milliseconds, an offset, odd letters, a space.
    for (const text of [
      "2020-02-30T00:00:00Z",
      "2020-01-01T24:00:00Z",
      "2020-01-01T10:00:00.1234Z",
      "2020-01-01T10:00:00+01:00",
      "2020-01-01t10:00:00Z",
      " 2020-01-01T10:00:00Z",
    ])
      expect(isoDateTimeValue(text), text).toBeUndefined();
    expect(timeValue("2020-01-01T10:00:00.1234Z")).toBe(Date.UTC(2020, 0, 1, 10, 0, 0, 123));
    expect(timeValue("2020-01-01T10:00:00+01:00")).toBe(Date.UTC(2020, 0, 1, 9));
    expect(timeValue("2020-01-01T10:00-0530")).toBe(Date.UTC(2020, 0, 1, 15, 30));
    expect(timeValue("0049-01-01 00:00")).toBe(Date.parse("0049-01-01T00:00:00Z"));
    for (const text of [
      "2020-02-30T00:00:00Z",
      "2020-01-01T24:00:00Z",
      "2020-01-01t10:00:00Z",
      " 2020-01-01T10:00:00Z",
      "2020-01-01T10:00:00+24:00",
    ])
      expect(timeValue(text), text).toBeNaN();
  });
});
