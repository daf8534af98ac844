import { readFileSync } from "node:fs";
import { AMBIGUOUS_DIGITS as CORE_AMBIGUOUS_DIGITS } from "@stock-patterns/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { memorySource } from "../../test/memory-source";
import { headerOf, readColumns } from "./column-reader";
import { ColumnScratch } from "./column-scratch";
import type { ColumnSeries } from "./column-series";
import { readColumnsFrom } from "./column-stream";
import { mostBars } from "./row-layout";
import { ModuleRows } from "./row-module";
import { AMBIGUOUS_DIGITS } from "./time-shape-codes";

/** Whether two readings are the same: both declined, or the same bars, each value Object.is the other's. */
function same(module: ColumnSeries | undefined, script: ColumnSeries | undefined): string | undefined {
  if (module === undefined || script === undefined)
    return module === script ? undefined : `module ${module?.length}, script ${script?.length}`;
  if (module.length !== script.length) return `length ${module.length} vs ${script.length}`;
  for (let i = 0; i < script.length; i++) {
    if (!Object.is(module.closes[i], script.closes[i])) return `close ${i}`;
    if (!Object.is(module.volume(i), script.volume(i))) return `volume ${i}`;
    if (module.time(i) !== script.time(i)) return `time ${i}`;
  }
  return undefined;
}

/** The JavaScript reader's columns, the reference. */
const byScript = (file: Buffer) => readColumns(file, { symbol: "X" }, new ColumnScratch(false));

const HEADERS = [
  ["Date", "Open", "High", "Low", "Close", "Adj Close", "Volume"],
  ["Date", "Close"],
  ["Date", "Close", "Volume"],
  ["Volume", "Close", "Date", "Open"],
  ["Date", "Note", "Close", "High"],
];

/** Numbers the readers take (as a volume at least) that are not the common kind: each read to the same double. */
const ODD_VALID = [
  "-0",
  "+0",
  "0",
  "0.0",
  "+7",
  ".5",
  "5.",
  "00012",
  "4294967295",
  "4294967296",
  "999999999999999",
  "0.00000000000001",
  "123456789012.345",
  "12345678901234.5",
];
/** Cells the common reader leaves to readSeries (not plain decimals) or that break the valid-bar rule. */
const ODD_NUMBERS = [
  "-1",
  "1.2.3",
  "1e2",
  "",
  " 1",
  "1 ",
  "0x10",
  "-",
  "+",
  ".",
  "9999999999999999",
  "1234567890.1234567",
  "1e-31",
  "12a",
  "NaN",
  "Infinity",
  "-0.5",
];
const ODD_DATES = [
  "2021-02-29",
  "2020-02-30",
  "2019-04-31",
  "2019-00-10",
  "2019-13-01",
  "2019-01-00",
  "2019-01-32",
  "2019-1-02",
  "2019/01/02",
  "20190102",
  " 2019-01-02",
  "2019-01-02T00:00",
  "0000-01-01",
  "9999-12-31",
  "1900-02-29",
  "2000-02-29",
  "2019-01-0a",
  "",
  "2019-01-02T24:00:00Z",
  "2019-01-02T10:60",
  "2019-01-02T10:00:00.5Z",
  "2019-01-02t10:00",
  "2019-01-02 10:00Z",
  "2019-01-02T10:00:00+01:00",
];

/** How a file writes its times: the first half of its rows in one style, the second in another. */
type TimeStyles = [TimeStyle, TimeStyle];
type TimeStyle = "iso" | "s" | "ms" | "minutes" | "seconds";
/**
 * Epoch times, which both readers take in one unit per file, also with a change of unit or of style
 * halfway (which both leave to readSeries), in order or going back in time.
 */
const EPOCH_STYLES: TimeStyles[] = [
  ["s", "s"],
  ["ms", "ms"],
  ["s", "ms"],
  ["ms", "s"],
  ["iso", "s"],
  ["iso", "ms"],
  ["s", "iso"],
];

/** Datetimes, which both readers take in one shape per file: minute after minute, or second after second. */
const CLOCK_STYLES: TimeStyles[] = [
  ["minutes", "minutes"],
  ["seconds", "seconds"],
];

