// One symbol's bars as read from a file, and the options that govern reading.

import type { Bar } from "@stock-patterns/core";
import type { PassedOverSymbol } from "./symbol-synonym";
import type { DateFormat } from "./time";
import type { PassedOverTime } from "./time-of-day";

/**
 * One symbol's bars as read, each value checked; their order and closes are checked by the scan (core's
 * scanBars), whose errors `rows` maps back to the file, and a JSON file's order by readJson too.
 */
export interface Series {
  symbol: string;
  bars: Bar[];
  /** The file row of each bar (1-based, the header is row 1), for error messages. */
  rows: number[];
  /** A time column of the file's header that is not read (a Date's Time of day), named when order fails. */
  passedOverTime?: PassedOverTime;
  /** A column of symbols the header names another way than Symbol (Ticker), named when order fails. */
  passedOverSymbol?: PassedOverSymbol;
  /**
   * The --date-format layout the file writes its times in, when they were read from it into ISO 8601: a
   * refusal of the bars' order quotes them in it, as the file writes them (written-times.ts).
   */
  dateFormat?: DateFormat;
}

export interface ReadOptions {
  /** The symbol of a file without a Symbol column (the file's name). */
  symbol: string;
  /** The CSV field separator; detected (comma, semicolon or tab) when absent. */
  delimiter?: string;
  /** An explicit time format; when absent, times must be ISO 8601 or epoch numbers. */
  dateFormat?: DateFormat;
}
