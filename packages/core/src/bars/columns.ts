// Which column of a bar table holds what: Yahoo-style headers in any case, a time column and Close required.

import { BarsError } from "./errors";

const TIME_HEADERS = new Set(["date", "time", "datetime", "timestamp"]);
export const NUMERIC_FIELDS = ["close", "open", "high", "low", "volume"] as const;
export type NumericField = (typeof NUMERIC_FIELDS)[number];

/** Column indexes of a bar table: the time, and each numeric field present. */
export interface BarColumns {
  time: number;
  fields: [NumericField, number][];
}

/**
 * Finds the bar columns in a header row (names in any case, surrounding space ignored); throws BarsError
 * on row 1 when the time or the Close column is missing.
 *
 * @example
 * barColumns(["Date", "Open", "Close"]) // { time: 0, fields: [["close", 2], ["open", 1]] }
 */
export function barColumns(header: readonly string[]): BarColumns {
  const names = header.map((name) => name.trim().toLowerCase());
  const time = names.findIndex((name) => TIME_HEADERS.has(name));
  if (time < 0) throw new BarsError("the header has no Date or Time column", 1);
  const fields = NUMERIC_FIELDS.map(
    (field) => [field, names.indexOf(field)] as [NumericField, number],
  ).filter(([, index]) => index >= 0);
  if (!fields.some(([field]) => field === "close")) throw new BarsError("the header has no Close column", 1);
  return { time, fields };
}
