// Which of the two styles a bar time is written in (a file keeps to one), or, for a text that is not a
// time by time.ts' rule, a sentence saying why that a person can act on.

import { quotedCell } from "./errors";
import { isoParts } from "./iso-instant";
import {
  AMBIGUOUS_DIGITS,
  ambiguousDate,
  calendarDateValue,
  instantOutsideYears,
  TIME_YEARS,
  timeValue,
} from "./time";

/** How a bar time is written: an ISO 8601 date or datetime, or an epoch number. */
export type TimeStyle = "iso" | "epoch";

const HYPHEN = 45;

/**
 * Why a text of AMBIGUOUS_DIGITS digits is no time, giving both readings: the epoch seconds' instant, and
 * the date when the digits are one on the calendar (YYYYMMDD); undefined for any other text.
 */
function ambiguity(text: string): string | undefined {
  const date = ambiguousDate(text);
  if (date === undefined) return undefined;
  const instant = `${new Date(Number(text) * 1000).toISOString().slice(0, 19)}Z`;
  const seconds = `time ${quotedCell(text)} is ambiguous: ${AMBIGUOUS_DIGITS} digits read as epoch seconds are ${instant}`;
  const longer = `epoch seconds with more digits (0${text})`;
  if (date === "")
    return `${seconds}, and ${AMBIGUOUS_DIGITS} digits are how ISO 8601 writes a date without hyphens; write ${longer}`;
  return `${seconds}, and as a date ${date}; write the date ${date}, or ${longer}`;
}

/**
 * The style of `text` when it is a bar time, or a sentence saying why it is not; `otherForms`, when given,
 * follows the sentence for a text that has no time's form at all (a reader's way of taking others).
 *
 * @example
 * timeStyle("2020-01-02") // "iso"
 * timeStyle("1577923200") // "epoch"
 * timeStyle("2020-02-30") // 'time "2020-02-30" is not a date on the calendar'
 * timeStyle("01/02/2020") // 'time "01/02/2020" is not an ISO 8601 date or datetime, nor epoch seconds or milliseconds'
 * timeStyle("20200102") // 'time "20200102" is ambiguous: 8 digits read as epoch seconds are 1970-08-22T19:08:22Z, and as a date 2020-01-02; write ...'
 * timeStyle("9999-12-31T23:59:59-12:00") // 'time "9999-12-31T23:59:59-12:00" is not a time from the year 0000 to 9999 in UTC (it is +010000-01-01T11:59:59.000Z)'
 */
export function timeStyle(text: string, otherForms?: string): TimeStyle | string {
  // An ISO time has its hyphen at 4; an epoch number has none.
  if (Number.isFinite(timeValue(text))) return text.charCodeAt(4) === HYPHEN ? "iso" : "epoch";
  const ambiguous = ambiguity(text);
  if (ambiguous !== undefined) return ambiguous;
  const parts = isoParts(text);
  if (parts === undefined) {
    const hint = otherForms === undefined ? "" : ` (${otherForms})`;
    return `time ${quotedCell(text)} is not an ISO 8601 date or datetime, nor epoch seconds or milliseconds${hint}`;
  }
  if (calendarDateValue(parts.year, parts.month, parts.day) === undefined)
    return `time ${quotedCell(text)} is not a date on the calendar`;
  const outside = instantOutsideYears(text);
  if (outside !== undefined) return `time ${quotedCell(text)} is not ${TIME_YEARS} (it is ${outside})`;
  return `time ${quotedCell(text)} is not a time of day (hours to 23, minutes and seconds to 59, a zone to 23:59)`;
}
