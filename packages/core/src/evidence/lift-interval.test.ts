// The lift's interval: Newcombe's own example, the same interval whichever way the code claims, and a widened
// one for a down claim where unchanged closes leave its shares unknown.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseBarsCsv } from "../bars/csv";
import { scanOutcomes } from "../engine/scan";
import { HORIZONS } from "../outcomes/spec";
import type { Bar } from "../types";
import { evidenceOf } from "./evidence";
import { liftInterval } from "./lift-interval";
import { wilsonInterval } from "./statistics";

const rounded = (bounds: [number, number] | null) => bounds?.map((bound) => Number(bound.toFixed(4)));

/** Newcombe's method 10 from the counts themselves: what the interval must be when it is given. */
function newcombe(own: number, n: number, base: number, m: number): [number, number] {
  const [l1, u1] = wilsonInterval(own, n) ?? [Number.NaN, Number.NaN];
  const [l2, u2] = wilsonInterval(base, m) ?? [Number.NaN, Number.NaN];
  const p = own / n;
  const q = base / m;
  return [p - q - Math.hypot(p - l1, u2 - q), p - q + Math.hypot(u1 - p, q - l2)];
}

/** The probabilities of 0 .. n successes in n trials of chance p (by logarithms: 0.45^1000 underflows). */
function binomial(n: number, p: number): number[] {
  const logFactorial = [0];
  for (let k = 1; k <= n; k++) logFactorial.push((logFactorial[k - 1] ?? 0) + Math.log(k));
  const choose = (k: number) => (logFactorial[n] ?? 0) - (logFactorial[k] ?? 0) - (logFactorial[n - k] ?? 0);
  return logFactorial.map((_, k) => Math.exp(choose(k) + k * Math.log(p) + (n - k) * Math.log(1 - p)));
}

/**
 * An illiquid stock's minute bars: a tick-grid walk whose close is unchanged on about nine bars in ten, from
 * a fixed seed (the same series every run).
 */
function thinlyTraded(count: number, seed: number): Bar[] {
  let state = seed;
  const draw = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  let ticks = 1000;
  const start = Date.parse("2024-01-02T14:30:00Z");
  return Array.from({ length: count }, (_, i) => {
    if (draw() > 0.9) ticks += (draw() < 0.5 ? -1 : 1) * (1 + Math.floor(draw() * 3));
    return { time: new Date(start + i * 60_000).toISOString(), close: ticks / 100 };
  });
}