/** Day `day` after 1900-01-01 written in `style` (for a clock style, minute or second `day` of 1 Jan 1900). */
function timeText(day: number, style: TimeStyle): string {
  if (style === "minutes")
    return new Date(Date.UTC(1900, 0, 1) + day * 60_000).toISOString().slice(0, 16).replace("T", " ");
  if (style === "seconds")
    return `${new Date(Date.UTC(1900, 0, 1) + day * 1000).toISOString().slice(0, 19)}Z`;
  const ms = Date.UTC(1900, 0, 1) + day * 86_400_000;
  if (style === "s") return String(ms / 1000);
  return style === "ms" ? String(ms) : new Date(ms).toISOString().slice(0, 10);
}

// biome-ignore format: the lists read better one to a line's width.
const plainNumber = fc.oneof(
  fc.integer({ min: 1, max: 99_999 }).map(String),
  fc.tuple(fc.integer({ min: 0, max: 9_999 }), fc.integer({ min: 0, max: 9_999 })).map(([a, b]) => `${a}.${String(b).padStart(4, "0")}`),
  fc.tuple(fc.integer({ min: 1, max: 999_999_999 }), fc.integer({ min: 0, max: 999_999 })).map(([a, b]) => `${a}.${b}`),
);

/** A file of rows laid out as one of HEADERS, most cells plain and valid, some odd (ODD_*), some rows cut short or long. */
const oddFile = fc
  .record({
    header: fc.constantFrom(...HEADERS),
    start: fc.integer({ min: 0, max: 3_000_000 }),
    rows: fc.array(
      fc.record({
        step: fc.oneof(fc.constant(1), fc.integer({ min: 0, max: 40 })),
        numbers: fc.array(
          fc.oneof(
            { weight: 24, arbitrary: plainNumber },
            { weight: 3, arbitrary: fc.constantFrom(...ODD_VALID) },
            { weight: 1, arbitrary: fc.constantFrom(...ODD_NUMBERS) },
          ),
          { minLength: 7, maxLength: 7 },
        ),
        date: fc.oneof(
          { weight: 30, arbitrary: fc.constant(undefined) },
          { weight: 1, arbitrary: fc.constantFrom(...ODD_DATES) },
        ),
        shape: fc.oneof(
          { weight: 40, arbitrary: fc.constant("row") },
          { weight: 1, arbitrary: fc.constantFrom("short", "long", "blank", "trailing") },
        ),
      }),
      { minLength: 1, maxLength: 80 },
    ),
    separator: fc.constantFrom(",", ";", "\t"),
    times: fc.oneof(
      { weight: 9, arbitrary: fc.constant<TimeStyles>(["iso", "iso"]) },
      { weight: 1, arbitrary: fc.constantFrom<TimeStyles>(...EPOCH_STYLES) },
      { weight: 4, arbitrary: fc.constantFrom<TimeStyles>(...CLOCK_STYLES) },
    ),
    back: fc.integer({ min: -400, max: 0 }),
  })
  .map(({ header, start, rows, separator, times, back }) => {
    let day = start;
    // The second half of the rows in the second style, in an epoch file from `back` days earlier (0: in order).
    const shift = times[1] === times[0] && !EPOCH_STYLES.includes(times) ? 0 : back;
    const lines = rows.map(({ step, numbers, date, shape }, row) => {
      day += step;
      const second = row >= rows.length / 2;
      const text = date ?? timeText(day + (second ? shift : 0), times[second ? 1 : 0]);
      const cells = header.map((name, i) =>
        name === "Date" ? text : name === "Note" ? "x y" : (numbers[i] ?? "1"),
      );
      if (shape === "blank") return "";
      if (shape === "short") return cells.slice(0, -1).join(separator);
      if (shape === "long") return [...cells, "9"].join(separator);
      return cells.join(separator) + (shape === "trailing" ? separator : "");
    });
    return Buffer.from(`${header.join(separator)}\n${lines.join("\n")}\n`);
  });

