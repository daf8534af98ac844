// A time given to an option (--since, --as-of), as a trader writes one: a year or a month stands for its
// first instant in UTC. Bar files keep the bars' rule (a bare number there is an epoch time); an option's
// short number never is: `--since 2019` had read 2019 epoch seconds, in 1970, and kept every detection.

import { quotedCell } from "@stock-patterns/core";
import { UsageError } from "../io";

/** A year (YYYY) or a month (YYYY-MM): ISO 8601's reduced forms of a date. */
const YEAR_OR_MONTH = /^(\d{4})(?:-(\d{2}))?$/;

/**
 * One to three digits, or five to seven: no year as ISO 8601 writes one, and as epoch seconds the first
 * months of 1970 (`--since 20190`, a year mistyped, kept every detection). Eight are the bars' rule's:
 * refused there as a date or epoch seconds.
 */
const SHORT_NUMBER = /^(\d{1,3}|\d{5,7})$/;

/**
 * The time an option's value names, as a bar time's text: a year (`2019`) or a month (`2003-12`) as the
 * date it starts on, in UTC, any other text as given (for the bars' rule to read or refuse). One to three
 * digits, and five to seven, are refused, naming both readings: a typo of a year is likelier than an
 * instant of 1970.
 *
 * @example
 * optionTime("--since", "2019") // "2019-01-01"
 * optionTime("--as-of", "2003-12") // "2003-12-01"
 * optionTime("--since", "1559347200") // "1559347200"
 * optionTime("--since", "201") // throws: --since: time "201" is no year (ISO 8601 writes one with four digits...
 */
export function optionTime(name: string, raw: string): string {
  const period = YEAR_OR_MONTH.exec(raw);
  if (period !== null) {
    const [, year, month] = period;
    if (month === undefined) return `${year}-01-01`;
    const number = Number(month);
    if (number < 1 || number > 12)
      throw new UsageError(`${name}: time ${quotedCell(raw)} is not a month on the calendar`);
    return `${year}-${month}-01`;
  }
  if (SHORT_NUMBER.test(raw)) {
    const instant = `${new Date(Number(raw) * 1000).toISOString().slice(0, 19)}Z`;
    throw new UsageError(
      `${name}: time ${quotedCell(raw)} is no year (ISO 8601 writes one with four digits, as 2019) and, as epoch seconds, ${instant}; write a year, a month (2019-06), a date or an epoch time of more digits`,
    );
  }
  return raw;
}
