// A long file (a Symbol column) read a symbol at a time into columns prints what readSeries' reading of it
// prints, and is left to readSeries whenever that reading would differ.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { randomSeries } from "../../../../core/test/random-series";
import { printed } from "../../../test/printed";
import { throughBars } from "../../../test/through-bars";
import { headerOf } from "../../bars/column-reader";
import { symbolRuns } from "../../bars/row-cut";
import { type FileResult, type ScanSettings, type SeriesResult, scanFile } from "./scan-file";

const SETTINGS: ScanSettings[] = [
  { bandwidth: 1, format: "jsonl", screen: {} },
  { bandwidth: 1, format: "jsonl", screen: {}, outcomes: true },
  { bandwidth: 1, format: "csv", screen: { latest: 50 }, outcomes: true },
  { bandwidth: 1, format: "table", screen: { minConfidence: 60 } },
];

/** How a symbol's times are written: dates, minutes, epoch seconds or milliseconds. */
const STYLES = ["date", "minute", "s", "ms"] as const;
function timeText(i: number, style: (typeof STYLES)[number]): string {
  const ms = style === "date" ? Date.UTC(2000, 0, 1) + i * 86_400_000 : Date.UTC(2000, 0, 3) + i * 60_000;
  if (style === "s") return String(ms / 1000);
  if (style === "ms") return String(ms);
  return style === "date" ? new Date(ms).toISOString().slice(0, 10) : new Date(ms).toISOString().slice(0, 16);
}

