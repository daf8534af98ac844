// PATTERNS.md "Evidence" read a second time, sharing no code with src/evidence: every outcome recomputed
// as of T with the reference (so "known at T" is decided afresh), every figure from plain arrays.

import { itemAt } from "../src/engine/indexed";
import type { Bar } from "../src/types";
import { referenceIndexedScan, referenceOutcome } from "./reference-outcomes";

const CODES = ["HS", "BTOP", "TTOP", "RTOP", "IHS", "BBOT", "TBOT", "RBOT", "ATRI", "DTRI", "DTOP", "DBOT"];
const DIRECTION: Record<string, "up" | "down"> = {
  HS: "down",
  DTOP: "down",
  DTRI: "down",
  IHS: "up",
  DBOT: "up",
  ATRI: "up",
};

function summary(values: number[]) {
  const n = values.length;
  if (n === 0) return { n, mean: null, median: null, upShare: null };
  const sorted = [...values].sort((x, y) => x - y);
  const median =
    n % 2 ? itemAt(sorted, (n - 1) / 2) : (itemAt(sorted, n / 2 - 1) + itemAt(sorted, n / 2)) / 2;
  return {
    n,
    mean: values.reduce((s, v) => s + v, 0) / n,
    median,
    upShare: values.filter((v) => v > 0).length / n,
  };
}

/** Count of values <= x in an ascending array. */
function countAtMost(sorted: number[], x: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (itemAt(sorted, mid) <= x) low = mid + 1;
    else high = mid;
  }
  return low;
}

function ks(a: number[], b: number[]) {
  if (a.length === 0 || b.length === 0) return null;
  const sa = [...a].sort((x, y) => x - y);
  const sb = [...b].sort((x, y) => x - y);
  let D = 0;
  for (const x of [...sa, ...sb])
    D = Math.max(D, Math.abs(countAtMost(sa, x) / sa.length - countAtMost(sb, x) / sb.length));
  const n = a.length;
  const m = b.length;
  const lambda = Math.sqrt((n * m) / (n + m)) * D;
  let p = 1;
  if (lambda >= 0.3) {
    let sum = 0;
    for (let j = 1; j <= 100; j++) sum += (-1) ** (j - 1) * Math.exp(-2 * j * j * lambda * lambda);
    p = Math.min(1, Math.max(0, 2 * sum));
  }
  return { D, p };
}

function wilson(s: number, n: number): [number, number] | null {
  if (n === 0) return null;
  const z = 1.959964;
  const p = s / n;
  const denominator = 1 + (z * z) / n;
  const center = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return [center - half, center + half];
}

/**
 * Evidence per code for several series (pooled) as of time value `asOf` (by `timeOf`), default the end.
 *
 * @example
 * referenceEvidence([bars], (t) => Date.parse(t), Date.parse("2010-01-01"))
 */
export function referenceEvidence(
  seriesList: readonly (readonly Bar[])[],
  timeOf: (time: string) => number,
  asOf = Number.POSITIVE_INFINITY,
  bandwidth?: number,
) {
  const perCode = new Map<string, { detections: number; outcomes: ReturnType<typeof referenceOutcome>[] }>();
  for (const code of CODES) perCode.set(code, { detections: 0, outcomes: [] });
  const baseline: Record<"1" | "5" | "10" | "20", number[]> = { "1": [], "5": [], "10": [], "20": [] };
  for (const bars of seriesList) {
    let last = -1;
    bars.forEach((bar, i) => {
      if (timeOf(bar.time) <= asOf) last = i;
    });
    for (const d of referenceIndexedScan(bars, bandwidth)) {
      if (d.e > last) continue;
      const entry = perCode.get(d.pattern) as {
        detections: number;
        outcomes: ReturnType<typeof referenceOutcome>[];
      };
      entry.detections++;
      entry.outcomes.push(referenceOutcome(bars, d.a, d.e, last));
    }
    for (const h of [1, 5, 10, 20] as const)
      for (let i = 0; i + h <= last; i++)
        baseline[`${h}`].push(itemAt(bars, i + h).close / itemAt(bars, i).close - 1);
  }
  return CODES.map((code) => {
    const { detections, outcomes } = perCode.get(code) as {
      detections: number;
      outcomes: ReturnType<typeof referenceOutcome>[];
    };
    const resolved = outcomes.filter((o) => o.status !== "open");
    const status = { target: 0, failed: 0, stalled: 0, expired: 0 };
    for (const o of resolved) status[o.status as keyof typeof status]++;
    const wanted = DIRECTION[code];
    const success = resolved.filter(
      (o) => o.status === "target" && (wanted === undefined || o.breakout?.direction === wanted),
    ).length;
    const horizons: Record<string, unknown> = {};
    for (const h of ["1", "5", "10", "20"] as const) {
      const values = outcomes.flatMap((o) => {
        const value = o.returns[h];
        return value === undefined ? [] : [value];
      });
      const base = baseline[h];
      const entry: Record<string, unknown> = { returns: summary(values), baseline: summary(base) };
      if (wanted !== undefined) {
        const share = (list: number[]) =>
          list.filter((v) => (wanted === "up" ? v > 0 : v < 0)).length / list.length;
        entry.lift = values.length === 0 || base.length === 0 ? null : share(values) - share(base);
      }
      entry.ks = ks(values, base);
      horizons[h] = entry;
    }
    return {
      pattern: code,
      detections,
      resolved: resolved.length,
      status,
      succeeded: success,
      successRate: resolved.length === 0 ? null : success / resolved.length,
      successInterval: wilson(success, resolved.length),
      horizons,
    };
  });
}
