// Strict bar times for files: ISO 8601 dates and datetimes that exist on the calendar, or epoch seconds or
// milliseconds; anything else (2020-02-30, 01/02/2020, 0x10) is refused, since a guess could reorder a series.

import { isoDateTimeValue, isoDateValue } from "@stock-patterns/core";
import { daysIn } from "./calendar-date";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?$/;
// Epoch seconds (up to 11 digits, fractions allowed) or milliseconds (12 or 13 digits).
const EPOCH = /^(?:\d{1,11}(?:\.\d+)?|\d{12,13})$/;

/** How a file writes its times: every row the same way, so their order means the same thing. */
export type TimeStyle = "iso" | "epoch";

function realDate(year: string, month: string, day: string): boolean {
  const m = Number(month);
  const d = Number(day);
  return m >= 1 && m <= 12 && d >= 1 && d <= daysIn(Number(year), m);
}

/**
 * The style of `text` when it is a strict time, or a sentence saying why it is not.
 *
 * @example
 * timeStyle("2020-01-02") // "iso"
 * timeStyle("2020-02-30") // 'time "2020-02-30" is not a date on the calendar'
 */
export function timeStyle(text: string): TimeStyle | string {
  // A bare calendar date (every row of a daily file) and the common datetime (an intraday file's: a subset
  // of what ISO_DATETIME and the checks below take) read without a regular expression.
  if (isoDateValue(text) !== undefined || isoDateTimeValue(text) !== undefined) return "iso";
  if (EPOCH.test(text)) return "epoch";
  const parts = ISO_DATE.exec(text) ?? ISO_DATETIME.exec(text);
  if (!parts) {
    return `time "${text}" is not an ISO 8601 date or datetime, nor epoch seconds or milliseconds (--date-format reads others)`;
  }
  const [, year, month, day, hour, minute, second] = parts;
  if (year === undefined || month === undefined || day === undefined || !realDate(year, month, day))
    return `time "${text}" is not a date on the calendar`;
  if (hour !== undefined && (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59)) {
    return `time "${text}" is not a time of day`;
  }
  return "iso";
}

const FORMAT_TOKENS = /YYYY|MM|DD|HH|mm|ss/g;

/** A reader for one explicit `--date-format` (tokens YYYY MM DD HH mm ss, anything else literal). */
export interface DateFormat {
  /** The ISO 8601 form of `text`, or undefined when it does not match the format or the calendar. */
  toIso(text: string): string | undefined;
  readonly pattern: string;
}

/**
 * Compiles `--date-format`: times read with it are printed in ISO 8601, so they sort and compare as dates.
 *
 * @example
 * dateFormat("DD/MM/YYYY").toIso("31/01/2020") // "2020-01-31"
 */
export function dateFormat(pattern: string): DateFormat {
  const tokens: string[] = [];
  let source = "";
  let last = 0;
  for (const match of pattern.matchAll(FORMAT_TOKENS)) {
    source += `${escapeRegex(pattern.slice(last, match.index))}(\\d{${match[0].length}})`;
    tokens.push(match[0]);
    last = match.index + match[0].length;
  }
  source += escapeRegex(pattern.slice(last));
  if (!tokens.includes("YYYY") || !tokens.includes("MM") || !tokens.includes("DD")) {
    throw new RangeError(`--date-format needs YYYY, MM and DD, got "${pattern}"`);
  }
  const regex = new RegExp(`^${source}$`);
  return {
    pattern,
    toIso(text) {
      const match = regex.exec(text);
      if (!match) return undefined;
      const value: Record<string, string> = { HH: "", mm: "00", ss: "00" };
      tokens.forEach((token, i) => {
        value[token] = match[i + 1] ?? "";
      });
      const time = value.HH ? `T${value.HH}:${value.mm}:${value.ss}` : "";
      const iso = `${value.YYYY}-${value.MM}-${value.DD}${time}`;
      return timeStyle(iso) === "iso" ? iso : undefined;
    },
  };
}

/**
 * dateFormat of a `--date-format` that may not have been given.
 *
 * @example
 * givenDateFormat(undefined) // undefined
 */
export const givenDateFormat = (pattern: string | undefined): DateFormat | undefined =>
  pattern === undefined ? undefined : dateFormat(pattern);

function escapeRegex(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