describe("the WebAssembly row reader", () => {
  it("is embedded in both bundles, as the build compiled it (the bundles read no file beside them)", () => {
    const dist = new URL("../../dist/", import.meta.url);
    const module = readFileSync(new URL("row-reader.wasm", dist)).toString("base64");
    for (const bundle of ["main.cjs", "worker.cjs"])
      expect(readFileSync(new URL(bundle, dist), "utf8").includes(module), bundle).toBe(true);
  });

  it("is there (the module compiled), so the tests below compare two readers", () => {
    const header = headerOf(Buffer.from("Date,Close\n2020-01-02,1\n"), true, { symbol: "X" });
    expect(header && ModuleRows.for(undefined, header.layout, header.sep, 4)).toBeInstanceOf(ModuleRows);
  });

  it("reads every file as the JavaScript reader does, value for value, and declines the files it declines", () => {
    const scratch = new ColumnScratch();
    let read = 0;
    let declined = 0;
    fc.assert(
      fc.property(oddFile, (file) => {
        const script = byScript(file);
        if (script === undefined) declined++;
        else read++;
        expect(same(readColumns(file, { symbol: "X" }, scratch), script)).toBeUndefined();
      }),
      { numRuns: 1_500, seed: 11 },
    );
    // Both kinds were met, many times.
    console.log({ read, declined });
    expect(Math.min(read, declined)).toBeGreaterThan(300);
  }, 30_000);

  it("leaves a file whose first epoch time has eight digits or fewer to readSeries, as the JavaScript reader does", () => {
    // Eight digits are no time (core's rule): 20200102 was taken as epoch seconds of 1970. A file whose
    // first time has nine digits or more ascends without a leading 0, so none of its rows has eight.
    expect(AMBIGUOUS_DIGITS).toBe(CORE_AMBIGUOUS_DIGITS);
    const scratch = new ColumnScratch();
    for (const [times, taken] of [
      [["20200102", "20200103"], false],
      [["9999998", "9999999", "19700101"], false],
      [["1", "2"], false],
      [["100000000", "100086400"], true],
      [["1577923200", "1578009600"], true],
      [["1577923200000", "1578009600000"], true],
    ] as const) {
      const file = Buffer.from(`Date,Close\n${times.map((time) => `${time},10`).join("\n")}\n`);
      const script = byScript(file);
      expect(script !== undefined, times[0]).toBe(taken);
      expect(same(readColumns(file, { symbol: "X" }, scratch), script), times[0]).toBeUndefined();
    }
  });

  it("reads the same a piece at a time, with columns of any first size laid out anew as they fill", () => {
    const scratch = new ColumnScratch();
    fc.assert(
      fc.property(
        oddFile,
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 1, max: 9 }),
        (file, piece, room) => {
          const script = byScript(file);
          const streamed = readColumnsFrom(memorySource(file, piece), { symbol: "X" }, scratch);
          expect(same(streamed, script)).toBeUndefined();
          // The JavaScript reader a piece at a time: its columns grow as they fill (ColumnScratch.grow).
          const byPieces = readColumnsFrom(
            memorySource(file, piece),
            { symbol: "X" },
            new ColumnScratch(false),
          );
          expect(same(byPieces, script)).toBeUndefined();
          // Room for `room` bars at first: full, then twice the room, up to the most the file can hold.
          const header = headerOf(file, true, { symbol: "X" });
          if (header === undefined || file.includes(13) || file.includes(34)) return;
          const rows = ModuleRows.for(undefined, header.layout, header.sep, room);
          const most = mostBars(header.layout, file.length - header.body);
          const small =
            rows?.read(file, header.body, file.length, most) === "read" ? rows?.series() : undefined;
          expect(same(small, script)).toBeUndefined();
        },
      ),
      { numRuns: 400, seed: 12 },
    );
  }, 30_000);

  it("leaves a file to the JavaScript reader when its columns would not fit the 4 GiB a module addresses", () => {
    const header = headerOf(Buffer.from("Date,Close\n2020-01-02,1\n"), true, { symbol: "X" });
    expect(header && ModuleRows.for(undefined, header.layout, header.sep, 300_000_000)).toBeUndefined();
    // The reader as it was is still there for the next file.
    const scratch = new ColumnScratch();
    expect(readColumns(Buffer.from("Date,Close\n2020-01-02,1\n"), { symbol: "X" }, scratch)?.closes[0]).toBe(
      1,
    );
  });

  it("reads a volume past 2^32 late in a file as a double, the counts before it too", () => {
    const rows = Array.from(
      { length: 5_000 },
      (_, i) =>
        `${2000 + Math.floor(i / 300)}-${String(1 + Math.floor((i % 300) / 25)).padStart(2, "0")}-${String(1 + (i % 25)).padStart(2, "0")},${10 + (i % 7)},${i === 4_000 ? 5_000_000_000 : i}`,
    );
    const file = Buffer.from(`Date,Close,Volume\n${rows.join("\n")}\n`);
    const script = byScript(file);
    expect(script?.volume(4_000)).toBe(5_000_000_000);
    expect(same(readColumns(file, { symbol: "X" }), script)).toBeUndefined();
  });
});
