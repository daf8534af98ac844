// A time a person asks for (the CLI's --since and --as-of, the API's from, to and asOf), as a trader writes
// one: a year or a month stands for its first instant in UTC. A bar's time keeps the bars' rule (a bare
// number there is an epoch time); an asked time's short number never is: `--since 2019` had read 2019 epoch
// seconds, in 1970, and kept every detection, and `GET /alerts?from=2019` listed every alert.

import { quotedCell } from "./errors";

/** A year (YYYY) or a month (YYYY-MM): ISO 8601's reduced forms of a date. */
const YEAR_OR_MONTH = /^(\d{4})(?:-(\d{2}))?$/;

/**
 * One to three digits, or five to seven: no year as ISO 8601 writes one, and as epoch seconds the first
 * months of 1970 (`20190`, a year mistyped). Eight are the bars' rule's: refused there as a date or epoch
 * seconds.
 */
const SHORT_NUMBER = /^(\d{1,3}|\d{5,7})$/;

/**
 * The time an asked-for `raw` names, as a bar time's text: a year (`2019`) or a month (`2003-12`) as the date
 * it starts on, in UTC, any other text as given (for the bars' rule to read or refuse); or the problem with
 * it: a month not on the calendar, or a short number, naming both readings (a typo of a year is likelier
 * than an instant of 1970).
 *
 * @example
 * askedTime("2019") // { text: "2019-01-01" }
 * askedTime("2003-12") // { text: "2003-12-01" }
 * askedTime("1559347200") // { text: "1559347200" }
 * askedTime("201") // { problem: 'time "201" is no year (ISO 8601 writes one with four digits, as 2019) and, …' }
 */
export function askedTime(raw: string): { text: string } | { problem: string } {
  const period = YEAR_OR_MONTH.exec(raw);
  if (period !== null) {
    const [, year, month] = period;
    if (month === undefined) return { text: `${year}-01-01` };
    const number = Number(month);
    if (number < 1 || number > 12)
      return { problem: `time ${quotedCell(raw)} is not a month on the calendar` };
    return { text: `${year}-${month}-01` };
  }
  if (SHORT_NUMBER.test(raw)) {
    const instant = `${new Date(Number(raw) * 1000).toISOString().slice(0, 19)}Z`;
    return {
      problem: `time ${quotedCell(raw)} is no year (ISO 8601 writes one with four digits, as 2019) and, as epoch seconds, ${instant}; write a year, a month (2019-06), a date or an epoch time of more digits`,
    };
  }
  return { text: raw };
}
