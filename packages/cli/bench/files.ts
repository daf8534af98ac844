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

/** Writes one file of `bars` one-minute bars (minuteBarCsv); returns its path. */
export function writeMinuteSeries(dir: string, bars: number): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `MINUTES${bars}.csv`);
  writeFileSync(file, minuteBarCsv(bars, 42));
  return file;
}

/** Writes one file of `bars` bars; returns its path. */
export function writeSeries(dir: string, bars: number): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `SERIES${bars}.csv`);
  writeFileSync(file, barCsv(bars, 42));
  return file;
}

/**
 * Writes the `bars` bars of writeSeries as a spreadsheet on Windows saves them: CR LF line breaks, and an
 * empty volume every 250th bar (a day the vendor has none); returns its path.
 */
export function writeSpreadsheetSeries(dir: string, bars: number): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `SHEET${bars}.csv`);
  const lines = barCsv(bars, 42).trimEnd().split("\n");
  const rows = lines.map((line, i) =>
    i > 0 && i % 250 === 0 ? line.slice(0, line.lastIndexOf(",") + 1) : line,
  );
  writeFileSync(file, `${rows.join("\r\n")}\r\n`);
  return file;
}

/**
 * Writes the `bars` bars of writeSeries as R's write.csv writes a data frame of them (row names off): the
 * column names and the dates, its one text column, in quotes; returns its path.
 */
export function writeRSeries(dir: string, bars: number): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `R${bars}.csv`);
  const lines = barCsv(bars, 42).trimEnd().split("\n");
  const rows = lines.map((line, i) =>
    i === 0 ? line.replace(/[^,]+/g, '"$&"') : `"${line.slice(0, 10)}"${line.slice(10)}`,
  );
  writeFileSync(file, `${rows.join("\n")}\n`);
  return file;
}

/**
 * Writes the `bars` bars of writeSeries as a JSON array of bar objects (an API's answer saved to a file),
 * their numbers as the CSV writes them; returns its path.
 */
export function writeJsonSeries(dir: string, bars: number): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `JSON${bars}.json`);
  const [head = "", ...lines] = barCsv(bars, 42).trimEnd().split("\n");
  const names = head.toLowerCase().split(",");
  const objects = lines.map((line) => {
    const cells = line.split(",");
    const field = (name: string) => cells[names.indexOf(name)];
    return `{"time":"${field("date")}","open":${field("open")},"high":${field("high")},"low":${field("low")},"close":${field("close")},"volume":${field("volume")}}`;
  });
  writeFileSync(file, `[${objects.join(",\n")}]\n`);
  return file;
}

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
  mkdirSync(dir, { recursive: true });
  const file = join(dir, byDate ? "LONG-BY-DATE.csv" : "LONG.csv");
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
  writeFileSync(file, `${header}\n${lines.join("\n")}\n`);
  return file;
}
