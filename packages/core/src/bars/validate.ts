// The rules every series must meet before detection: a close on every bar, strictly increasing time.

import type { Bar } from "../types";
import { BarsError } from "./errors";
import { timeValue } from "./time";

/**
 * Checks a series in place and returns it; throws BarsError naming the first offending row.
 * `rowOf(i)` maps an index to the row number users see (defaults to i + 1).
 *
 * @example
 * validateBars([{ time: "2020-01-02", close: 10 }, { time: "2020-01-03", close: 11 }])
 */
export function validateBars(bars: Bar[], rowOf: (index: number) => number = (i) => i + 1): Bar[] {
  if (bars.length === 0) throw new BarsError("no bars: the series is empty");
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < bars.length; i++) {
    const bar = bars[i];
    if (!Number.isFinite(bar.close))
      throw new BarsError(`close ${String(bar.close)} is not a finite number`, rowOf(i));
    const value = timeValue(bar.time);
    if (Number.isNaN(value))
      throw new BarsError(`time "${bar.time}" is not a date, datetime or epoch number`, rowOf(i));
    if (value <= previous) {
      throw new BarsError(
        `time "${bar.time}" is not after the previous bar's "${bars[i - 1].time}"`,
        rowOf(i),
      );
    }
    previous = value;
  }
  return bars;
}
