// The lift's design effect: a stock counted twice is half the information it seems, and on universes whose
// stocks share one market, with detections that no future move explains, the interval it widens holds the
// true lift (0) about 95% of the time where Newcombe's alone does not.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../bench/series";
import { parseBarsCsv } from "../bars/csv";
import { scanOutcomes } from "../engine/scan";
import { EXPECTED_DIRECTION, forwardReturn, HORIZONS } from "../outcomes/spec";
import { PATTERN_CODES } from "../types";
import { EvidencePool } from "./evidence";
import { LiftDependence } from "./lift-dependence";
import { liftInterval } from "./lift-interval";
import { countSeries, type SeriesCount } from "./series-count";
import { BLOCK_TIMES } from "./time-calendars";

const DAY = 86_400_000;

/**
 * One universe of `stocks` stocks over `bars` days, each day's move 0.8% of the market's draw and 0.9% of
 * the stock's own (a correlation of 0.44), with head-and-shoulders "detected" on days drawn apart from the
 * moves: on each of 30 market-wide days about half the stocks have one, a third of those again the next
 * day. No detection knows a later move, so the true lift is 0.
 */
function universe(seed: number, stocks = 20, bars = 1000): SeriesCount[] {
  const random = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const market = Array.from({ length: bars }, gauss);
  const days = Array.from({ length: 30 }, () => Math.floor(random() * bars)).sort((a, b) => a - b);
  const hs = PATTERN_CODES.indexOf("HS");
  return Array.from({ length: stocks }, () => {
    const closes = new Float64Array(bars);
    let close = 100;
    market.forEach((move, t) => {
      close *= Math.exp(0.008 * move + 0.009 * gauss());
      closes[t] = close;
    });
    const at = days.flatMap((day) => {
      if (random() < 0.5) return [];
      return random() < 1 / 3 && day + 1 < bars ? [day, day + 1] : [day];
    });
    const returns = at.flatMap((e) =>
      HORIZONS.map((h) => (e + h < bars ? forwardReturn(closes[e] ?? 1, closes[e + h] ?? 1) : Number.NaN)),
    );
    return {
      closes,
      codes: Uint8Array.from(at, () => hs),
      detectionBars: Int32Array.from(at),
      outcomes: new Uint8Array(at.length),
      resolvedBars: new Int32Array(at.length).fill(-1),
      returns: Float64Array.from(returns),
      times: Float64Array.from({ length: bars }, (_, t) => Date.UTC(2000, 0, 3) + t * DAY),
    };
  });
}

/**
 * The design effects of LiftDependence's definition, computed as it reads: every distinct time of every
 * series in order, each one's parts summed, Bartlett-weighted products of sums under h times apart.
 */
function definedEffects(counts: readonly SeriesCount[]): Record<string, Record<string, number>> {
  const times = [...new Set(counts.flatMap((count) => [...count.times]))].sort((a, b) => a - b);
  const rank = new Map(times.map((time, t) => [time, t]));
  const effects: Record<string, Record<string, number>> = {};
  for (const code of ["HS", "IHS"] as const) {
    const direction = EXPECTED_DIRECTION[code] === "up" ? 1 : -1;
    const byHorizon: Record<string, number> = {};
    effects[code] = byHorizon;
    HORIZONS.forEach((h, i) => {
      const base: { t: number; x: number }[] = [];
      const own: { t: number; x: number }[] = [];
      for (const { closes, codes, detectionBars, returns, times: at } of counts) {
        for (let k = 0; k + h < closes.length; k++)
          base.push({
            t: rank.get(at[k] ?? 0) ?? -1,
            x: Math.sign(forwardReturn(closes[k] ?? 1, closes[k + h] ?? 1)),
          });
        detectionBars.forEach((e, d) => {
          if (PATTERN_CODES[codes[d] ?? 0] === code && e + h < closes.length)
            own.push({ t: rank.get(at[e] ?? 0) ?? -1, x: Math.sign(returns[d * HORIZONS.length + i] ?? 0) });
        });
      }
      const p = own.filter(({ x }) => x === direction).length / own.length;
      const q = base.filter(({ x }) => x === direction).length / base.length;
      const parts = new Array<number>(times.length).fill(0);
      for (const { t, x } of base) parts[t] = (parts[t] ?? 0) - ((x === direction ? 1 : 0) - q) / base.length;
      for (const { t, x } of own) parts[t] = (parts[t] ?? 0) + ((x === direction ? 1 : 0) - p) / own.length;
      let variance = 0;
      parts.forEach((part, t) => {
        for (let k = 0; k < h && t + k < parts.length; k++)
          variance += (k === 0 ? 1 : 2 * (1 - k / h)) * part * (parts[t + k] ?? 0);
      });
      byHorizon[`${h}`] = Math.max(1, variance / ((p * (1 - p)) / own.length + (q * (1 - q)) / base.length));
    });
  }
  return effects;
}

