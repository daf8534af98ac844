// How far the lift's returns are from independent draws, for its interval (lift-interval.ts). Two returns
// of h bars that start under h bars apart share moves (a formation seen from consecutive windows; nearby
// detections), and in a universe the same dates move every stock together, so the returns behind a lift
// are fewer, in effect, than their count. Measured with seeded series whose true lift is 0
// (bench/lift-coverage.ts), Newcombe's interval on a universe of 50 stocks sharing one market held 0 in
// 89.2% of 1,200 cases at 10 bars: docs/patterns.md "The lift's interval".

import { itemAt } from "../engine/indexed";
import { EXPECTED_DIRECTION, forwardReturn, HORIZONS, type Horizon } from "../outcomes/spec";
import { PATTERN_CODES, type PatternCode } from "../types";
import { type BaselineTotals, type CodeReturns, DirectionVariances } from "./lift-variance";
import type { SeriesCount } from "./series-count";
import { TimeCalendars } from "./time-calendars";

/** Each directional code's design effect per horizon measured (1: as independent; absent: 1). */
export type DesignEffects = Partial<Record<PatternCode, Partial<Record<`${Horizon}`, number>>>>;

/**
 * The lift's design effect (Kish): the variance of the lift allowing for returns that overlap in time,
 * over the variance Newcombe's interval assumes (independent returns), at least 1. The variance is
 * Driscoll and Kraay's (Review of Economics and Statistics, 1998): each return's part in the lift (a
 * pattern return's `(x - p) / n`, a baseline return's `-(y - q) / m`, x and y 1 in the claimed direction)
 * summed over the returns that start at one time, in every series, then Newey and West's (Econometrica,
 * 1987) Bartlett weights `1 - k/h` between sums k times apart, for k < h: the share of bars two h-bar
 * returns k bars apart hold in common. It counts the pattern's bars in the baseline, and returns of other
 * series on the same dates, as the figures show them, not by an assumed correlation. Times are the
 * distinct bar times of every series added, in order (series on one calendar: its bars).
 *
 * @example
 * const dependence = new LiftDependence();
 * dependence.add(countSeries({ bars, detections: scanOutcomes(bars) }));
 * liftInterval(evidence.horizons["10"], "down", dependence.designEffects().HS?.["10"]);
 */
export class LiftDependence {
  private readonly calendars: TimeCalendars;
  private readonly baseline: BaselineTotals[];
  private readonly codes = new Map<PatternCode, CodeReturns[]>();

  /** `horizons`: those to measure (all by default; `patterns stats` shows one). */
  constructor(private readonly horizons: readonly Horizon[] = HORIZONS) {
    this.calendars = new TimeCalendars(horizons.length);
    this.baseline = horizons.map(() => ({ count: 0, up: 0, down: 0 }));
  }

  /** Adds one series as counted (countSeries): its baseline returns and its directional codes' returns. */
  add({ closes, codes, detectionBars, returns, times }: SeriesCount): void {
    const { calendar, first } = this.calendars.of(times);
    const last = closes.length - 1;
    const { horizons } = this;
    const columns = calendar.returns;
    horizons.forEach((h, i) => {
      let returnsUp = 0;
      let returnsDown = 0;
      for (let k = 0; k + h <= last; k++) {
        // biome-ignore lint/style/noNonNullAssertion: k and k + h run over the series' closes.
        const r = forwardReturn(closes[k]!, closes[k + h]!);
        // How many returns at the series' k-th time, at this horizon, then how many above 0, below 0.
        const at = 3 * ((first + k) * horizons.length + i);
        columns[at] = (columns[at] as number) + 1;
        if (r > 0) {
          columns[at + 1] = (columns[at + 1] as number) + 1;
          returnsUp++;
        } else if (r < 0) {
          columns[at + 2] = (columns[at + 2] as number) + 1;
          returnsDown++;
        }
      }
      const totals = itemAt(this.baseline, i);
      totals.count += Math.max(0, last + 1 - h);
      totals.up += returnsUp;
      totals.down += returnsDown;
    });
    for (let d = 0; d < codes.length; d++) {
      const code = itemAt(PATTERN_CODES, codes[d] as number);
      if (EXPECTED_DIRECTION[code] === undefined) continue;
      let lists = this.codes.get(code);
      if (lists === undefined) {
        lists = horizons.map(() => ({ times: [], signs: [] }));
        this.codes.set(code, lists);
      }
      const e = detectionBars[d] as number;
      horizons.forEach((h, i) => {
        if (e + h > last) return;
        // A count's returns come HORIZONS.length a detection, in the order of HORIZONS.
        const r = returns[d * HORIZONS.length + HORIZONS.indexOf(h)] as number;
        const list = itemAt(lists, i);
        list.times.push(times[e] as number);
        list.signs.push(Math.sign(r));
      });
    }
  }

  /** The design effect of each directional code's lift at each horizon, from every series added. */
  designEffects(): DesignEffects {
    const codes = [...this.codes];
    // The codes that claim one direction share the baseline's parts in their lifts at a horizon.
    const groups = this.horizons.flatMap((h, i) =>
      [1, -1].map((direction) => {
        const claiming = codes.filter(([code]) => (EXPECTED_DIRECTION[code] === "up" ? 1 : -1) === direction);
        const owns = claiming.map(([, lists]) => itemAt(lists, i));
        const baseline = itemAt(this.baseline, i);
        const variances = new DirectionVariances(direction, h, i, this.horizons.length, baseline, owns);
        return { h, claiming, variances };
      }),
    );
    const measured = groups.flatMap(({ variances }) => (variances.measured ? [variances] : []));
    if (measured.length > 0)
      this.calendars.inTimeOrder((times, sums, length) => {
        for (const variances of measured) variances.addTimes(times, sums, length);
      });
    const effects = Object.fromEntries(codes.map(([code]) => [code, {}])) as Record<
      PatternCode,
      Partial<Record<`${Horizon}`, number>>
    >;
    for (const { h, claiming, variances } of groups) {
      const each = variances.designEffects();
      claiming.forEach(([code], j) => {
        effects[code][`${h}`] = itemAt(each, j);
      });
    }
    return effects;
  }
}
