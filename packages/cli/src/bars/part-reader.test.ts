import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { randomSeries } from "../../../core/test/random-series";
import { SPX_FILE } from "../../test/run";
import { readColumns } from "./column-reader";
import { ColumnScratch } from "./column-scratch";
import type { ColumnSeries } from "./column-series";
import { bytesAt, type FilePart, type PositionalSource, readColumnsPart, readFully } from "./part-reader";
import { PIECE_BYTES } from "./pieces";

/** Bars `from` .. `to` - 1 of a series, as plain arrays (its columns are views of a scratch). */
function bars(series: ColumnSeries, from = 0, to = series.length) {
  const indices = Array.from({ length: to - from }, (_, i) => from + i);
  return {
    closes: indices.map((i) => series.closes[i]),
    times: indices.map((i) => series.time(i)),
    volumes: indices.map((i) => series.volume(i)),
  };
}

/** `file` read at most `piece` bytes a call, counting the bytes it gives. */
function countingSource(file: Buffer, piece: number): PositionalSource & { given: number } {
  const inner = bytesAt(file);
  return {
    size: file.length,
    given: 0,
    readAt(into, at, length, position) {
      const got = inner.readAt(into, at, Math.min(length, piece), position);
      this.given += got;
      return got;
    },
  };
}

/**
 * Where part `part` of `text`'s rows starts and ends, as the count of bars (non-empty lines after the
 * header) before each cut, read straight from the text: a cut at a fraction of the rows' bytes moves on
 * to the next line start.
 */
function expectedCuts(text: Buffer, part: FilePart) {
  const body = text.indexOf(10) + 1;
  const cut = (fraction: number) => {
    if (fraction >= 1) return text.length;
    const target = body + Math.floor((text.length - body) * fraction);
    if (target <= body) return body;
    const newline = text.indexOf(10, target - 1);
    return newline < 0 ? text.length : newline + 1;
  };
  const barsBefore = (at: number) =>
    text
      .subarray(body, at)
      .toString()
      .split("\n")
      .filter((line) => line !== "").length;
  return { own: barsBefore(cut(part.from)), end: barsBefore(cut(part.to)) };
}

const REACH = 37;

