import {
  decimalCell,
  instantValue,
  isoDateValue,
  priceIsValid,
  sortableTime,
  volumeIsValid,
} from "@stock-patterns/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readColumns } from "./column-reader";
import { ColumnScratch } from "./column-scratch";
import { simpleDecimal } from "./decimal";
import { timeStyle } from "./time";
import { AMBIGUOUS_DIGITS } from "./time-shape-codes";

/** The shapes of time of day the column readers take (time-shape.ts), one example of each. */
const CLOCK_SHAPES = [
  "2020-01-02T09:30",
  "2020-01-02T09:30Z",
  "2020-01-02T09:30:15",
  "2020-01-02T09:30:15Z",
  "2020-01-02 09:30",
  "2020-01-02 09:30Z",
  "2020-01-02 09:30:15",
  "2020-01-02 09:30:15Z",
];

/** What a datetime's shape is: the byte between date and time, whether it has seconds, whether a "Z". */
const shapeOf = (text: string) =>
  `${text[10]}${text.length - (text.endsWith("Z") ? 1 : 0)}${text.endsWith("Z")}`;

/** Whether the column readers are to take `cell` after `first`: ISO for the CLI, in the first's shape, later. */
const takesAfter = (first: string, cell: string) =>
  /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?Z?$/.test(cell) &&
  timeStyle(cell) === "iso" &&
  shapeOf(cell) === shapeOf(first) &&
  instantValue(cell) > instantValue(first);

/** A two-row file whose second row's `column` cell is `raw`, the other cells plain. */
function fileWith(column: "Date" | "Close" | "Open" | "Volume", raw: string): Buffer {
  const cells = { Date: "2020-01-03", Open: "10", Close: "11", Volume: "500", [column]: raw };
  const row = [cells.Date, cells.Open, cells.Close, "0", cells.Volume].join(",");
  return Buffer.from(`Date,Open,Close,Adj Close,Volume\n2020-01-02,10,10,0,400\n${row}\n`);
}

