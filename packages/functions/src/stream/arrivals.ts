// What each bar of a stream batch is to its series' window: new (applied, in time order), a duplicate (an
// instant already applied, with the same values: a replay, harmless), a conflict (an instant already
// applied, or named first in the batch, with other values: a correction or a second feed, which the
// detector cannot take back) or late (an instant never applied, older than one that was: the detector runs
// forward only). Conflicting and late bars cannot be applied: they are set aside with their reason.

import {
  ambiguousDate,
  type Bar,
  HELD_BARS,
  instantOutsideYears,
  timeStyle,
  timeValue,
  WINDOW,
} from "@stock-patterns/core";
import type { SymbolWindow } from "./repository";

/** A bar of the batch that cannot be applied: its place in the batch, and why. */
export interface SetAsideBar {
  /** Its index among the bars given, in stream order. */
  index: number;
  reason: string;
}

/** A batch's bars sorted against the window. */
export interface Arrivals {
  /** The bars after the window's newest one, in time order, each instant once. */
  fresh: Bar[];
  /**
   * Bars at an instant the window holds or the batch named first, with its values, and bars before the
   * oldest of a window that has let bars go (taken for ones let go): they change nothing.
   */
  duplicates: number;
  /** Bars at an instant the window holds or the batch named first, with other values. */
  conflicts: SetAsideBar[];
  late: SetAsideBar[];
}

/** Every value the window keeps of a bar besides its time (packStoredBars): a resend must match them all. */
const VALUES = ["open", "high", "low", "close", "volume"] as const;

/** How `bar` differs from `first`, the bar of its instant known first ("close 10.5 (applied 10.4)"), or "". */
function differences(bar: Bar, first: Bar, known: string): string {
  return VALUES.filter((field) => bar[field] !== first[field])
    .map((field) => `${field} ${bar[field] ?? "none"} (${known} ${first[field] ?? "none"})`)
    .join(", ");
}

/**
 * A batch's bars against a window that holds a bar whose time today's rule does not read: releases before
 * 4dc2e5c applied any time Date.parse took ("02/25/2000", "Jan 2 2020") and kept it as written, and
 * releases before 4481820 an instant outside the years 0000 to 9999 in UTC (a first bar at
 * 0000-01-01T00:00:00+01:00), and releases before eight digits were refused read 20200102 as epoch seconds
 * (1970-08-22). No instant orders a bar after it, so none can be applied: each is a conflict with the window, set aside whole with the time that stops it and the release that kept it, rather than
 * failing the batch on every retry (docs/deploy.md says what to do).
 */
function afterUnreadTime(unread: Bar, bars: readonly Bar[], name: string): Arrivals {
  const kept =
    ambiguousDate(unread.time) !== undefined
      ? ", kept by a release that read eight digits as epoch seconds"
      : instantOutsideYears(unread.time) === undefined
        ? " (kept as a release before 4dc2e5c read it)"
        : ", kept as a release before 4481820 read it";
  const reason = `conflict: the stored window of ${name} holds a bar whose ${timeStyle(unread.time)}${kept}; no bar is applied after it`;
  return { fresh: [], duplicates: 0, conflicts: bars.map((_, index) => ({ index, reason })), late: [] };
}

/**
 * Sorts a batch's bars (in stream order) against the window. A batch's bars are put in time order first:
 * PutRecords keeps no order when a producer resends the records it refused, so only a bar older than one
 * applied in an earlier batch is late. Of bars naming one instant the first in stream order is kept.
 *
 * A bar at an instant the window holds, or one an earlier bar of the batch named, is a duplicate when its
 * values are those of that bar, and a conflict otherwise. An older bar at an instant the window does not
 * hold is late when the window would hold it had it been applied: after the oldest bar held, or anywhere
 * while the window has held every bar of its series (fewer than HELD_BARS). Before the oldest bar of a
 * window that has let bars go, it may be one of those let go (a stream read again from its start): taken
 * as a duplicate, having nothing to compare it with.
 *
 * @example
 * sortArrivals(window, bars, "SPX 1d") // { fresh: [...], duplicates: 1, conflicts: [], late: [{ index: 4, reason: "late: ..." }] }
 */
export function sortArrivals(window: SymbolWindow, bars: readonly Bar[], name: string): Arrivals {
  const held = [...(window.earlierBars ?? []), ...window.bars];
  const heldAt = new Map(held.map((bar) => [timeValue(bar.time), bar]));
  // The newest held bar whose time is not an instant, if any (they all map to NaN).
  const unread = heldAt.get(Number.NaN);
  if (unread !== undefined) return afterUnreadTime(unread, bars, name);
  const newest = window.bars.at(-1);
  const newestInstant = newest === undefined ? -Infinity : timeValue(newest.time);
  const oldestInstant = held.length === 0 ? -Infinity : timeValue((held[0] as Bar).time);
  // A window saved before earlierBars were kept held WINDOW bars at most.
  const everyBarHeld =
    window.earlierBars === undefined ? window.bars.length < WINDOW : held.length < HELD_BARS;

  const later: { bar: Bar; time: number; index: number }[] = [];
  const conflicts: SetAsideBar[] = [];
  const late: SetAsideBar[] = [];
  let duplicates = 0;
  /** Counts `bar` as a duplicate of `first`, or as a conflict with it when their values differ. */
  const resent = (bar: Bar, index: number, first: Bar, knownAs: string, known: string) => {
    const differ = differences(bar, first, known);
    if (differ === "") duplicates++;
    else
      conflicts.push({
        index,
        reason: `conflict: time ${bar.time} is the instant of a bar ${knownAs} ${name}, with other values: ${differ}`,
      });
  };
  bars.forEach((bar, index) => {
    const time = timeValue(bar.time);
    const applied = heldAt.get(time);
    if (time > newestInstant) later.push({ bar, time, index });
    else if (applied !== undefined) resent(bar, index, applied, "already applied to", "applied");
    else if (!(everyBarHeld || time > oldestInstant)) duplicates++;
    else
      late.push({
        index,
        reason: `late: time ${bar.time} is before ${newest?.time}, the newest bar applied to ${name}; bars are applied in time order only`,
      });
  });
  // Stable: of bars naming one instant, the first in stream order stays first.
  later.sort((a, b) => a.time - b.time);
  const fresh: Bar[] = [];
  let last = newestInstant;
  for (const { bar, time, index } of later) {
    const first = fresh.at(-1);
    // Later than the window's newest, so an instant already taken is the one of the last fresh bar.
    if (time <= last && first !== undefined) {
      resent(bar, index, first, "named earlier in the batch for", "first");
      continue;
    }
    fresh.push(bar);
    last = time;
  }
  return { fresh, duplicates, conflicts, late };
}
