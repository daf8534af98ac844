import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dailyRows, columnDifference as differs } from "../../test/column-differences";
import { memorySource } from "../../test/memory-source";
import { readColumns } from "./column-reader";
import { ColumnScratch } from "./column-scratch";
import { readColumnsFrom } from "./column-stream";
import { readSeries } from "./index";
import { QuotedCells } from "./quotes";

const COMMA = ",".charCodeAt(0);

/** `text` stripped by QuotedCells in pieces of `piece` bytes, as Pieces reads a file; undefined when refused. */
function stripped(text: string, piece: number, separator = COMMA): string | undefined {
  const bytes = Buffer.from(text, "latin1");
  const cells = new QuotedCells(separator);
  let end = 0;
  for (let from = 0; from < bytes.length; from += piece) {
    // Each piece lands after what the pieces before left, as Pieces.more reads into its buffer.
    const to = Math.min(bytes.length, from + piece);
    bytes.copy(bytes, end, from, to);
    end = cells.strip(bytes, end, end + (to - from));
  }
  cells.end();
  return cells.refused ? undefined : bytes.toString("latin1", 0, end);
}

/** Rows of cells holding no quote, separator or line break, and for each cell whether it is quoted. */
const quotedRows = (separator: string) =>
  fc
    .array(
      fc.array(fc.record({ text: fc.stringMatching(/^[0-9a-z.\- :]{0,10}$/), quoted: fc.boolean() }), {
        minLength: 1,
        maxLength: 6,
      }),
      { minLength: 1, maxLength: 20 },
    )
    .map((rows) => ({
      plain: rows.map((cells) => cells.map((c) => c.text).join(separator)),
      quoted: rows.map((cells) => cells.map((c) => (c.quoted ? `"${c.text}"` : c.text)).join(separator)),
    }));

describe("a file of quoted cells", () => {
  it("is read as the same cells without their quotes, in pieces of any size, with each separator", () => {
    for (const separator of [",", ";", "\t"])
      fc.assert(
        fc.property(
          quotedRows(separator),
          fc.boolean(),
          fc.integer({ min: 1, max: 40 }),
          (rows, last, piece) => {
            const end = last ? "\n" : "";
            expect(stripped(`${rows.quoted.join("\n")}${end}`, piece, separator.charCodeAt(0))).toBe(
              `${rows.plain.join("\n")}${end}`,
            );
          },
        ),
        { numRuns: 700, seed: 34 },
      );
  });

  it("is left to readSeries when a quote is not one around a whole cell", () => {
    for (const text of [
      'Date,Close\n2020-01-02,1"\n',
      'Date,Close\n2020"-01-02",1\n',
      'Date,Close\n"2020-01-02"x,1\n',
      'Date,Close\n"2020-01-02" ,1\n',
      'Date,Close\n"2020-01-02""",1\n',
      'Date,Note\n2020-01-02,"up, then down"\n',
      'Date,Note\n2020-01-02,"up\nthen down"\n',
      'Date,Note\n2020-01-02,"up ""then"" down"\n',
      'Date,Close\n2020-01-02,"1',
    ])
      for (const piece of [1, 3, 64]) expect(stripped(text, piece), JSON.stringify(text)).toBeUndefined();
  });

  it("gives the column reader the columns of the file without quotes, as readSeries reads it", () => {
    const rows = dailyRows(3_000);
    const plain = `Date,Close,Volume\n${rows.join("\n")}\n`;
    const expected = readColumns(Buffer.from(plain), { symbol: "X" }, new ColumnScratch(false));
    expect(expected?.length).toBe(3_000);
    // As R's write.csv writes it (its names and its text column quoted), as exporters that quote every
    // cell do, and quotes first met past the stream's first read (its 64 KiB), with CR LF breaks too.
    const quoteDate = (line: string) => `"${line.slice(0, 10)}"${line.slice(10)}`;
    const spellings = {
      r: `"Date","Close","Volume"\n${rows.map(quoteDate).join("\n")}\n`,
      every: `${plain
        .trimEnd()
        .split("\n")
        .map((line) =>
          line
            .split(",")
            .map((c) => `"${c}"`)
            .join(","),
        )
        .join("\n")}\n`,
      late: `Date,Close,Volume\n${rows.map((line, i) => (i > 2_500 ? quoteDate(line) : line)).join("\n")}\n`,
      crlf: `"Date","Close","Volume"\r\n${rows.map(quoteDate).join("\r\n")}\r\n`,
    };
    for (const [way, text] of Object.entries(spellings)) {
      const file = Buffer.from(text);
      const kept = Buffer.from(file);
      for (const byModule of [true, false]) {
        for (const piece of [7, 4_096, 1 << 20]) {
          const series = readColumnsFrom(
            memorySource(file, piece),
            { symbol: "X" },
            new ColumnScratch(byModule),
          );
          expect(differs(series, expected), `${way} ${byModule} ${piece}`).toBeUndefined();
        }
        // Read whole (a folder's files in the threads): the same columns, the file itself left as it was.
        const series = readColumns(file, { symbol: "X" }, new ColumnScratch(byModule));
        expect(differs(series, expected), `${way} whole ${byModule}`).toBeUndefined();
      }
      expect(file.equals(kept)).toBe(true);
      // The full reader reads the quoted file as the plain one: the bars the column reader gave.
      expect(readSeries(text, { symbol: "X" }), way).toEqual(readSeries(plain, { symbol: "X" }));
    }
  });

  it("is not copied to be rewritten when its first lines have no header the column reader takes", () => {
    // Quoted cells, no time column: readSeries' to refuse.
    const unnamed = Buffer.from(
      `"Name","Close"\n${dailyRows(3_000)
        .map((row) => `"${row.slice(0, 10)}",1`)
        .join("\n")}\n`,
    );
    const scratch = new ColumnScratch();
    expect(readColumns(unnamed, { symbol: "X" }, scratch)).toBeUndefined();
    // Nothing copied into the scratch's piece, which a rewritten file is copied into.
    expect(scratch.piece.length).toBe(0);
    const quoted = Buffer.from(
      `"Date","Close"\n${dailyRows(3_000)
        .map((row) => row.split(",").slice(0, 2).join(","))
        .join("\n")}\n`,
    );
    expect(readColumns(quoted, { symbol: "X" }, scratch)?.length).toBe(3_000);
    expect(scratch.piece.length).toBeGreaterThanOrEqual(quoted.length);
  });

  it("is left to readSeries when a quoted cell holds the separator, or the quotes change the separator", () => {
    const rows = ["2020-01-02,10,1", "2020-01-03,11,2", "2020-01-06,12,3"];
    const declined = [
      // A note in quotes holding the separator: readSeries keeps it one cell.
      `Date,Close,Volume,Note\n${rows.map((r) => `${r},"a, b"`).join("\n")}\n`,
      // Read with ";" (one cell a line), the file without quotes would be read with ",".
      `"Date,Close,Volume"\n${rows.map((r) => `"${r}"`).join("\n")}\n`,
    ];
    for (const text of declined) {
      expect(readColumns(Buffer.from(text), { symbol: "X" }), text).toBeUndefined();
      expect(
        readColumnsFrom(memorySource(Buffer.from(text), 5), { symbol: "X" }, new ColumnScratch()),
      ).toBeUndefined();
    }
  });
});
