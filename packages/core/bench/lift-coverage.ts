// How often the lift's 95% interval (lift-interval.ts) holds the true lift when the true lift is 0: series
// whose future moves are independent of their past (a random walk; the S&P 500's own daily moves drawn with
// replacement; universes of such walks, alone or sharing one market), so no pattern can have an edge. Each
// interval that excludes 0 there is a false edge. Newcombe's interval as given and widened by the design
// effect (lift-dependence.ts), over the same series. The figures are docs/patterns.md's; the same
// arguments give the same figures:
// `tsx packages/core/bench/lift-coverage.ts [series] [universe size] [walk|resampled|universe|market]`.

import { readFileSync } from "node:fs";
import { parseBarsCsv } from "../src/bars";
import { scanOutcomes } from "../src/engine/scan";
import { EvidencePool } from "../src/evidence/evidence";
import { LiftDependence } from "../src/evidence/lift-dependence";
import { liftInterval, MIN_SAMPLE } from "../src/evidence/lift-interval";
import { countSeries } from "../src/evidence/series-count";
import { wilsonInterval } from "../src/evidence/statistics";
import { EXPECTED_DIRECTION, HORIZONS } from "../src/outcomes/spec";
import type { Bar, PatternCode } from "../src/types";
import { codeUnitOrder } from "../src/words/code-unit-order";
import { seededRandom } from "./series";

const SEEDS = Number(process.argv[2] ?? 1000);
const UNIVERSE = Number(process.argv[3] ?? 10);
const BARS = 5105;

const spx = parseBarsCsv(readFileSync(new URL("../../../data/sp500-2000.csv", import.meta.url), "utf8"));
const spxMoves = spx.slice(1).map((bar, i) => Math.log(bar.close / (spx[i]?.close ?? bar.close)));

/** Closes from log moves, one bar a day from 2000-01-03 (times only need to increase). */
function barsOf(moves: (i: number) => number): Bar[] {
  let close = 1000;
  return Array.from({ length: BARS }, (_, i) => {
    if (i > 0) close *= Math.exp(moves(i));
    return { time: new Date(Date.UTC(2000, 0, 3 + i)).toISOString().slice(0, 10), close };
  });
}

/** A Gaussian random walk of 1.2% a day (the S&P 500's daily spread), no drift. */
function walk(seed: number): Bar[] {
  const random = seededRandom(seed);
  return barsOf(() => 0.012 * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()));
}

/** The S&P 500's daily moves drawn with replacement: its drift and fat tails, no memory. */
function resampled(seed: number): Bar[] {
  const random = seededRandom(seed);
  return barsOf(() => spxMoves[Math.floor(random() * spxMoves.length)] ?? 0);
}

/**
 * A universe of stocks that move with one market: each day's move is 0.8% from the market's draw (the
 * same for every stock of the universe on that day) and 0.9% of its own, a correlation of 0.44 between two
 * stocks' daily moves. `seed` picks the market; `stock` the stock's own moves.
 */
function withMarket(seed: number, stock: number): Bar[] {
  const market = seededRandom(seed);
  const own = seededRandom(1_000_000 + stock);
  const gauss = (random: () => number) =>
    Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return barsOf(() => 0.008 * gauss(market) + 0.009 * gauss(own));
}

const claims = Object.entries(EXPECTED_DIRECTION) as [PatternCode, "up" | "down"][];

/** Of the intervals at one code and horizon: how many, how many excluded 0 as shown and as corrected. */
interface Tally {
  trials: number;
  excluded: number;
  excludedCorrected: number;
  n: number;
  designEffect: number;
}

/**
 * Prints, per code and horizon and for all codes at a horizon, how often the interval held 0 (with a 95%
 * Wilson interval on that share) among `seeds` universes of `pooled` series each: those with MIN_SAMPLE
 * returns or more.
 */
function measure(
  name: string,
  series: (seed: number, universe: number) => Bar[],
  seeds: number,
  pooled: number,
): void {
  const tallies = new Map<string, Tally>();
  for (let s = 0; s < seeds; s++) {
    const pool = new EvidencePool();
    const dependence = new LiftDependence();
    for (let k = 0; k < pooled; k++) {
      const bars = series(1 + s * pooled + k, 1 + s);
      const count = countSeries({ bars, detections: scanOutcomes(bars) });
      pool.addCount(count);
      dependence.add(count);
    }
    const evidence = pool.evidence();
    const effects = dependence.designEffects();
    for (const [code, direction] of claims) {
      const e = evidence.find((one) => one.pattern === code);
      for (const h of HORIZONS) {
        const figures = e?.horizons[`${h}`];
        if (!figures || figures.returns.n < MIN_SAMPLE) continue;
        const effect = effects[code]?.[`${h}`] ?? 1;
        const { bounds } = liftInterval(figures, direction);
        const corrected = liftInterval(figures, direction, effect).bounds;
        if (!bounds || !corrected) continue;
        for (const key of [`${code} ${h}`, `all ${h}`]) {
          const t = tallies.get(key) ?? {
            trials: 0,
            excluded: 0,
            excludedCorrected: 0,
            n: 0,
            designEffect: 0,
          };
          t.trials++;
          t.n += figures.returns.n;
          t.designEffect += effect;
          if (bounds[0] > 0 || bounds[1] < 0) t.excluded++;
          if (corrected[0] > 0 || corrected[1] < 0) t.excludedCorrected++;
          tallies.set(key, t);
        }
      }
    }
  }
  console.log(
    `\n${name}: ${seeds} ${pooled === 1 ? "series" : `universes of ${pooled} series`} of ${BARS} bars`,
  );
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const coverage = (excluded: number, trials: number) => {
    const [low, high] = wilsonInterval(trials - excluded, trials) ?? [0, 0];
    return `${pct(1 - excluded / trials)} [${pct(low)}, ${pct(high)}]`;
  };
  console.log("code h   mean n  coverage as shown    design effect  coverage corrected   of");
  for (const [key, t] of [...tallies].sort(([a], [b]) => codeUnitOrder(a, b))) {
    console.log(
      `${key.padEnd(8)} ${(t.n / t.trials).toFixed(0).padStart(5)}  ${coverage(t.excluded, t.trials).padEnd(20)} ${(t.designEffect / t.trials).toFixed(2).padStart(6)}         ${coverage(t.excludedCorrected, t.trials).padEnd(20)} ${t.trials}`,
    );
  }
}

const only = process.argv[4];
const universes = Math.ceil(SEEDS / UNIVERSE);
if (!only || only === "walk") measure("random walk", walk, SEEDS, 1);
if (!only || only === "resampled") measure("S&P 500 moves resampled", resampled, SEEDS, 1);
if (!only || only === "universe") measure("random walk", walk, universes, UNIVERSE);
if (!only || only === "market")
  measure("one market", (stock, u) => withMarket(u, stock), universes, UNIVERSE);
