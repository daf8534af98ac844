// A POST /patterns body whose bars name their time or close another way (Date and Close, as the CLI reads
// them, or Polygon's t and c): one issue a bar saying so (core's misnamedBarFields), not a bare "time must
// be ..." and "expected number" for each.

import { misnamedBarFields, misnamedOptionalFields } from "@stock-patterns/core";
import type { ValidationIssue } from "./problem";

/** The bars a body sent, as sent; none when it sent no array of them. */
function barsOf(body: unknown): unknown[] {
  const sent = (body as { bars?: unknown } | null | undefined)?.bars;
  return Array.isArray(sent) ? sent : [];
}

/**
 * `issues` with those of a bar's missing time or close replaced by one naming the keys it sent instead,
 * where core finds such keys; every other issue as it was, in its place.
 *
 * @example
 * misnamedBars({ bars: [{ Date: "2024-01-02", Close: 5 }] }, issues)
 * // [{ path: ["bars", 0], message: 'time and close are missing: the bar has "Date" and "Close"; ...' }]
 */
export function misnamedBars(body: unknown, issues: readonly ValidationIssue[]): ValidationIssue[] {
  const bars = barsOf(body);
  const told = new Set<number>();
  return issues.flatMap((issue) => {
    const [where, index, field] = issue.path ?? [];
    if (where !== "bars" || typeof index !== "number" || (field !== "time" && field !== "close"))
      return [issue];
    const hint = misnamedBarFields(bars[index]);
    if (hint === undefined) return [issue];
    if (told.has(index)) return [];
    told.add(index);
    return [{ path: ["bars", index], message: hint }];
  });
}

/**
 * An issue for each bar of a body that names a field it lacks another way (core's misnamedOptionalFields):
 * `Volume` or `volumne` beside time and close, which the schema drops, the bar then read without its
 * volume. None for a body without bars.
 *
 * @example
 * misnamedOptionalBars({ bars: [{ time: "2024-01-02", close: 5, Volume: 1200 }] })
 * // [{ path: ["bars", 0], message: 'the bar\'s "Volume" is no field (did you mean volume?): ...' }]
 */
export function misnamedOptionalBars(body: unknown): ValidationIssue[] {
  return barsOf(body).flatMap((bar, index) => {
    const message = misnamedOptionalFields(bar);
    return message === undefined ? [] : [{ path: ["bars", index], message }];
  });
}
