import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { memorySource } from "../../test/memory-source";
import { readColumns } from "./column-reader";
import { ColumnScratch } from "./column-scratch";
import type { ColumnSeries } from "./column-series";
import { readColumnsFrom } from "./column-stream";
import { readSeries } from "./index";
import { JsonRows, jsonAsCsv } from "./json-rows";

/** Where the column reader's columns and readSeries' bars of one file first differ, or undefined. */
function differsFromBars(columns: ColumnSeries | undefined, text: string): string | undefined {
  const bars = readSeries(text, { symbol: "X" })[0]?.bars ?? [];
  if (columns === undefined) return "declined";
  if (columns.length !== bars.length) return "length";
  for (let i = 0; i < bars.length; i++) {
    const bar = bars[i];
    if (
      bar === undefined ||
      !Object.is(columns.closes[i], bar.close) ||
      columns.time(i) !== bar.time ||
      !Object.is(columns.volume(i), bar.volume)
    )
      return `bar ${i}`;
  }
  return undefined;
}

/** Increasing times in one of the styles the column reader takes. */
const times = (count: number, style: number) =>
  Array.from({ length: count }, (_, i) => {
    const ms = Date.UTC(2001, 0, 1) + i * 86_400_000;
    if (style === 0) return new Date(ms).toISOString().slice(0, 10);
    if (style === 1) return new Date(ms).toISOString().replace(".000", "");
    return String(ms / 1000);
  });

/** A bar's optional number: a price, absent, or null. */
const optional = fc.oneof(
  fc.integer({ min: 1, max: 99_999 }).map((n) => n / 100),
  fc.constant(undefined),
  fc.constant(null),
);

const bars = fc
  .tuple(
    fc.array(
      fc.record({
        close: fc.integer({ min: 1, max: 9_999_999 }).map((n) => n / 1000),
        open: optional,
        high: optional,
        volume: fc.oneof(fc.integer({ min: 0, max: 1e9 }), fc.constant(undefined), fc.constant(null)),
      }),
      { minLength: 1, maxLength: 80 },
    ),
    fc.integer({ min: 0, max: 2 }),
    fc.boolean(),
  )
  .map(([rows, style, dateKey]) => {
    const at = times(rows.length, style);
    // Keys in another order from bar to bar, and `date` for `time` in some files.
    return rows.map((row, i) => {
      const time = { [dateKey ? "date" : "time"]: at[i] };
      return i % 2 === 0 ? { ...time, ...row } : { ...row, ...time };
    });
  });

describe("a JSON file of bars", () => {
  it("gives the column reader the bars readSeries gives, however it is laid out", () => {
    fc.assert(
      fc.property(bars, fc.constantFrom(undefined, 2, "\t"), (given, indent) => {
        const text = JSON.stringify(given, null, indent);
        const columns = readColumns(Buffer.from(text), { symbol: "X" }, new ColumnScratch(false));
        expect(differsFromBars(columns, text)).toBeUndefined();
      }),
      { numRuns: 400, seed: 13 },
    );
  });

  it("is respelled as the CSV lines of its bars", () => {
    const text =
      ' [ {"time":"2020-01-02","close":1.5,"volume":null},\n {"open":2, "close":2,"date":"2020-01-03"}]\n';
    expect(jsonAsCsv(Buffer.from(text), 0, { piece: Buffer.alloc(0) })?.toString()).toBe(
      "Date,Open,High,Low,Close,Volume\n2020-01-02,,,,1.5,\n2020-01-03,2,,,2,\n",
    );
  });

  it("is left to readSeries when it holds anything but bar keys, plain decimals and plain time strings", () => {
    const ok = '{"time":"2020-01-02","close":1}';
    expect(jsonAsCsv(Buffer.from(`[${ok}]`), 0, { piece: Buffer.alloc(0) })).toBeDefined();
    for (const text of [
      "[]",
      `[${ok},]`,
      `[${ok}]x`,
      `[${ok}`,
      '[{"time":"2020-01-02","close":1,"note":"x"}]',
      '[{"time":"2020-01-02","close":1,"close":2}]',
      '[{"time":"2020-01-02","date":"2020-01-02","close":1}]',
      '[{"time":"2020-01-02","close":1e2}]',
      '[{"time":"2020-01-02","close":01}]',
      '[{"time":"2020-01-02","close":-}]',
      '[{"time":"2020-01-02","close":"1"}]',
      '[{"time":"2020-01-02","close":null}]',
      '[{"time":"2020-01-02"}]',
      '[{"time":1577923200,"close":1}]',
      '[{"time":" 2020-01-02","close":1}]',
      '[{"time":"2020-01-02,1","close":1}]',
      '[{"time":"2020-01-02\t","close":1}]',
      '[{"time":"2020-01-02\\u0030","close":1}]',
      '[{"t\\u0069me":"2020-01-02","close":1}]',
      '[{"time":"2020-01-02","close":1,"volume":[1]}]',
      '[{"time":"2020-01-02","close":1,"volume":true}]',
      "[{}]",
      "[1]",
    ]) {
      expect(jsonAsCsv(Buffer.from(text), 0, { piece: Buffer.alloc(0) }), text).toBeUndefined();
      expect(readColumns(Buffer.from(text), { symbol: "X" }), text).toBeUndefined();
      for (const piece of [1, 7, 4096])
        expect(streamed(Buffer.from(text), piece), `${text} in pieces of ${piece}`).toBeUndefined();
    }
  });
});

