// Bar files for the CLI benchmark: Yahoo-style CSV from the core benchmark's seeded random walk.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomWalkBars } from "../../core/bench/series";

const DAY_MS = 86_400_000;

/** Yahoo-style CSV (Date, OHLC, Adj Close, Volume) of `count` daily bars from 1900-01-01 on, seeded. */
export function barCsv(count: number, seed: number): string {
  const lines = ["Date,Open,High,Low,Close,Adj Close,Volume"];
  const start = Date.UTC(1900, 0, 1);
  for (const [i, bar] of randomWalkBars(count, seed).entries()) {
    const close = bar.close.toFixed(4);
    const day = new Date(start + i * DAY_MS).toISOString().slice(0, 10);
    lines.push(`${day},${close},${close},${close},${close},${close},${bar.volume}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * Yahoo-style CSV of `count` one-minute bars from 2000-01-03 14:30 UTC on, seeded, times as ISO datetimes
 * ("2000-01-03T14:30:00Z"): the same closes and volumes as barCsv's, as an intraday feed writes them.
 */
export function minuteBarCsv(count: number, seed: number): string {
  const lines = ["Date,Open,High,Low,Close,Adj Close,Volume"];
  const start = Date.UTC(2000, 0, 3, 14, 30);
  for (const [i, bar] of randomWalkBars(count, seed).entries()) {
    const close = bar.close.toFixed(4);
    const time = `${new Date(start + i * 60_000).toISOString().slice(0, 19)}Z`;
    lines.push(`${time},${close},${close},${close},${close},${close},${bar.volume}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Writes `text` as `name` in `dir` (made if need be); returns its path. */
function writeText(dir: string, name: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** Writes one file of `bars` one-minute bars (minuteBarCsv); returns its path. */
export const writeMinuteSeries = (dir: string, bars: number): string =>
  writeText(dir, `MINUTES${bars}.csv`, minuteBarCsv(bars, 42));

/** Writes one file of `bars` bars; returns its path. */
export const writeSeries = (dir: string, bars: number): string =>
  writeText(dir, `SERIES${bars}.csv`, barCsv(bars, 42));

/**
 * Writes the `bars` bars of writeSeries as a spreadsheet on Windows saves them: CR LF line breaks, and an
 * empty volume every 250th bar (a day the vendor has none); returns its path.
 */
export function writeSpreadsheetSeries(dir: string, bars: number): string {
  const lines = barCsv(bars, 42).trimEnd().split("\n");
  const rows = lines.map((line, i) =>
    i > 0 && i % 250 === 0 ? line.slice(0, line.lastIndexOf(",") + 1) : line,
  );
  return writeText(dir, `SHEET${bars}.csv`, `${rows.join("\r\n")}\r\n`);
}

/**
 * A CSV of bars (its dates first, as barCsv and the bundled series write them) as R's write.csv writes a
 * data frame of them (row names off): the column names and the dates, its one text column, in quotes.
 *
 * @example
 * writtenByR("Date,Close\n2020-01-02,1\n") // '"Date","Close"\n"2020-01-02",1\n'
 */
export const writtenByR = (csv: string): string =>
  `${csv
    .trimEnd()
    .split("\n")
    .map((line, i) => (i === 0 ? line.replace(/[^,]+/g, '"$&"') : `"${line.slice(0, 10)}"${line.slice(10)}`))
    .join("\n")}\n`;

/**
 * A CSV of bars with date, open, high, low, close and volume columns (any case) as a JSON array of bar
 * objects (an API's answer saved to a file), its numbers as the CSV writes them.
 *
 * @example
 * asJsonBars("Date,Open,High,Low,Close,Volume\n2020-01-02,1,2,1,2,9\n") // '[{"time":"2020-01-02","open":1,...}]\n'
 */
export function asJsonBars(csv: string): string {
  const [head = "", ...lines] = csv.trimEnd().split("\n");
  const names = head.toLowerCase().split(",");
  const objects = lines.map((line) => {
    const cells = line.split(",");
    const field = (name: string) => cells[names.indexOf(name)];
    return `{"time":"${field("date")}","open":${field("open")},"high":${field("high")},"low":${field("low")},"close":${field("close")},"volume":${field("volume")}}`;
  });
  return `[${objects.join(",\n")}]\n`;
}

/** Writes the `bars` bars of writeSeries as R writes them (writtenByR); returns its path. */
export const writeRSeries = (dir: string, bars: number): string =>
  writeText(dir, `R${bars}.csv`, writtenByR(barCsv(bars, 42)));

/** Writes the `bars` bars of writeSeries as a JSON array of bar objects (asJsonBars); returns its path. */
export const writeJsonSeries = (dir: string, bars: number): string =>
  writeText(dir, `JSON${bars}.json`, asJsonBars(barCsv(bars, 42)));

/** Member `s` of the bench's universe: its symbol and its `bars` bars as CSV, seeded by its place. */
function universeMember(s: number, bars: number): { symbol: string; csv: string } {
  return { symbol: `SYM${String(s).padStart(3, "0")}`, csv: barCsv(bars, s + 1) };
}

/** Writes `symbols` files of `bars` bars each (SYM000.csv, ...); returns the directory. */
export function writeUniverse(dir: string, symbols: number, bars: number): string {
  mkdirSync(dir, { recursive: true });
  for (let s = 0; s < symbols; s++) {
    const { symbol, csv } = universeMember(s, bars);
    writeFileSync(join(dir, `${symbol}.csv`), csv);
  }
  return dir;
}

/**
 * Writes the universe writeUniverse writes as one long file with a Symbol column (LONG.csv): each
 * symbol's rows after another's, or (`byDate`) the rows by date, then symbol. Returns its path.
 */
export function writeLongUniverse(dir: string, symbols: number, bars: number, byDate = false): string {
  let header = "";
  const rows = Array.from({ length: symbols }, (_, s) => {
    const { symbol, csv } = universeMember(s, bars);
    const [head = "", ...lines] = csv.trim().split("\n");
    header = `Symbol,${head}`;
    return lines.map((line) => `${symbol},${line}`);
  });
  const lines = byDate
    ? Array.from({ length: bars }, (_, i) => rows.map((symbol) => symbol[i])).flat()
    : rows.flat();
  return writeText(dir, byDate ? "LONG-BY-DATE.csv" : "LONG.csv", `${header}\n${lines.join("\n")}\n`);
}