describe("liftInterval", () => {
  it("is Newcombe's hybrid score interval (his example: 56/70 vs 48/80)", () => {
    const interval = liftInterval(
      { returns: { n: 70, upShare: 0.8 }, baseline: { n: 80, upShare: 0.6 }, lift: 0.2 },
      "up",
    );
    expect(rounded(interval.bounds)).toEqual([0.0524, 0.3339]);
  });

  it("counts the returns over a design effect: twice as dependent, Newcombe's at half the counts", () => {
    const example = { returns: { n: 70, upShare: 0.8 }, baseline: { n: 80, upShare: 0.6 }, lift: 0.2 };
    const halved = { returns: { n: 35, upShare: 0.8 }, baseline: { n: 40, upShare: 0.6 }, lift: 0.2 };
    expect(liftInterval(example, "up", 2)).toEqual(liftInterval(halved, "up"));
    // Never narrower than independent returns give.
    expect(liftInterval(example, "up", 0.5)).toEqual(liftInterval(example, "up"));
    expect(liftInterval(example, "up", 1)).toEqual(liftInterval(example, "up"));
  });

  it("reads a down claim from the shares above zero, and has none without a lift or returns", () => {
    // 56 of 70 below zero against 48 of 80: the up shares are 0.2 and 0.4, the lift toward down +0.2.
    const down = liftInterval(
      { returns: { n: 70, upShare: 0.2 }, baseline: { n: 80, upShare: 0.4 }, lift: 0.2 },
      "down",
    );
    expect(rounded(down.bounds)).toEqual([0.0524, 0.3339]);
    expect(
      liftInterval({ returns: { n: 0, upShare: null }, baseline: { n: 80, upShare: 0.4 }, lift: null }, "up"),
    ).toEqual({ bounds: null, reason: "noReturns" });
  });

  it("widens a down claim's interval over every count the figures allow when returns of exactly zero leave its shares unknown", () => {
    // Minute bars of a thin stock: 6 double tops' 10-bar returns, 4 below zero, 1 at zero, 1 above, against
    // 2,990 of the baseline's, 841 below, 1,446 at zero, 703 above. The lift, 4/6 - 841/2990 = +38.5 points,
    // is exact; Newcombe's interval from those counts is not in the evidence's figures, but it is one of the
    // intervals of the counts they allow, so their union holds it.
    const dtop = { returns: { n: 6, upShare: 1 / 6 }, baseline: { n: 2990, upShare: 703 / 2990 } };
    const six = liftInterval({ ...dtop, lift: 4 / 6 - 841 / 2990 }, "down");
    expect(six.bounds && six.widened).toBe(true);
    expect(six.bounds?.[0]).toBeLessThanOrEqual(newcombe(4, 6, 841, 2990)[0]);
    expect(six.bounds?.[1]).toBeGreaterThanOrEqual(newcombe(4, 6, 841, 2990)[1]);
    // 10 of them, 5 below zero and 3 at zero, against 964 and 1,276 of 2,990: the lift is +17.8 points and
    // Newcombe's interval -8.6 to +44.2. The counts below zero the figures allow are a of the pattern's 8 not
    // above zero and 299 a - 531 of the baseline's 2,240 (a/10 - b/2990 is the lift): a = 2 (67) to 8 (1,861).
    // The interval is the union of their 7 intervals.
    const ten = { returns: { n: 10, upShare: 0.2 }, baseline: { n: 2990, upShare: 750 / 2990 } };
    const allowed = [2, 3, 4, 5, 6, 7, 8].map((a) => newcombe(a, 10, 299 * a - 531, 2990));
    expect(liftInterval({ ...ten, lift: 5 / 10 - 964 / 2990 }, "down")).toEqual({
      bounds: [Math.min(...allowed.map(([low]) => low)), Math.max(...allowed.map(([, high]) => high))],
      widened: true,
    });
    // A lift no counts give (above the pattern's whole share not above zero) keeps the reason.
    expect(liftInterval({ ...ten, lift: 0.9 }, "down")).toEqual({ bounds: null, reason: "unchangedCloses" });
  });

  it("covers about 95% at 10 returns, as docs/patterns.md says (exactly, over both binomials)", () => {
    // A baseline of 1,000 returns with shares 0.30 to 0.55, the pattern's 10 with shares 0.01 to 0.99.
    const n = 10;
    const m = 1000;
    const coverages: number[] = [];
    for (const q of [0.3, 0.45, 0.5, 0.55]) {
      const baseline = binomial(m, q);
      for (let step = 1; step <= 99; step++) {
        const p = step / 100;
        let covered = 0;
        binomial(n, p).forEach((own, a) => {
          baseline.forEach((base, b) => {
            if (own * base < 1e-14) return;
            const { bounds } = liftInterval(
              { returns: { n, upShare: a / n }, baseline: { n: m, upShare: b / m }, lift: a / n - b / m },
              "up",
            );
            if (bounds && bounds[0] <= p - q && p - q <= bounds[1]) covered += own * base;
          });
        });
        coverages.push(covered);
      }
    }
    const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
    const mean = coverages.reduce((sum, x) => sum + x, 0) / coverages.length;
    const documented = readFileSync(new URL("../../../../docs/patterns.md", import.meta.url), "utf8");
    expect(documented.replace(/\s+/g, " ")).toContain(
      `at \`n = 10\` returns its coverage averages ${percent(mean)} and falls to ${percent(Math.min(...coverages))} at the worst share`,
    );
  });

  it("on scanned series, is Newcombe's from the true counts, or holds it, widened, exactly where returns were zero", () => {
    // The thin stock's minute bars have unchanged closes at every horizon; the S&P 500's daily closes have 3
    // unchanged over 1 bar and 2 over 5 among some 5,100, and none over 10 or 20.
    const spx = parseBarsCsv(
      readFileSync(new URL("../../../../data/sp500-2000.csv", import.meta.url), "utf8"),
    );
    const kinds = (intervals: Shown[]) => intervals.map(({ kind }) => kind);
    expect(kinds(intervalsOf(thinlyTraded(3000, 13), "DTOP"))).toEqual([
      "widened",
      "widened",
      "widened",
      "widened",
    ]);
    expect(kinds(intervalsOf(spx, "HS"))).toEqual(["widened", "widened", "given", "given"]);
    // On the S&P 500 the widening is slight, as docs/patterns.md says: at most this much past either bound.
    const downClaims = (["HS", "DTOP", "DTRI"] as const).flatMap((code) => intervalsOf(spx, code));
    const widest = Math.max(...downClaims.map(({ wider }) => wider));
    const documented = readFileSync(new URL("../../../../docs/patterns.md", import.meta.url), "utf8");
    expect(documented.replace(/\s+/g, " ")).toContain(
      `the widest (DTOP at 1 bar) is ${(100 * widest).toFixed(1)} points wider than Newcombe's at the true counts`,
    );
    expect(downClaims.find(({ wider }) => wider === widest)?.at).toBe("DTOP 1");
  });
});