/** A file read a piece at a time (`piece` bytes at most a read), as the CLI reads one file. */
const streamed = (file: Buffer, piece: number, options = { symbol: "X" }) =>
  readColumnsFrom(memorySource(file, piece), options, new ColumnScratch());

describe("a JSON file of bars read a piece at a time", () => {
  it("gives the bars it gives read whole, however the reads cut it", () => {
    let read = 0;
    fc.assert(
      fc.property(
        bars,
        fc.constantFrom(undefined, 2, "\t"),
        fc.integer({ min: 1, max: 300 }),
        fc.constantFrom("", "\ufeff", " \r\n"),
        fc.boolean(),
        (given, indent, piece, before, crlf) => {
          const json = before + JSON.stringify(given, null, indent);
          const text = crlf ? json.replaceAll("\n", "\r\n") : json;
          const columns = streamed(Buffer.from(text), piece);
          expect(differsFromBars(columns, text)).toBeUndefined();
          read++;
        },
      ),
      { numRuns: 400, seed: 17 },
    );
    expect(read).toBe(400);
  });

  it("reads a file of many pieces, its objects cut anywhere, as the file read whole", () => {
    const given = Array.from({ length: 40_000 }, (_, i) => ({
      time: new Date(Date.UTC(1900, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
      open: 10 + (i % 13) / 4,
      close: 10 + (i % 7) / 8,
      volume: i % 50 === 0 ? null : 1000 + i,
    }));
    const file = Buffer.from(JSON.stringify(given, null, 1));
    const whole = readColumns(file, { symbol: "X" });
    expect(whole?.length).toBe(40_000);
    for (const piece of [4093, 65_536, 1 << 20]) {
      const columns = streamed(file, piece);
      expect(columns?.length, `pieces of ${piece}`).toBe(40_000);
      expect([...(columns?.closes ?? [])]).toEqual([...(whole?.closes ?? [])]);
      expect(columns?.time(39_999)).toBe(whole?.time(39_999));
    }
  });

  it("writes only the whole lines that fit the room it is given, and takes the rest again", () => {
    const text = Buffer.from('[{"time":"2020-01-02","close":1} , {"time":"2020-01-03","close":2}]');
    const out = Buffer.alloc(200);
    const rows = new JsonRows();
    // Room for the header, not for the first line (a line may take up to its object's 32 bytes).
    const first = rows.convert(text, true, out, 0, 40);
    expect(out.toString("latin1", 0, first.written)).toBe("Date,Open,High,Low,Close,Volume\n");
    expect(text.toString("latin1", first.taken)).toMatch(/^\{"time":"2020-01-02"/);
    // The first object without its end: nothing taken, until the text holds it whole.
    const cut = text.subarray(first.taken, first.taken + 20);
    expect(rows.convert(cut, false, out, first.written, 100)).toEqual({ taken: 0, written: 0 });
    const rest = rows.convert(text.subarray(first.taken), true, out, first.written, 100);
    expect(out.toString("latin1", 0, first.written + rest.written)).toBe(
      "Date,Open,High,Low,Close,Volume\n2020-01-02,,,,1,\n2020-01-03,,,,2,\n",
    );
    expect(rows.complete).toBe(true);
  });

  it("is left to readSeries with a separator or a date format asked for, as a whole one is", () => {
    const file = Buffer.from('[{"time":"2020-01-02","close":1},{"time":"2020-01-03","close":2}]');
    expect(streamed(file, 5)?.length).toBe(2);
    expect(streamed(file, 5, { symbol: "X", delimiter: ";" } as never)).toBeUndefined();
    expect(streamed(file, 5, { symbol: "X", dateFormat: "YYYY-MM-DD" } as never)).toBeUndefined();
  });
});
