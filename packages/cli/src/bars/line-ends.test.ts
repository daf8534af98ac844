import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dailyRows, columnDifference as differs } from "../../test/column-differences";
import { memorySource } from "../../test/memory-source";
import { readColumns } from "./column-reader";
import { ColumnScratch } from "./column-scratch";
import { readColumnsFrom } from "./column-stream";
import { eachSymbolSeries } from "./gathered-rows";
import { CHUNK_BYTES, LineEnds } from "./line-ends";

/** `text` stripped by LineEnds in pieces of `piece` bytes, as Pieces reads a file; undefined when refused. */
function stripped(text: string, piece: number): string | undefined {
  const bytes = Buffer.from(text, "latin1");
  const ends = new LineEnds();
  let end = 0;
  for (let from = 0; from < bytes.length; from += piece) {
    // Each piece lands after what the pieces before left, as Pieces.more reads into its buffer.
    const to = Math.min(bytes.length, from + piece);
    bytes.copy(bytes, end, from, to);
    end = ends.strip(bytes, end, end + (to - from));
  }
  ends.end();
  return ends.refused ? undefined : bytes.toString("latin1", 0, end);
}

/** Lines of cells without CR or LF. */
const lines = fc.array(fc.stringMatching(/^[0-9a-z,.\- ]{0,12}$/), { minLength: 1, maxLength: 30 });

