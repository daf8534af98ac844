// One symbol's bars as read from a file, and the options that govern reading.

import type { Bar } from "@stock-patterns/core";
import type { DateFormat } from "./time";

/** One symbol's bars, oldest first, validated. */
export interface Series {
  symbol: string;
  bars: Bar[];
}

export interface ReadOptions {
  /** The symbol of a file without a Symbol column (the file's name). */
  symbol: string;
  /** The CSV field separator; detected (comma, semicolon or tab) when absent. */
  delimiter?: string;
  /** An explicit time format; when absent, times must be ISO 8601 or epoch numbers. */
  dateFormat?: DateFormat;
}
