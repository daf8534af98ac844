// ISO datetimes (intraday bars) are read by hand (isoDateTimeValue) where Date.parse read them all: the same
// instant for every text either reads, and Date.parse still reads what the hand reader leaves.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoDateTimeValue, timeValue } from "./time";

/** timeValue's reading of a datetime before the hand reader: Date.parse, a datetime without a zone as UTC. */
function parsedAsBefore(time: string): number {
  const text = time.trim();
  if (text === "") return Number.NaN;
  const zoneless = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/.test(text);
  return Date.parse(zoneless ? `${text}Z` : text);
}

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
  it("gives what Date.parse gave for every datetime it reads, and timeValue still gives it for the others", () => {
    let read = 0;
    fc.assert(
      fc.property(datetimes, (text) => {
        const byHand = isoDateTimeValue(text);
        if (byHand !== undefined) {
          read++;
          expect(byHand).toBe(parsedAsBefore(text));
        }
        expect(timeValue(text)).toEqual(parsedAsBefore(text));
      }),
      { numRuns: 5000, seed: 7 },
    );
    // The generator's common case is read by hand.
    expect(read).toBeGreaterThan(1500);
  });

  it("reads the intraday shapes and leaves the rest to Date.parse", () => {
    expect(isoDateTimeValue("1970-01-02T00:01:00Z")).toBe(86_460_000);
    expect(isoDateTimeValue("1970-01-02 00:01")).toBe(86_460_000);
    expect(isoDateTimeValue("2020-01-01T10:00:00.5Z")).toBe(Date.UTC(2020, 0, 1, 10, 0, 0, 500));
    expect(isoDateTimeValue("2020-01-01T10:00:00.123")).toBe(Date.UTC(2020, 0, 1, 10, 0, 0, 123));
    // Date.parse reads these (1 March, the next day, a microsecond truncated, an offset): not by hand.
    for (const text of [
      "2020-02-30T00:00:00Z",
      "2020-01-01T24:00:00Z",
      "2020-01-01T10:00:00.1234Z",
      "2020-01-01T10:00:00+01:00",
      "2020-01-01t10:00:00Z",
      " 2020-01-01T10:00:00Z",
    ])
      expect(isoDateTimeValue(text), text).toBeUndefined();
    expect(timeValue("2020-02-30T00:00:00Z")).toBe(Date.UTC(2020, 2, 1));
  });
});