describe("a file of CR LF line breaks", () => {
  it("is read as the same lines with LF breaks, in pieces of any size; a file of LF breaks is left as it is", () => {
    fc.assert(
      fc.property(lines, fc.boolean(), fc.integer({ min: 1, max: 40 }), (cells, last, piece) => {
        const lf = cells.join("\n") + (last ? "\n" : "");
        expect(stripped(lf.replaceAll("\n", "\r\n"), piece)).toBe(lf);
        expect(stripped(lf, piece)).toBe(lf);
      }),
      { numRuns: 2_000, seed: 21 },
    );
  });

  it("is read the same where a CR LF falls across the chunks a piece is stripped in", () => {
    const body = Array.from({ length: (3 * CHUNK_BYTES) / 20 }, (_, i) => `2001-01-01,${100 + (i % 900)}`);
    let crossed = 0;
    for (let pad = 0; pad < 24; pad++) {
      // The first row's length moves every later CR LF against the chunks (which start after the header).
      const lf = `Date,Close\n2001-01-01,1${"0".repeat(pad)}\n${body.join("\n")}\n`;
      const crlf = lf.replaceAll("\n", "\r\n");
      // Read in one piece, the chunks start after the header's line break.
      const chunks = crlf.indexOf("\n") + 1;
      if (crlf[chunks + CHUNK_BYTES - 1] === "\r" || crlf[chunks + 2 * CHUNK_BYTES - 1] === "\r") crossed++;
      for (const piece of [1 << 20, CHUNK_BYTES + 1, 4_093])
        expect(stripped(crlf, piece), `${pad} ${piece}`).toBe(lf);
    }
    // Some pads put a CR last in a chunk, its LF first in the next.
    expect(crossed).toBeGreaterThan(0);
  });

  it("is left to readSeries when a CR is not the end of a CR LF, or a line ends in LF alone after a CR LF", () => {
    for (const text of [
      "Date,Close\n2020-01-02,1\r\n",
      "Date,Close\r\n2020-01-02,1\n",
      "Date,Close\r\n2020-01-02,1\r",
      "Date,Close\r\n2020-01-02\r,1\r\n",
      "Date,Close\r\r\n2020-01-02,1\r\n",
      "Date,Close\r2020-01-02,1\r",
      "Date\r,Close\r\n",
    ])
      for (const piece of [1, 3, 64]) expect(stripped(text, piece), JSON.stringify(text)).toBeUndefined();
  });

  it("gives the column reader the columns of the same file with LF breaks, through both row readers", () => {
    const rows = dailyRows(3_000);
    const lf = `Date,Close,Volume\n${rows.join("\n")}\n`;
    const crlf = Buffer.from(lf.replaceAll("\n", "\r\n"));
    const expected = readColumns(Buffer.from(lf), { symbol: "X" }, new ColumnScratch(false));
    expect(expected?.length).toBe(3_000);
    for (const byModule of [true, false])
      for (const piece of [7, 4_096, 1 << 20]) {
        const series = readColumnsFrom(
          memorySource(crlf, piece),
          { symbol: "X" },
          new ColumnScratch(byModule),
        );
        expect(differs(series, expected), `${byModule} ${piece}`).toBeUndefined();
      }
    // Read whole (a folder's files in the threads): the same columns, the file itself left as it was.
    const kept = Buffer.from(crlf);
    for (const byModule of [true, false]) {
      const series = readColumns(crlf, { symbol: "X" }, new ColumnScratch(byModule));
      expect(differs(series, expected), `whole ${byModule}`).toBeUndefined();
    }
    expect(crlf.equals(kept)).toBe(true);
    // A CR LF file with one line ending in LF alone: declined (readSeries cuts it otherwise).
    const mixed = Buffer.from(`${lf.replaceAll("\n", "\r\n").slice(0, -2)}\n`);
    expect(readColumnsFrom(memorySource(mixed, 4_096), { symbol: "X" }, new ColumnScratch())).toBeUndefined();
    expect(readColumns(mixed, { symbol: "X" })).toBeUndefined();
  });

  it("gives a long file's symbols (its Symbol column last: no CR kept in a symbol) as its LF spelling does, quoted too", () => {
    const rows: string[] = [];
    for (let day = 0; day < 400; day++)
      for (const symbol of ["AA", "BB", "CC"])
        rows.push(
          `${new Date(Date.UTC(2001, 0, 1) + day * 86_400_000).toISOString().slice(0, 10)},${(50 + symbol.charCodeAt(0) + Math.sin(day / 5) * 4).toFixed(2)},${day % 30 === 0 ? "" : 100 + day},${symbol}`,
        );
    const lf = `Date,Close,Volume,Symbol\n${rows.join("\n")}\n`;
    // Each symbol's series is valid only during its call: its values are copied then.
    const read = (text: string) => {
      const found: { symbol: string; closes: number[]; times: string[]; volumes: (number | undefined)[] }[] =
        [];
      const taken = eachSymbolSeries(
        Buffer.from(text),
        { symbol: "X" },
        new ColumnScratch(),
        (symbol, series) => {
          const bars = Array.from({ length: series.length }, (_, i) => i);
          found.push({
            symbol,
            closes: Array.from(series.closes),
            times: bars.map((i) => series.time(i)),
            volumes: bars.map((i) => series.volume(i)),
          });
        },
      );
      return { taken, found };
    };
    const expected = read(lf);
    expect(expected.taken).toBe(true);
    expect(expected.found.map(({ symbol, closes }) => [symbol, closes.length])).toEqual([
      ["AA", 400],
      ["BB", 400],
      ["CC", 400],
    ]);
    expect(expected.found[0]?.volumes[30]).toBeUndefined();
    expect(read(lf.replaceAll("\n", "\r\n"))).toEqual(expected);
    // Its dates and symbols quoted as well (quotes.ts), read in one thread's copy of the file.
    const quoted = lf.replace(/(^|\n)([^,\n]+)/g, '$1"$2"').replace(/,([A-Z]+)(?=\n)/g, ',"$1"');
    expect(quoted.split("\n")[1]).toMatch(/^"2001-01-01",[\d.]+,,"AA"$/);
    expect(read(quoted.replaceAll("\n", "\r\n"))).toEqual(expected);
    expect(read(`${lf.replaceAll("\n", "\r\n").slice(0, -2)}\n`).taken).toBe(false);
  });
});
