// The columns of a bar file's header the column readers need, and what each does with its cells: read
// once per file, for the JavaScript row reader and the WebAssembly one (row-module.ts).

import { barColumns, symbolColumnOf } from "@stock-patterns/core";
import { CLOSE, PRICE, TIME, VOLUME } from "./cell-roles";

/** The header's columns the reader needs. */
export interface Layout {
  /** What to do with each cell a row must have (SKIPPED .. VOLUME): its length is the cells a row needs. */
  roles: Uint8Array;
  /** Whether there is a volume column. */
  volume: boolean;
  /** The fewest bytes a row takes: a time (an epoch "0"), a digit per number read, separators, a line break. */
  shortestRow: number;
  /** The Symbol column of a file of many series (read as SKIPPED: row-cut.ts cuts the rows by it), else -1. */
  symbol: number;
  /** The header's cells: a row with more is readSeries' to refuse. */
  headerCells: number;
}

/**
 * The layout of a header's columns, or undefined when this reader does not take the file (a Symbol
 * column, unless `symbols`: many series; no Date or Close column: readSeries says what is missing).
 *
 * @example
 * layoutOf("Date,Close", ",")?.roles // Uint8Array [1, 2]
 */
export function layoutOf(header: string, separator: string, symbols = false): Layout | undefined {
  const names = header.split(separator);
  let symbol: number;
  let columns: ReturnType<typeof barColumns>;
  try {
    // readCsv's Symbol column: the first so named.
    symbol = symbolColumnOf(names);
    if (symbol >= 0 && !symbols) return undefined;
    columns = barColumns(names);
  } catch {
    return undefined;
  }
  const at = (field: string) => columns.fields.find(([name]) => name === field)?.[1] ?? -1;
  const prices = ["open", "high", "low"].map(at).filter((index) => index >= 0);
  const close = at("close");
  const volume = at("volume");
  const roles = new Uint8Array(Math.max(columns.time, close, volume, symbol, ...prices) + 1);
  roles[columns.time] = TIME;
  roles[close] = CLOSE;
  for (const price of prices) roles[price] = PRICE;
  if (volume >= 0) roles[volume] = VOLUME;
  const numbers = 1 + prices.length + (volume >= 0 ? 1 : 0);
  const symbolBytes = symbol >= 0 ? 1 : 0;
  return {
    roles,
    volume: volume >= 0,
    shortestRow: 1 + numbers + symbolBytes + roles.length,
    symbol,
    headerCells: names.length,
  };
}

/**
 * The cells a row with `roles` must have: up to its time and its close. readSeries reads a row that ends
 * before its other cells as one whose open, high, low or volume is absent; so do the readers here.
 *
 * @example
 * requiredCells(layoutOf("Date,Close,Volume", ",")!.roles) // 2
 */
export function requiredCells(roles: Uint8Array): number {
  return Math.max(roles.indexOf(TIME), roles.indexOf(CLOSE)) + 1;
}

/**
 * The most bars `bytes` bytes of rows laid out as `layout` says can hold: every row at its shortest.
 *
 * @example
 * mostBars(layoutOf("Date,Close", ",")!, 1000) // 251
 */
export const mostBars = (layout: Layout, bytes: number): number => Math.ceil(bytes / layout.shortestRow) + 1;
