import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { randomSeries } from "../../../core/test/random-series";
import { memorySource } from "../../test/memory-source";
import { readColumns } from "./column-reader";
import { ColumnScratch } from "./column-scratch";
import type { ColumnSeries } from "./column-series";
import { readColumnsFrom } from "./column-stream";
import { type ByteSource, PIECE_BYTES } from "./pieces";

/** What a series read into columns holds, as plain arrays (its columns are views of a scratch). */
function contents(series: ColumnSeries | undefined) {
  if (series === undefined) return undefined;
  const bars = Array.from({ length: series.length }, (_, i) => i);
  return {
    closes: [...series.closes],
    times: bars.map((i) => series.time(i)),
    volumes: bars.map((i) => series.volume(i)),
  };
}

const streamed = (text: string | Buffer, piece: number, delimiter?: string) =>
  contents(
    readColumnsFrom(memorySource(Buffer.from(text), piece), { symbol: "X", delimiter }, new ColumnScratch()),
  );
const whole = (text: string | Buffer, delimiter?: string) =>
  contents(readColumns(Buffer.from(text), { symbol: "X", delimiter }));

describe("readColumnsFrom", () => {
  it("reads what readColumns reads from the whole file, however the reads cut it", () => {
    const input = fc.record({
      series: randomSeries,
      separator: fc.constantFrom(",", ";", "\t"),
      piece: fc.integer({ min: 1, max: 200 }),
      volumes: fc.boolean(),
      blankLines: fc.boolean(),
    });
    fc.assert(
      fc.property(input, ({ series, separator, piece, volumes, blankLines }) => {
        const head = volumes ? ["Date", "Close", "Volume"] : ["Date", "Close"];
        const rows = series.bars.map((bar, i) =>
          [bar.time, bar.close.toFixed(3), ...(volumes ? [String(i * 7)] : [])].join(separator),
        );
        const text = `\uFEFF${head.join(separator)}\n${rows.join(blankLines ? "\n\n" : "\n")}`;
        const expected = whole(text);
        // Blank lines among the first may make the separator guess another (then both decline).
        if (!blankLines) expect(expected?.closes.length).toBe(series.bars.length);
        expect(streamed(text, piece)).toEqual(expected);
      }),
      { numRuns: 150, seed: 13 },
    );
  });

  it("declines the files readColumns declines, a quote not around a cell or a lone carriage return anywhere", () => {
    const rows = Array.from({ length: 30 }, (_, i) => `2020-01-${String(i + 1).padStart(2, "0")},${i + 1}`);
    const body = rows.join("\n");
    const declined = [
      `Date,Close\n${body}\n"2020-02-01,1"\n`,
      `Date,Close\n${body}\n2020-02-01,1"\n`,
      `Date,Close\n${body}\r\n`,
      `Date,Close\n${body}\n2020-01-30,1\n`,
      `Date,Close\n${body}\n2020-02-30,1\n`,
      `Date,Close,Symbol\n${body}\n`,
      "Date,Close\n",
      "",
    ];
    for (const text of declined) {
      expect(whole(text), text).toBeUndefined();
      for (const piece of [1, 7, 1000]) expect(streamed(text, piece), text).toBeUndefined();
    }
    expect(streamed(`Date-Close\n${body.replaceAll(",", "-")}`, 5, "-")).toBeUndefined();
    expect(streamed(`Date,Close\n${body}`, 3)?.closes).toEqual(rows.map((_, i) => i + 1));
    // A quoted cell past the first read is read as the cell (quotes.ts).
    expect(streamed(`Date,Close\n${body}\n"2020-02-01",31\n`, 7)?.closes).toEqual(
      rows.map((_, i) => i + 1).concat(31),
    );
  });

  it("reads every volume exactly, counts below 2^32 or not, whichever row first holds another, in one scratch", () => {
    // Counts go to a Uint32 column until a volume that is not one (a fraction, 2^32 or more, -0): then the
    // volumes read so far move to doubles with the rest. One scratch for every file, as a thread reads them.
    const scratch = new ColumnScratch();
    const others = ["4294967296", "0.5", "-0", "12.", "1234567890123"];
    const counts = ["0", "7", "+9", "4294967295", "0000000012", "999999999"];
    const cell = fc.oneof(fc.constantFrom(...counts), fc.constantFrom(...others));
    fc.assert(
      fc.property(
        fc.array(cell, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 90 }),
        (cells, piece) => {
          const rows = cells.map((volume, i) => `${2000 + i}-01-02,10,${volume}`);
          const text = `Date,Close,Volume\n${rows.join("\n")}\n`;
          const source = memorySource(Buffer.from(text), piece);
          const series = readColumnsFrom(source, { symbol: "X" }, scratch);
          const read = cells.map((_, i) => series?.volume(i));
          for (const [i, volume] of cells.entries())
            expect(Object.is(read[i], Number(volume)), `${i} ${volume}`).toBe(true);
        },
      ),
      { numRuns: 300, seed: 17 },
    );
  });

  it("reads a line longer than its buffer, and guesses the separator from the same lines past it", () => {
    const long = "x".repeat(PIECE_BYTES + 12_345);
    const text = `Date;Note;Close\n2020-01-02;${long};10\n2020-01-03;a,b,c;11\n`;
    expect(whole(text)?.closes).toEqual([10, 11]);
    expect(streamed(text, PIECE_BYTES)).toEqual(whole(text));
    // Past the lines the separator is guessed from, too.
    const days = Array.from({ length: 25 }, (_, i) => `2020-01-${String(i + 1).padStart(2, "0")};x;${i + 1}`);
    const later = `Date;Note;Close\n${days.join("\n")}\n2020-02-01;${long};30\n2020-02-02;y;31\n`;
    expect(whole(later)?.closes.length).toBe(27);
    expect(streamed(later, 4096)).toEqual(whole(later));
  });

  it("reads a file of several pieces as readColumns does, its columns sized and made from its first rows", () => {
    // Past 2 pieces the first read is short, the columns are sized for the bars the file likely holds at
    // its first rows' length and made ahead (ColumnScratch.prepare): from rows of one length, then of
    // another, so the guess is short (the columns grow, counts or doubles moved) or long; one scratch for
    // all, as a thread reads file after file.
    const file = (bars: number, note: (i: number) => string, fraction = -1, minutes = false) => {
      const day = (i: number) =>
        minutes
          ? `${new Date(Date.UTC(1900, 0, 1) + i * 60_000).toISOString().slice(0, 19)}Z`
          : new Date(Date.UTC(1900, 0, 1 + i)).toISOString().slice(0, 10);
      const volume = (i: number) => (i === fraction ? `${i}.5` : `${i * 3}`);
      const rows = Array.from(
        { length: bars },
        (_, i) => `${day(i)},${note(i)},${(100 + (i % 997) / 8).toFixed(3)},${volume(i)}`,
      );
      return `Date,Note,Close,Volume\n${rows.join("\n")}\n`;
    };
    const longFirst = file(33_000, (i) => (i < 3_000 ? "x".repeat(400) : "y".repeat(40)));
    const shortFirst = file(15_000, (i) => (i < 3_000 ? "" : "z".repeat(200)));
    const doublesFirst = file(33_000, (i) => (i < 3_000 ? "x".repeat(400) : "y".repeat(40)), 100);
    const short = file(2_000, () => "w");
    const minutesLongFirst = file(33_000, (i) => (i < 3_000 ? "x".repeat(400) : "y".repeat(40)), -1, true);
    for (const text of [longFirst, shortFirst, doublesFirst, minutesLongFirst])
      expect(text.length).toBeGreaterThan(2 * PIECE_BYTES);
    const shared = new ColumnScratch();
    const reads: [string, ColumnScratch][] = [
      [doublesFirst, shared],
      [longFirst, new ColumnScratch()],
      [shortFirst, shared],
      [short, shared],
      [longFirst, shared],
      [minutesLongFirst, shared],
      [short, shared],
      // The JavaScript reader, whose columns grow in the scratch (ColumnScratch.grow), times of day too.
      [minutesLongFirst, new ColumnScratch(false)],
      [doublesFirst, new ColumnScratch(false)],
    ];
    for (const [text, scratch] of reads) {
      // As one string: toEqual over arrays of 30,000 bars took seconds. Every file is read whole (a file
      // readColumns turned down would compare undefined with undefined).
      const read = whole(text);
      expect(read?.closes.length).toBe(text.split("\n").length - 2);
      const expected = JSON.stringify(read);
      for (const piece of [PIECE_BYTES, 50_000]) {
        const source = memorySource(Buffer.from(text), piece);
        expect(JSON.stringify(contents(readColumnsFrom(source, { symbol: "X" }, scratch)))).toBe(expected);
      }
    }
    // Files of 2.5-3 MB read 10 times: seconds on a busy machine.
  }, 30_000);

  it("declines a file that holds more rows than its size allows, as one growing while it is read may", () => {
    // Its columns grow past the first rows' guess (long rows first), but not past the most rows its size
    // can hold (rows of 14 bytes at the shortest: a time of one digit, a digit for each of five numbers,
    // seven separators and a line feed).
    const day = (i: number) => new Date(Date.UTC(1900, 0, 1 + i)).toISOString().slice(0, 10);
    const note = (i: number) => (i < 2_000 ? "x".repeat(300) : "");
    const rows = Array.from({ length: 160_000 }, (_, i) => `${day(i)},${note(i)},1,1,1,1${i % 10},0,1`);
    const text = Buffer.from(`Date,Note,Open,High,Low,Close,Adj Close,Volume\n${rows.join("\n")}\n`);
    const told = (size: number): ByteSource => ({ ...memorySource(text, PIECE_BYTES), size });
    const read = (size: number) => readColumnsFrom(told(size), { symbol: "X" }, new ColumnScratch());
    expect(read(text.length)?.length).toBe(160_000);
    // Told 2.6 MB: at most ~186k rows. Told 2.2 MB: at most ~157k, fewer than it holds.
    expect(read(2_600_000)?.length).toBe(160_000);
    expect(read(2_200_000)).toBeUndefined();
  }, 30_000);
});
