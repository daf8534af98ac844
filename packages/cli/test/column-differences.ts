// Two readings of one file compared as columns, bar by bar: the tests that hold a spelling of a file (CR LF
// breaks, quoted cells) to the columns of its plain spelling.

import type { ColumnSeries } from "../src/bars/column-series";

/**
 * Where two readings' columns first differ (closes and volumes to the bit, times as text), or undefined
 * when they are the same; "one declined" when only one of them is undefined.
 *
 * @example
 * expect(columnDifference(readColumns(crlf, options), readColumns(lf, options))).toBeUndefined();
 */
export function columnDifference(
  a: ColumnSeries | undefined,
  b: ColumnSeries | undefined,
): string | undefined {
  if (a === undefined || b === undefined) return a === b ? undefined : "one declined";
  if (a.length !== b.length) return "length";
  for (let i = 0; i < a.length; i++)
    if (
      !Object.is(a.closes[i], b.closes[i]) ||
      a.time(i) !== b.time(i) ||
      !Object.is(a.volume(i), b.volume(i))
    )
      return `bar ${i}`;
  return undefined;
}

/**
 * `count` rows of Date,Close,Volume from 2001-01-01, a day apart, every 50th volume empty: the plain file
 * the spelling tests spell other ways.
 *
 * @example
 * `Date,Close,Volume\n${dailyRows(3).join("\n")}\n`
 */
export const dailyRows = (count: number): string[] =>
  Array.from(
    { length: count },
    (_, i) =>
      `${new Date(Date.UTC(2001, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)},${(100 + Math.sin(i / 7) * 9).toFixed(3)},${i % 50 === 0 ? "" : 1000 + i}`,
  );
