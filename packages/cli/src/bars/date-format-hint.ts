// Which --date-format reads a time the strict rule refuses, when its shape tells: an Excel or MetaTrader
// date (23.04.2019, 2019.04.23, 04/23/2019 with or without a time of day), so that the refusal names the
// option's value rather than the option alone; for a month or day of one digit (4/23/2019), the date
// written with two, which a format reads; and for epoch microseconds, which none reads, what to do.
// Both day-first and month-first are named when both read the cell: which one the file means is the
// user's to say, never guessed.

import { listed } from "@stock-patterns/core";
import { dateFormat, timeStyle } from "./time";

/** A date of three fields between one mark, then perhaps a time of day: the shapes a hint is given for. */
const DATE_SHAPE = /^(\d+)([./-])(\d+)\2(\d+)(?:([ T])\d\d:\d\d(:\d\d)?)?$/;

/** Epoch microseconds of the years 2001 to 2286: 16 digits, as Binance writes its spot data from 2025. */
const MICROSECONDS = /^[1-9]\d{15}$/;
const MICROSECONDS_HINT =
  "16 digits: epoch microseconds, as Binance writes its spot data from 2025, which no --date-format reads: " +
  "write them as milliseconds, without their last three digits";

/** The hint when no format fits the shape: the option alone. */
const ANY_FORMAT = "--date-format reads others";

/**
 * For a date whose month or day has one digit (4/23/2019, as a US spreadsheet writes dates), which no
 * format reads: the same date with two digits each, and the formats that read that.
 */
function oneDigitHint(text: string, fields: string[]): string | undefined {
  const year = fields.findIndex((field) => field.length === 4);
  const others = fields.filter((_, i) => i !== year);
  if (year === 1 || year === -1 || !others.some((field) => field.length === 1)) return undefined;
  if (!others.every((field) => field.length <= 2)) return undefined;
  let at = 0;
  const padded = text.replace(/\d+/g, (digits) => (at++ < 3 && digits.length === 1 ? `0${digits}` : digits));
  if (timeStyle(padded) === "iso")
    return `a month or day of one digit is not ISO 8601: written ${padded}, it is read as it is`;
  const named = dateFormatHint(padded);
  if (named === ANY_FORMAT) return undefined;
  return `--date-format reads no month or day of one digit: written ${padded}, ${named}`;
}

/**
 * The formats of --date-format that read `text` (day-first and month-first both when both do), as the words
 * a refusal ends with; the option alone when none does.
 *
 * @example
 * dateFormatHint("23.04.2019") // "--date-format DD.MM.YYYY reads it"
 * dateFormatHint("02/01/2020") // "--date-format DD/MM/YYYY or MM/DD/YYYY reads it, whichever order the file writes"
 * dateFormatHint("4/23/2019") // "--date-format reads no month or day of one digit: written 04/23/2019, --date-format MM/DD/YYYY reads it"
 * dateFormatHint("1735689600000000") // "16 digits: epoch microseconds, ... write them as milliseconds, ..."
 */
export function dateFormatHint(text: string): string {
  if (MICROSECONDS.test(text)) return MICROSECONDS_HINT;
  const shape = DATE_SHAPE.exec(text);
  if (shape === null) return ANY_FORMAT;
  const [, first = "", mark = "", middle = "", last = "", between, seconds] = shape;
  const time = between === undefined ? "" : `${between}HH:mm${seconds === undefined ? "" : ":ss"}`;
  const orders =
    first.length === 4
      ? [["YYYY", "MM", "DD"]]
      : last.length === 4
        ? [
            ["DD", "MM", "YYYY"],
            ["MM", "DD", "YYYY"],
          ]
        : [];
  const formats = orders
    .map((order) => `${order.join(mark)}${time}`)
    .filter((format) => dateFormat(format).toIso(text) !== undefined);
  if (formats.length === 0) return oneDigitHint(text, [first, middle, last]) ?? ANY_FORMAT;
  return `--date-format ${listed(formats, "or")} reads it${formats.length > 1 ? ", whichever order the file writes" : ""}`;
}