// Both row readers, each with the scratch a thread reads file after file into: the WebAssembly one where
// there is WebAssembly (row-module.ts), the JavaScript one (row-reader.ts) elsewhere and as the reference.
describe.each([
  ["WebAssembly", true],
  ["JavaScript", false],
])("the column reader's cells (%s rows)", (_, byModule) => {
  const scratch = new ColumnScratch(byModule);

  it("reads a number exactly as the full reader does, or leaves the file to it", () => {
    const raw = fc.stringMatching(/^[-+0-9.e ]{0,18}$/);
    fc.assert(
      fc.property(
        raw,
        fc.constantFrom("Close", "Open", "Volume") as fc.Arbitrary<"Close" | "Open" | "Volume">,
        (cell, column) => {
          const series = readColumns(fileWith(column, cell), { symbol: "X" }, scratch);
          // An empty open or volume is absent, as the full reader reads it: taken, the bar without one.
          if (cell === "" && column !== "Close") {
            expect(series?.length).toBe(2);
            expect(series?.volume(1)).toBe(column === "Volume" ? undefined : 500);
            return;
          }
          const value = decimalCell(cell);
          const valid = column === "Volume" ? volumeIsValid(value) : priceIsValid(value);
          // Taken: the value is the full reader's; a simple valid decimal is always taken.
          if (series !== undefined) {
            expect(valid).toBe(true);
            const read =
              column === "Close" ? series.closes[1] : column === "Volume" ? series.volume(1) : value;
            expect(Object.is(read, value)).toBe(true);
          } else expect(simpleDecimal(cell, 0, cell.length) !== undefined && valid).toBe(false);
        },
      ),
      { numRuns: 20_000, seed: 13 },
    );
  });

  it("reads numbers of 8 to 16 digits, signs and zeros as the full reader does", () => {
    const digits = "1234567890123456";
    const cells = ["0", "-0", "+0", "0.000", "-1", "00000000000000.1", "0.00000000000001", "999999999999999"];
    for (let length = 8; length <= 16; length++) {
      const whole = digits.slice(0, length);
      for (let dot = 0; dot <= length; dot++) cells.push(`${whole.slice(0, dot)}.${whole.slice(dot)}`);
      cells.push(whole, `-${whole}`, `+${whole}`);
    }
    for (const cell of cells)
      for (const column of ["Close", "Open", "Volume"] as const) {
        const series = readColumns(fileWith(column, cell), { symbol: "X" }, scratch);
        const value = decimalCell(cell);
        const valid = column === "Volume" ? volumeIsValid(value) : priceIsValid(value);
        const plain = simpleDecimal(cell, 0, cell.length) !== undefined;
        expect(series !== undefined, `${column} ${cell}`).toBe(plain && valid);
        if (series === undefined) continue;
        const read = column === "Close" ? series.closes[1] : column === "Volume" ? series.volume(1) : value;
        expect(Object.is(read, value), `${column} ${cell}`).toBe(true);
      }
  });

  it("takes a date exactly when it is a calendar date after the row before", () => {
    const raw = fc.stringMatching(/^[0-9-]{8,11}$/);
    fc.assert(
      fc.property(raw, (cell) => {
        const series = readColumns(fileWith("Date", cell), { symbol: "X" }, scratch);
        const value = isoDateValue(cell);
        const after = value !== undefined && value > (isoDateValue("2020-01-02") as number);
        expect(series !== undefined).toBe(after);
        if (series) expect(series.time(1)).toBe(cell);
      }),
      { numRuns: 20_000, seed: 13 },
    );
    for (const date of ["2020-02-29", "2020-12-31", "2021-01-01", "2400-02-29", "9999-12-31"])
      expect(readColumns(fileWith("Date", date), { symbol: "X" }, scratch)?.time(1)).toBe(date);
    for (const date of [
      "2021-02-29",
      "2100-02-29",
      "2020-04-31",
      "2020-00-10",
      "2020-1-020",
      "2019-17-05",
      "2020-01-32",
    ])
      expect(readColumns(fileWith("Date", date), { symbol: "X" }, scratch)).toBeUndefined();
  });

  it("takes a file's dates exactly when each is a calendar date after the one before, month after month", () => {
    // Dates near one another, in order as text: many rows in one month, some impossible days and months.
    const day = fc
      .tuple(
        fc.integer({ min: 2019, max: 2021 }),
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 0, max: 32 }),
      )
      .map(
        ([year, month, date]) => `${year}-${String(month).padStart(2, "0")}-${String(date).padStart(2, "0")}`,
      );
    fc.assert(
      fc.property(fc.array(day, { minLength: 1, maxLength: 40 }), (unordered) => {
        const dates = [...unordered].sort();
        const rows = dates.map((date) => `${date},10\n`).join("");
        const series = readColumns(Buffer.from(`Date,Close\n${rows}`), { symbol: "X" }, scratch);
        const values = dates.map((date) => isoDateValue(date));
        const taken = values.every(
          (value, i) => value !== undefined && (i === 0 || value > (values[i - 1] ?? value)),
        );
        expect(series !== undefined).toBe(taken);
        if (series) expect(dates.map((_, i) => series.time(i))).toEqual(dates);
      }),
      { numRuns: 5_000, seed: 29 },
    );
  });

  it("takes a datetime exactly when it is ISO in the first row's shape and after it, and writes it back as given", () => {
    // Near-datetimes: days and times of day that exist or not, each shape's characters or others.
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, "0"));
    const cell = fc
      .tuple(
        fc.constantFrom("2020-01-02", "2020-01-03", "2019-12-31", "2020-02-30", "2020-01-01"),
        fc.constantFrom("T", " ", "t", "", ","),
        two(26),
        fc.constantFrom(":", "", "-"),
        two(62),
        fc.option(fc.tuple(fc.constantFrom(":", ":", "."), two(62)), { nil: undefined }),
        fc.option(fc.constantFrom(".5", ".000"), { nil: undefined }),
        fc.constantFrom("Z", "", "z", "+00:00"),
      )
      .map(
        ([date, between, hour, colon, minute, second, fraction, zone]) =>
          `${date}${between}${hour}${colon}${minute}${second ? second.join("") : ""}${fraction ?? ""}${zone}`,
      );
    fc.assert(
      fc.property(fc.constantFrom(...CLOCK_SHAPES), cell, (first, text) => {
        const file = Buffer.from(`Date,Close\n${first},10\n${text},11\n`);
        const series = readColumns(file, { symbol: "X" }, scratch);
        expect(series !== undefined, `${first} then ${text}`).toBe(takesAfter(first, text));
        if (series) expect([series.time(0), series.time(1)]).toEqual([first, text]);
      }),
      { numRuns: 20_000, seed: 17 },
    );
  });

  it("takes a file of datetimes exactly when each is a time of day after the one before, and writes each back", () => {
    // Minutes near one another, in order as text: some impossible hours and minutes, some repeated.
    const minute = fc
      .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }))
      .map(([day, hour, minute]) => [day, hour, minute].map((n) => String(n).padStart(2, "0")));
    fc.assert(
      fc.property(
        fc.constantFrom(...CLOCK_SHAPES),
        fc.array(minute, { minLength: 1, maxLength: 40 }),
        (shape, unordered) => {
          const times = unordered
            .map(([day, hour, minute]) => `2020-01-${day}${shape[10]}${hour}:${minute}${shape.slice(16)}`)
            .sort();
          const rows = times.map((time) => `${time},10\n`).join("");
          const series = readColumns(Buffer.from(`Date,Close\n${rows}`), { symbol: "X" }, scratch);
          const taken = times.every(
            (time, i) => timeStyle(time) === "iso" && (i === 0 || takesAfter(times[i - 1] ?? time, time)),
          );
          expect(series !== undefined).toBe(taken);
          if (series) expect(times.map((_, i) => series.time(i))).toEqual(times);
        },
      ),
      { numRuns: 5_000, seed: 31 },
    );
  });

  it("takes an epoch time exactly when it is digits in the first row's unit, no leading 0, after it", () => {
    // Seconds are 1 to 11 digits, milliseconds 12 or 13 (the CLI's rule), and a first row of 8 digits or
    // fewer is left to readSeries (time-shape-codes.ts); near ones, and odd ones.
    const cell = fc.oneof(
      fc.stringMatching(/^[1-9][0-9]{6,13}$/),
      fc.stringMatching(/^0[0-9]{0,12}$/),
      fc.stringMatching(/^[0-9.+-]{0,14}$/),
    );
    const unit = (text: string) => (text.length > 11 ? "ms" : "s");
    fc.assert(
      fc.property(
        fc.constantFrom(
          "0",
          "9999999",
          "100000000",
          "946909800",
          "1577923200",
          "99999999998",
          "946909800000",
          "1577923200000",
        ),
        cell,
        (first, text) => {
          const file = Buffer.from(`Date,Close\n${first},10\n${text},11\n`);
          const series = readColumns(file, { symbol: "X" }, scratch);
          const taken =
            first.length > AMBIGUOUS_DIGITS &&
            /^(0|[1-9][0-9]*)$/.test(text) &&
            timeStyle(text) === "epoch" &&
            unit(text) === unit(first) &&
            instantValue(text) > instantValue(first);
          expect(series !== undefined, `${first} then ${text}`).toBe(taken);
          if (series) expect([series.time(0), series.time(1)]).toEqual([first, text]);
        },
      ),
      { numRuns: 20_000, seed: 19 },
    );
  });

  it("leaves a file of datetimes to readSeries when its separator is a character of a time", () => {
    for (const delimiter of [":", "T", "Z", " "]) {
      const text = `Date${delimiter}Close\n2020-01-02T09:30:00Z${delimiter}1\n`;
      expect(readColumns(Buffer.from(text), { symbol: "X", delimiter }, scratch)).toBeUndefined();
    }
    const piped = readColumns(
      Buffer.from("Date|Close\n2020-01-02 09:30|1\n"),
      { symbol: "X", delimiter: "|" },
      scratch,
    );
    expect(piped?.time(0)).toBe("2020-01-02 09:30");
  });

  it("reads the first and last years a date can write", () => {
    const dates = [
      "0000-01-01",
      "0000-02-29",
      "0000-03-01",
      "0001-01-01",
      "0399-12-31",
      "0400-02-29",
      "9999-12-31",
    ];
    const rows = dates.map((date) => `${date},10\n`).join("");
    const series = readColumns(Buffer.from(`Date,Close\n${rows}`), { symbol: "X" }, scratch);
    expect(dates.map((_, i) => series?.time(i))).toEqual(dates);
  });

  it("takes no time past the years 0000 to 9999 in UTC: its extremes are times, a zone offset is readSeries'", () => {
    // The reader checks no years of its own: its shapes (four digits of year and no offset, or at most 13
    // epoch digits) name none past them, which these extremes of each shape hold it to (the least epoch
    // seconds it takes first have nine digits: fewer are readSeries', time-shape-codes.ts).
    for (const times of [
      ["0000-01-01", "9999-12-31"],
      ["0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z"],
      ["0000-01-01 00:00", "9999-12-31 23:59"],
      ["100000000", "99999999999"],
      ["100000000000", "9999999999999"],
    ]) {
      const rows = times.map((time) => `${time},10\n`).join("");
      const series = readColumns(Buffer.from(`Date,Close\n${rows}`), { symbol: "X" }, scratch);
      expect(times.map((_, i) => series?.time(i))).toEqual(times);
      for (const time of times) expect(sortableTime(time), time).toMatch(/^\d{4}-/);
    }
    // Past them only by an offset, which the full reader reads, and refuses by core's rule.
    const past = "Date,Close\n9999-12-30T00:00:00Z,10\n9999-12-31T23:59:59-12:00,11\n";
    expect(readColumns(Buffer.from(past), { symbol: "X" }, scratch)).toBeUndefined();
    expect(timeStyle("9999-12-31T23:59:59-12:00")).toMatch(/is not a time from the year 0000 to 9999 in UTC/);
  });

  it("leaves a file to readSeries when a row has more cells than its header, and reads a shorter one", () => {
    const read = (text: string) => readColumns(Buffer.from(text), { symbol: "X" }, scratch);
    for (const header of ["Date,Open,Close,Volume", "Date,Close,Note,Volume", "Date,Close,Adj Close,Note"]) {
      const rows = Array.from(
        { length: 50 },
        (_, i) => `2020-01-${String(i + 1).padStart(2, "0")},10,11,500`,
      );
      rows.length = 31;
      expect(read(`${header}\n${rows.join("\n")}\n`)?.length, header).toBe(31);
      // An unquoted thousands separator (1,400.5: two cells) or a trailing separator, at the first row or the last.
      for (const at of [0, 30])
        for (const long of [`${rows[at]?.slice(0, 14)}1,400.5,11,500`, `${rows[at]},`, `${rows[at]},,`]) {
          const spoilt = rows.map((row, i) => (i === at ? long : row));
          expect(read(`${header}\n${spoilt.join("\n")}\n`), `${header}: ${long}`).toBeUndefined();
        }
      const short = rows.map((row, i) => (i === 5 ? row.slice(0, 16) : row));
      expect(read(`${header}\n${short.join("\n")}\n`)?.length, `${header}: short`).toBe(31);
    }
  });

  it("leaves a file to readSeries when its separator could be part of a date or a number", () => {
    const text = "Date-Close\n2020-01-02-1\n";
    for (const delimiter of ["-", "+", ".", "1"])
      expect(
        readColumns(Buffer.from(text.replaceAll("-", delimiter)), { symbol: "X", delimiter }, scratch),
      ).toBeUndefined();
    expect(
      readColumns(Buffer.from("Date|Close\n2020-01-02|1\n"), { symbol: "X", delimiter: "|" }, scratch)
        ?.closes,
    ).toEqual(Float64Array.from([1]));
  });
});
