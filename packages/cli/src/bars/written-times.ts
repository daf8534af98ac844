// Under --date-format each bar's time is read into ISO 8601, and core checks the bars' order on those; its
// refusal then quoted times the file does not hold ("2020-01-02" for a cell of 01/02/2020).

import { type Bar, notAfterPrevious } from "@stock-patterns/core";
import type { DateFormat } from "./time";

/**
 * The refusal `reason` of the bar at `index`, with its times quoted as the file writes them in `format`
 * where it is core's refusal of the bars' order (notAfterPrevious, the one wording) quoting them as read;
 * any other reason as it is. A time the format did not read (a JSON bar's epoch number) is quoted as read,
 * which is as written.
 *
 * @example
 * const bars = [{ time: "2020-01-03", close: 10 }, { time: "2020-01-02", close: 11 }];
 * asWritten(notAfterPrevious("2020-01-02", "2020-01-03"), 1, bars, dateFormat("MM/DD/YYYY"))
 * // 'time "01/02/2020" is not after the previous bar\'s "01/03/2020"'
 */
export function asWritten(reason: string, index: number, bars: readonly Bar[], format: DateFormat): string {
  const time = bars[index]?.time ?? "";
  const previous = bars[index - 1]?.time;
  if (reason !== notAfterPrevious(time, previous)) return reason;
  const written = (read: string) => format.fromIso(read) ?? read;
  return notAfterPrevious(written(time), previous === undefined ? undefined : written(previous));
}