describe("readColumnsPart", () => {
  it("reads a part and its lead as the whole file's bars, however small the first reads and the parts", () => {
    const input = fc.record({
      series: randomSeries,
      separator: fc.constantFrom(",", ";", "\t"),
      parts: fc.integer({ min: 1, max: 9 }),
      reach: fc.integer({ min: 0, max: 40 }),
      margin: fc.integer({ min: 1, max: 300 }),
      piece: fc.integer({ min: 1, max: 500 }),
      blankLines: fc.boolean(),
    });
    fc.assert(
      fc.property(input, ({ series, separator, parts, reach, margin, piece, blankLines }) => {
        const rows = series.bars.map((bar, i) =>
          [bar.time, bar.close.toFixed(3), String(i * 7)].join(separator),
        );
        const text = Buffer.from(
          `${["Date", "Close", "Volume"].join(separator)}\n${rows.join(blankLines ? "\n\n" : "\n")}\n`,
        );
        const whole = readColumns(text, { symbol: "X" });
        // Blank lines among the first may make the separator guess another: then no part is taken either.
        if (whole === undefined) {
          const read = readColumnsPart(
            bytesAt(text),
            { symbol: "X" },
            { from: 0, to: 1 },
            reach,
            new ColumnScratch(),
          );
          expect(read).toBeUndefined();
          return;
        }
        const expected = bars(whole);
        for (let k = 0; k < parts; k++) {
          const part = { from: k / parts, to: (k + 1) / parts };
          const { own, end } = expectedCuts(text, part);
          const lead = Math.min(reach, own);
          const scratch = new ColumnScratch();
          const read = readColumnsPart(
            countingSource(text, piece),
            { symbol: "X" },
            part,
            reach,
            scratch,
            margin,
          );
          if (lead + end - own === 0) {
            expect(read).toBeUndefined();
            continue;
          }
          expect(read?.lead).toBe(lead);
          // biome-ignore lint/style/noNonNullAssertion: checked just above.
          const got = bars(read!.series);
          expect(got.closes).toEqual(expected.closes.slice(own - lead, end));
          expect(got.times).toEqual(expected.times.slice(own - lead, end));
          expect(got.volumes).toEqual(expected.volumes.slice(own - lead, end));
        }
      }),
      { numRuns: 200, seed: 29 },
    );
  });

  it("reads the header's lines and its own bytes, not the whole file", () => {
    const file = readFileSync(SPX_FILE);
    for (const part of [
      { from: 0, to: 0.25 },
      { from: 0.5, to: 0.75 },
      { from: 0.75, to: 1 },
    ]) {
      const source = countingSource(file, file.length);
      const read = readColumnsPart(source, { symbol: "SPX" }, part, REACH, new ColumnScratch(), 4096);
      expect(read?.lead).toBe(part.from === 0 ? 0 : REACH);
      // A quarter of the rows, the header's 4 KiB and the 4 KiB around each cut, read twice at most.
      expect(source.given).toBeLessThan(0.25 * file.length + 6 * 4096);
      expect(source.given).toBeGreaterThan(0.25 * file.length);
    }
  });

  it("declines a part whose own bytes or header hold a quote or a carriage return, not the others", () => {
    const rows = Array.from(
      { length: 400 },
      (_, i) => `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}-01,${i + 1}`,
    );
    const quoted = [...rows];
    quoted[350] = `"${quoted[350]?.replace(",", '",')}`;
    const text = Buffer.from(`Date,Close\n${quoted.join("\n")}\n`);
    const read = (part: FilePart) =>
      readColumnsPart(bytesAt(text), { symbol: "X" }, part, REACH, new ColumnScratch());
    expect(read({ from: 0, to: 0.5 })?.series.length).toBeGreaterThan(150);
    expect(read({ from: 0.5, to: 1 })).toBeUndefined();
    const returned = Buffer.from(`Date,Close\r\n${rows.join("\n")}\n`);
    expect(
      readColumnsPart(bytesAt(returned), { symbol: "X" }, { from: 0.5, to: 1 }, REACH, new ColumnScratch()),
    ).toBeUndefined();
  });

  it("declines a file shorter than its size said (it shrank while it was read)", () => {
    const text = readFileSync(SPX_FILE);
    const inner = bytesAt(text.subarray(0, text.length / 2));
    const told: PositionalSource = { size: text.length, readAt: (...args) => inner.readAt(...args) };
    const read = (part: FilePart) =>
      readColumnsPart(told, { symbol: "SPX" }, part, REACH, new ColumnScratch());
    expect(read({ from: 0.75, to: 1 })).toBeUndefined();
    expect(read({ from: 0.25, to: 1 })).toBeUndefined();
  });
});

describe("readFully", () => {
  // Reads past PIECE_BYTES go through the thread's piece: the same bytes as read straight, in any length,
  // from any position, however short the file system's reads, and fewer only at the file's end.
  it("gives the bytes at the position, through its piece or not", () => {
    const file = Buffer.alloc(3 * PIECE_BYTES + 1234);
    for (let i = 0; i < file.length; i++) file[i] = (i * 2654435761) >>> 24;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: file.length }),
        fc.integer({ min: 0, max: 3 * PIECE_BYTES + 4000 }),
        fc.constantFrom(977, 65_536, PIECE_BYTES, 4 * PIECE_BYTES),
        (position, length, piece) => {
          const into = Buffer.alloc(length, 0xee);
          const read = readFully(countingSource(file, piece), into, position);
          const expected = file.subarray(position, Math.min(file.length, position + length));
          expect(read).toBe(expected.length);
          expect(into.subarray(0, read).equals(expected)).toBe(true);
          expect(into.subarray(read).every((byte) => byte === 0xee)).toBe(true);
        },
      ),
      { numRuns: 60, seed: 13 },
    );
  }, 30_000);
});