describe("LiftDependence", () => {
  it("finds a stock counted twice half the information: twice the design effect", () => {
    const bars = parseBarsCsv(
      readFileSync(new URL("../../../../data/sp500-2000.csv", import.meta.url), "utf8"),
    );
    const count = countSeries({ bars, detections: scanOutcomes(bars) });
    const once = new LiftDependence();
    once.add(count);
    const twice = new LiftDependence();
    twice.add(count);
    twice.add(count);
    const single = once.designEffects();
    const doubled = twice.designEffects();
    let above = 0;
    for (const [code, effects] of Object.entries(single)) {
      for (const [h, effect] of Object.entries(effects)) {
        const two = doubled[code as keyof typeof doubled]?.[h as "10"] ?? Number.NaN;
        // At least 1 either way; where once is above 1 (not raised to it), exactly twice that.
        if (effect > 1) {
          above++;
          expect(two, `${code} ${h}`).toBeCloseTo(2 * effect, 10);
        } else expect(two, `${code} ${h}`).toBeLessThanOrEqual(2);
      }
    }
    // Measuring one horizon (as `patterns stats` does, for its table's) gives the same figures.
    const tenOnly = new LiftDependence([10]);
    tenOnly.add(count);
    expect(tenOnly.designEffects()).toEqual(
      Object.fromEntries(Object.entries(single).map(([code, effects]) => [code, { "10": effects["10"] }])),
    );
    // The S&P 500's descending triangles at 5, 10 and 20 bars and ascending ones at 10 overlap, as
    // docs/patterns.md says.
    expect(above).toBe(4);
    const shown = (x: number | undefined) => x?.toFixed(3);
    const documented = readFileSync(new URL("../../../../docs/patterns.md", import.meta.url), "utf8");
    expect(documented.replace(/\s+/g, " ")).toContain(
      `it is 1 but for DTRI at 5, 10 and 20 bars (${[5, 10, 20].map((h) => shown(single.DTRI?.[`${h}` as "5"])).join(", ")}) and ATRI at 10 (${shown(single.ATRI?.["10"])})`,
    );
  });

  // About 2 s alone; the timeout leaves room for a loaded 2-core machine.
  it("widens the lift's interval to about 95% coverage where the stocks of a universe move together", {
    timeout: 15_000,
  }, () => {
    let trials = 0;
    let shown = 0;
    let corrected = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const pool = new EvidencePool();
      const dependence = new LiftDependence();
      for (const count of universe(seed)) {
        pool.addCount(count);
        dependence.add(count);
      }
      const hs = pool.evidence().find((e) => e.pattern === "HS");
      const effects = dependence.designEffects().HS;
      for (const h of HORIZONS) {
        const figures = hs?.horizons[`${h}`];
        if (!figures || !effects) throw new Error("every universe has head-and-shoulders");
        const holds = ({ bounds }: ReturnType<typeof liftInterval>) =>
          bounds && bounds[0] <= 0 && 0 <= bounds[1];
        trials++;
        if (holds(liftInterval(figures, "down"))) shown++;
        if (holds(liftInterval(figures, "down", effects[`${h}`]))) corrected++;
      }
    }
    // 100 universes of 20 stocks, 4 horizons: Newcombe's interval alone held 0 in 278 of 400 (69.5%);
    // widened by the design effect, in 379 (94.8%), not so wide that it always does.
    expect(trials).toBe(400);
    expect(shown / trials).toBeLessThan(0.75);
    expect(corrected / trials).toBeGreaterThanOrEqual(0.93);
    expect(corrected / trials).toBeLessThanOrEqual(0.975);
  });
  it("gives the effects its definition gives where series share some times and not others", () => {
    // Twelve stocks of one market on calendars that line up in part, two of each kind: as drawn, again
    // (the same times), a run of them (listed later, delisted sooner), without some days (holidays),
    // stamped 5 hours later (another time zone), 200 days and a minute later. Each has head-and-shoulders
    // and the inverse (an up code).
    const ihs = PATTERN_CODES.indexOf("IHS");
    const drawn = universe(7, 12, 1500);
    const random = seededRandom(70);
    const counts = drawn.map((count, stock) => {
      const s = stock % 6;
      const keep = Array.from(count.times, (_, k) =>
        s === 2 ? k >= 200 && k < 1300 : s === 3 ? random() > 0.1 : true,
      );
      const bars = keep.flatMap((kept, k) => (kept ? [k] : []));
      const newIndex = new Map(bars.map((k, j) => [k, j]));
      const detections = Array.from(count.detectionBars).flatMap((e, d) => {
        const j = newIndex.get(e);
        return j === undefined ? [] : [{ j, d, code: d % 3 === 0 ? ihs : (count.codes[d] as number) }];
      });
      const shift = s === 4 ? 5 * 3_600_000 : s === 5 ? 200 * DAY + 60_000 : 0;
      return {
        closes: Float64Array.from(bars, (k) => count.closes[k] as number),
        codes: Uint8Array.from(detections, ({ code }) => code),
        detectionBars: Int32Array.from(detections, ({ j }) => j),
        outcomes: new Uint8Array(detections.length),
        resolvedBars: new Int32Array(detections.length).fill(-1),
        returns: Float64Array.from(
          detections.flatMap(({ j }) =>
            HORIZONS.map((h) =>
              j + h < bars.length
                ? forwardReturn(count.closes[bars[j] ?? 0] ?? 1, count.closes[bars[j + h] ?? 0] ?? 1)
                : Number.NaN,
            ),
          ),
        ),
        times: Float64Array.from(bars, (k) => (count.times[k] as number) + shift),
      };
    });
    const dependence = new LiftDependence();
    for (const count of counts) dependence.add(count);
    const effects = dependence.designEffects();
    const defined = definedEffects(counts);
    let above = 0;
    for (const code of ["HS", "IHS"] as const) {
      for (const h of HORIZONS) {
        const [measured, expected] = [effects[code]?.[`${h}`] ?? Number.NaN, defined[code]?.[`${h}`] ?? 0];
        if (expected > 1) above++;
        // The same sums, added up in another order: equal to 12 significant digits.
        expect(Math.abs(measured - expected), `${code} ${h}`).toBeLessThanOrEqual(1e-12 * expected);
      }
    }
    // All are above 1 (not raised to it), so the sums are compared, not the floor; and the times are more
    // than one block of TimeCalendars.inTimeOrder, so parts held over from one block to the next count.
    expect(above).toBe(8);
    expect(new Set(counts.flatMap((count) => [...count.times])).size).toBeGreaterThan(BLOCK_TIMES);
  });
});
