import fc from "fast-check";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { eachRow, guessSeparator } from "./rows";

const cellsOf = (text: string, delimiter?: string) => {
  const rows: string[][] = [];
  eachRow(text, delimiter, (row) => rows.push(row.cells()));
  return rows;
};

/** The separator Papa Parse guesses for `text` among , ; and tab, its blank lines passed over. */
const papaGuess = (text: string) =>
  Papa.parse<string[]>(text, {
    delimiter: "",
    delimitersToGuess: [",", ";", "\t"],
    skipEmptyLines: true,
    preview: 1,
  }).meta.delimiter;

/** The rows Papa Parse gives `text`, split at `delimiter` or at the separator papaGuess guesses. */
const papaCells = (text: string, delimiter?: string) => {
  const rows: string[][] = [];
  Papa.parse<string[]>(text, {
    delimiter: delimiter ?? papaGuess(text),
    step: (result) => rows.push(result.data),
  });
  return rows;
};

describe("rows of a text without quotes or carriage returns", () => {
  it("are the rows Papa Parse gives, the separator guessed alike", () => {
    const text = fc.stringMatching(/^[a-z0-9 .,;\t\n-]{0,200}$/);
    fc.assert(
      fc.property(text, fc.constantFrom(undefined, ",", ";", "|"), (csv, delimiter) => {
        expect(cellsOf(csv, delimiter)).toEqual(papaCells(csv, delimiter));
      }),
      { numRuns: 3_000, seed: 13 },
    );
    // A separator outside the BMP (--delimiter 📈, one code point, two code units) cuts cells as Papa Parse does.
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9 .,;|\t\n-]{0,200}$/), (csv) => {
        const text = csv.replaceAll("|", "📈");
        expect(cellsOf(text, "📈")).toEqual(papaCells(text, "📈"));
      }),
      { numRuns: 1_000, seed: 13 },
    );
    expect(cellsOf("Date📈Close\n2020-01-02📈1", "📈")).toEqual([
      ["Date", "Close"],
      ["2020-01-02", "1"],
    ]);
    const long = `Date;Close\n${Array.from({ length: 40 }, (_, i) => `2020-01-${i};${i}`).join("\n")}\n`;
    expect(cellsOf(long)).toEqual(papaCells(long));
    expect(cellsOf(long)[1]).toEqual(["2020-01-0", "0"]);
  });

  it("guess the separator Papa Parse guesses, quotes and all, blank lines passed over", () => {
    const text = fc.stringMatching(/^[a-z0-9 ".,;|\t\n-]{0,300}$/);
    fc.assert(
      fc.property(text, (csv) => {
        expect(guessSeparator(csv)).toBe(papaGuess(csv));
      }),
      { numRuns: 5_000, seed: 13 },
    );
    // Two columns: the empty row after a final line break no longer counts as a row of one cell, which
    // took the average below the two cells a row Papa Parse asks of a separator.
    for (const csv of ["Day;Close\n2020-01-02;10\n", "Date;Close\n\n2020-01-02;10\n2020-01-03;11\n"])
      expect(guessSeparator(csv), csv).toBe(";");
    expect(guessSeparator("Date\tClose\n2020-01-02\t10\n")).toBe("\t");
  });

  it("read each cell trimmed and as a number without cutting it out first", () => {
    const cells: unknown[][] = [];
    eachRow("a, 1.5 ,x,", ",", (row) => {
      cells.push([row.text(1), row.decimal(1), row.decimal(2), row.decimal(3), row.decimal(9)]);
    });
    // One row, read: the line needs no line break after it.
    expect(cells).toEqual([["1.5", 1.5, Number.NaN, undefined, undefined]]);
  });
});