/** A long file: each symbol's random series in a style, in runs (or rows dealt out by index), some odd rows. */
const longFile = fc
  .record({
    symbols: fc.array(
      fc.record({
        name: fc.constantFrom("AAPL", "MSFT", "X", "BRK.B", "SPY", "QQQ", "^GSPC"),
        series: randomSeries,
        style: fc.constantFrom(...STYLES),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    column: fc.integer({ min: 0, max: 2 }),
    interleaved: fc.boolean(),
    odd: fc.option(fc.constantFrom("blank", "backwards", "empty-close", "extra-cell", "bad-symbol"), {
      nil: undefined,
    }),
    oddRow: fc.nat(),
    lastBreak: fc.boolean(),
  })
  .map(({ symbols, column, interleaved, odd, oddRow, lastBreak }) => {
    const rows: [number, string[]][] = [];
    for (const { name, series, style } of symbols)
      series.bars.forEach((bar, i) => {
        const cells = [timeText(i, style), bar.close.toFixed(3), String(1000 + i)];
        cells.splice(column, 0, name);
        rows.push([i, cells]);
      });
    if (interleaved) rows.sort((a, b) => a[0] - b[0]);
    const lines = rows.map(([, cells]) => cells.join(","));
    const at = oddRow % lines.length;
    if (odd === "blank") lines.splice(at, 0, "");
    if (odd === "backwards") lines.splice(at, 0, lines[Math.max(0, at - 2)] ?? "");
    if (odd === "empty-close") lines[at] = (lines[at] ?? "").replace(/,[0-9.]+,(\d+)$/, ",,$1");
    if (odd === "extra-cell") lines[at] = `${lines[at]},9`;
    // A symbol the rule refuses starts a run of its own: readSeries refuses it (a blank is missing there).
    const cells = rows[at]?.[1] ?? [];
    if (odd === "bad-symbol")
      lines[at] = cells.with(column, ["é", "", " ", "a b"][oddRow % 4] ?? "").join(",");
    const head = ["Date", "Close", "Volume"];
    head.splice(column, 0, "Symbol");
    return Buffer.from(`${head.join(",")}\n${lines.join("\n")}${lastBreak ? "\n" : ""}`);
  });

/** A result's lines as one string. */
const textOf = (result: { series: SeriesResult[] }) =>
  result.series
    .map((one) => (typeof one.text === "string" ? one.text : Buffer.concat(one.text).toString()))
    .join("");

describe("a long file read a symbol at a time", () => {
  it("prints what readSeries' reading prints, or the same error, for generated long files", () => {
    let read = 0;
    fc.assert(
      fc.property(longFile, fc.constantFrom(...SETTINGS), (file, settings) => {
        const header = headerOf(file, true, { symbol: "FILE" }, true);
        if (header !== undefined && symbolRuns(file, header) !== undefined) read++;
        expect(printed(scanFile(file, { file: "long.csv", symbol: "FILE" }, settings, undefined))).toEqual(
          printed(throughBars(file, "FILE", settings, "long.csv")),
        );
      }),
      { numRuns: 400, seed: 23 },
    );
    // Most generated files are cut into runs (those with an empty or non-ASCII symbol are not).
    expect(read).toBeGreaterThan(100);
  });

  it("prints each line once when its lines are printed as they are written and a later symbol is declined", () => {
    // The lines a run prints: those handed to `print` as each symbol is done, then the result's.
    const printedAsScanned = (file: Buffer, settings: ScanSettings) => {
      let lines = "";
      const result = scanFile(file, { file: "long.csv", symbol: "FILE" }, settings, undefined, (chunk) => {
        lines += Buffer.from(chunk).toString();
        return true;
      });
      if (!("series" in result)) return result;
      return lines + textOf(result);
    };
    const whole = (result: FileResult) => ("series" in result ? textOf(result) : result);
    let several = 0;
    fc.assert(
      fc.property(
        longFile,
        fc.constantFrom(...SETTINGS.filter((one) => one.format !== "table")),
        (file, settings) => {
          const reference = throughBars(file, "FILE", settings, "long.csv");
          const got = printedAsScanned(file, settings);
          if (typeof got === "string" && "series" in reference && reference.series.length > 1) several++;
          expect(got).toEqual(whole(reference));
        },
      ),
      { numRuns: 300, seed: 29 },
    );
    // The second symbol's rows in fractions of a second: the column reader declines them after the first
    // symbol's lines are printed.
    const rows = (symbol: string, time: (i: number) => string) =>
      Array.from(
        { length: 120 },
        (_, i) => `${symbol},${time(i)},${(100 + 10 * Math.sin(i / 4)).toFixed(2)}`,
      );
    const minute = (i: number) => new Date(Date.UTC(2020, 0, 2) + i * 60_000).toISOString().slice(0, 19);
    const file = Buffer.from(
      [
        "Symbol,Date,Close",
        ...rows("A", (i) => `${minute(i)}Z`),
        ...rows("B", (i) => `${minute(i)}.5Z`),
      ].join("\n"),
    );
    const settings: ScanSettings = { bandwidth: 1, format: "jsonl", screen: {} };
    const lines = printedAsScanned(file, settings) as string;
    expect(lines).toEqual(whole(throughBars(file, "FILE", settings, "long.csv")));
    expect(lines.match(/"symbol":"A"/g)?.length).toBeGreaterThan(0);
    expect(lines.match(/"symbol":"B"/g)?.length).toBeGreaterThan(0);
    // Files of several series printed (a symbol declined after the first is among them); a file with an
    // extra cell is refused, as readSeries refuses it, so it is not one of them (17 of the 300 runs).
    expect(several).toBeGreaterThan(15);
  });

  it("cuts a file into runs of a symbol's rows, the Symbol column anywhere, blank lines skipped", () => {
    const cut = (text: string, expected?: number) => cutBytes(Buffer.from(text), expected);
    const cutBytes = (file: Buffer, expected?: number) => {
      const header = headerOf(file, true, { symbol: "X" }, true);
      const runs = header && symbolRuns(file, header, expected);
      if (runs === undefined) return undefined;
      return runs.symbols.map((symbol, k) => {
        const rows: string[] = [];
        for (let run = runs.firstOf(k); run !== -1; run = runs.next(run))
          rows.push(file.toString("utf8", runs.from(run), runs.to(run)));
        return [symbol, rows];
      });
    };
    const joined = "Date,Close,Symbol\n2020-01-02,1,A\n\n2020-01-03,2,A\n2020-01-02,3,BB\n2020-01-03,4,BB";
    expect(cut(joined)).toEqual([
      ["A", ["2020-01-02,1,A\n\n2020-01-03,2,A\n"]],
      ["BB", ["2020-01-02,3,BB\n2020-01-03,4,BB"]],
    ]);
    // By date, then symbol: a run a row, each symbol's in file order.
    const byDate =
      "Symbol,Date,Close\nA,2020-01-02,1\nB,2020-01-02,1\nA,2020-01-03,2\nAB,2020-01-03,2\nB,2020-01-03,2";
    expect(cut(byDate)).toEqual([
      ["A", ["A,2020-01-02,1\n", "A,2020-01-03,2\n"]],
      ["B", ["B,2020-01-02,1\n", "B,2020-01-03,2"]],
      ["AB", ["AB,2020-01-03,2\n"]],
    ]);
    // Room made for fewer runs than the file holds: the arrays grow, the runs are the same.
    for (const expected of [0, 1, 2]) expect(cut(byDate, expected)).toEqual(cut(byDate));
    // Rows of any length, in memory at any offset: the rows are read four bytes at a time past the Symbol
    // cell (lineBreakFrom), from the first byte at a multiple of 4; a short file has no such word.
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom("A", "BB", "C"), fc.nat(70), fc.boolean()), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.boolean(),
        fc.nat(7),
        (rows, lastBreak, offset) => {
          const lines = rows.map(
            ([symbol, pad, blank]) => `${symbol},2020-01-02,${"1".repeat(pad + 1)}${blank ? "\n" : ""}`,
          );
          const text = `Symbol,Date,Close\n${lines.join("\n")}${lastBreak ? "\n" : ""}`;
          // Consecutive rows of one symbol are one run, blank lines with them.
          const expected = new Map<string, string[]>();
          let previous: string | undefined;
          lines.forEach((line, i) => {
            const symbol = rows[i]?.[0] ?? "";
            const row = `${line}${i < lines.length - 1 || lastBreak ? "\n" : ""}`;
            const runs = expected.get(symbol) ?? [];
            if (symbol === previous) runs[runs.length - 1] += row;
            else runs.push(row);
            expected.set(symbol, runs);
            previous = symbol;
          });
          const at = new Uint8Array(Buffer.byteLength(text) + offset + 8);
          const placed = Buffer.from(at.buffer, offset, Buffer.byteLength(text));
          placed.write(text);
          expect(cutBytes(placed)).toEqual([...expected]);
        },
      ),
      { numRuns: 400, seed: 7 },
    );
    // Without the flag, the column reader still declines a file with a Symbol column.
    expect(headerOf(Buffer.from(joined), true, { symbol: "X" })).toBeUndefined();
    // Left to readSeries: an empty symbol, a non-ASCII one, a row without one.
    expect(cut("Symbol,Date,Close\n,2020-01-02,1\n")).toBeUndefined();
    expect(cut("Symbol,Date,Close\né,2020-01-02,1\n")).toBeUndefined();
    expect(cut("Date,Close,Symbol\n2020-01-02,1\n")).toBeUndefined();
  });
});