/** How a lift's interval was shown at one horizon, and how far past Newcombe's at the true counts it reaches. */
interface Shown {
  at: string;
  kind: string;
  wider: number;
}

/**
 * Per horizon, whether `code`'s interval on `bars` is given (and then equal to Newcombe's from the counts of
 * returns below zero) or widened (and then holding Newcombe's, and only where some return was zero).
 */
function intervalsOf(bars: Bar[], code: "HS" | "DTOP" | "DTRI"): Shown[] {
  const detections = scanOutcomes(bars);
  const evidence = evidenceOf([{ bars, detections }]).find((e) => e.pattern === code);
  if (!evidence) throw new Error(`no ${code} evidence`);
  const index = new Map(bars.map((bar, i) => [bar.time, i]));
  const ends = detections.filter((d) => d.pattern === code).map((d) => index.get(d.detectedAt) ?? -1);
  return HORIZONS.map((h) => {
    const at = `${code} ${h}`;
    const returnsFrom = (from: number[]) =>
      from
        .filter((e) => e + h < bars.length)
        .map((e) => (bars[e + h]?.close ?? 0) / (bars[e]?.close ?? 1) - 1);
    const own = returnsFrom(ends);
    const base = returnsFrom(bars.map((_, i) => i));
    const below = (rs: number[]) => rs.filter((r) => r < 0).length;
    const interval = liftInterval(evidence.horizons[`${h}`], "down");
    if (!interval.bounds) return { at, kind: interval.reason, wider: 0 };
    const truth = newcombe(below(own), own.length, below(base), base.length);
    const zeros = own.some((r) => r === 0) || base.some((r) => r === 0);
    expect(interval.widened).toBe(zeros);
    if (!interval.widened) {
      expect(interval.bounds).toEqual(truth);
      return { at, kind: "given", wider: 0 };
    }
    expect(interval.bounds[0]).toBeLessThanOrEqual(truth[0]);
    expect(interval.bounds[1]).toBeGreaterThanOrEqual(truth[1]);
    return {
      at,
      kind: "widened",
      wider: Math.max(truth[0] - interval.bounds[0], interval.bounds[1] - truth[1]),
    };
  });
}
