// A time given to an option (--since, --as-of), as a trader writes one (core's askedTime: a year or a month
// stands for its first instant in UTC, a short number is refused); bar files keep the bars' rule.

import { askedTime } from "@stock-patterns/core";
import { UsageError } from "../io";

/**
 * The time an option's value names, as a bar time's text (core's askedTime), or a UsageError naming the
 * option and the problem.
 *
 * @example
 * optionTime("--since", "2019") // "2019-01-01"
 * optionTime("--as-of", "2003-12") // "2003-12-01"
 * optionTime("--since", "201") // throws: --since: time "201" is no year (ISO 8601 writes one with four digits...
 */
export function optionTime(name: string, raw: string): string {
  const asked = askedTime(raw);
  if ("problem" in asked) throw new UsageError(`${name}: ${asked.problem}`);
  return asked.text;
}
