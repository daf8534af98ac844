// What each bar of a stream batch is to its series' window: new (applied, in time order), a duplicate (an
// instant already applied: a replay, harmless), or late (an instant never applied, older than one that
// was: the detector runs forward only, so it cannot be applied, and it is set aside with that reason).

import { type Bar, HELD_BARS, timeValue, WINDOW } from "@stock-patterns/core";
import type { SymbolWindow } from "./repository";

/** A bar that came after a newer bar of its series was applied: its place in the batch, and why. */
export interface LateBar {
  /** Its index among the bars given, in stream order. */
  index: number;
  reason: string;
}

/** A batch's bars sorted against the window. */
export interface Arrivals {
  /** The bars after the window's newest one, in time order, each instant once. */
  fresh: Bar[];
  /** Bars at an instant the window holds or the batch named first: they change nothing. */
  duplicates: number;
  late: LateBar[];
}

/**
 * Sorts a batch's bars (in stream order) against the window. A batch's bars are put in time order first:
 * PutRecords keeps no order when a producer resends the records it refused, so only a bar older than one
 * applied in an earlier batch is late. Of bars naming one instant the first in stream order is kept.
 *
 * A bar older than the window's newest is a duplicate when the window holds its instant. It is late when
 * the window would hold it had it been applied: after the oldest bar held, or anywhere while the window
 * has held every bar of its series (fewer than HELD_BARS). Before the oldest bar of a window that has let
 * bars go, it may be one of those let go (a stream read again from its start): taken as a duplicate.
 *
 * @example
 * sortArrivals(window, bars) // { fresh: [...], duplicates: 1, late: [{ index: 4, reason: "late: ..." }] }
 */
export function sortArrivals(window: SymbolWindow, bars: readonly Bar[], name: string): Arrivals {
  const held = [...(window.earlierBars ?? []), ...window.bars];
  const heldInstants = new Set(held.map((bar) => timeValue(bar.time)));
  const newest = window.bars.at(-1);
  const newestInstant = newest === undefined ? -Infinity : timeValue(newest.time);
  const oldestInstant = held.length === 0 ? -Infinity : timeValue((held[0] as Bar).time);
  // A window saved before earlierBars were kept held WINDOW bars at most.
  const everyBarHeld =
    window.earlierBars === undefined ? window.bars.length < WINDOW : held.length < HELD_BARS;

  const later: { bar: Bar; time: number }[] = [];
  const late: LateBar[] = [];
  let duplicates = 0;
  bars.forEach((bar, index) => {
    const time = timeValue(bar.time);
    if (time > newestInstant) later.push({ bar, time });
    else if (heldInstants.has(time) || !(everyBarHeld || time > oldestInstant)) duplicates++;
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
  for (const { bar, time } of later) {
    if (time <= last) {
      duplicates++;
      continue;
    }
    fresh.push(bar);
    last = time;
  }
  return { fresh, duplicates, late };
}
