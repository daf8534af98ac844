// `npm run bench`: throughput of the batch scan and the streaming detector against the straightforward
// reference, medians of several runs, peak memory. Prints a table and JSON (also saved to bench-results/).

import { mkdirSync, writeFileSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { itemAt } from "../src/engine/indexed";
import { StreamingDetector, scanBars, scanCloses, scanOutcomes } from "../src/index";
import { referenceScan } from "./reference";
import { randomWalkBars } from "./series";

const BARS = Number(process.env.BENCH_BARS ?? 1_000_000);
const REFERENCE_BARS = Number(process.env.BENCH_REFERENCE_BARS ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
// The outcome share is a ratio of two close times on a shared machine: five pairs ranged from 1.06x to
// 1.46x, so its pair runs three times as many (about 10 s more).
const OUTCOME_RUNS = Number(process.env.BENCH_OUTCOME_RUNS ?? 3 * RUNS);

interface Result {
  name: string;
  bars: number;
  runs: number;
  medianMs: number;
  barsPerSecond: number;
  detections: number;
}

function median(values: number[]): number {
  return quantile(values, 0.5);
}

/** The q-quantile of `values`, interpolated between the two nearest ranks (q = 0.5: the median). */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const below = Math.floor(at);
  const above = Math.min(below + 1, sorted.length - 1);
  return itemAt(sorted, below) + (itemAt(sorted, above) - itemAt(sorted, below)) * (at - below);
}

// Each run starts on a collected heap, so it does not pay for the garbage of the one before (the gc
// function is exposed at run time, the usual way without a node flag).
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

/**
 * Collects the heap and waits until the collector's background threads are done with it: a full
 * collection leaves the sweeping of the heap's pages (about 120 MB here) to other threads, and that
 * work ran into the next timed run, about 50 ms of CPU beside it, and waited on by a run that allocates
 * records (6 Dec: the engine's runs took 131 ms with it, 113 ms without; scanBars 205 and 190 ms).
 * Waiting is sleeping in steps of 10 ms until one passes with under 1 ms of this process's CPU.
 */
function collect(): void {
  collectGarbage();
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  for (let step = 0; step < 100; step++) {
    const before = cpuMs();
    Atomics.wait(sleeper, 0, 0, 10);
    if (cpuMs() - before < 1) return;
  }
}

function measure(name: string, bars: number, runs: number, work: () => number): Result {
  const times: number[] = [];
  let detections = 0;
  for (let run = 0; run < runs; run++) {
    collect();
    const started = performance.now();
    detections = work();
    times.push(performance.now() - started);
    process.stderr.write(`  ${name}: run ${run + 1}/${runs} ${itemAt(times, run).toFixed(1)} ms\n`);
  }
  const medianMs = median(times);
  return { name, bars, runs, medianMs, barsPerSecond: Math.round(bars / (medianMs / 1000)), detections };
}

/** CPU time of this process so far, in ms: all its threads, so the collector's helper threads count too. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Measures `without` and `with` outcomes in alternating runs, so a busy machine slows both alike, and
 * returns both rows and what outcomes cost: the median over runs of with / without - 1, in wall time
 * (`cost`) and in CPU time (`cpuCost`: on a shared machine the steadier of the two, since waiting for a
 * core does not count), and each run's with / without (`ratios`, `cpuRatios`) for an interval.
 */
function measurePair(
  names: [string, string],
  runs: number,
  without: () => number,
  withOutcomes: () => number,
): { rows: [Result, Result]; cost: number; cpuCost: number; ratios: number[]; cpuRatios: number[] } {
  const times: [number[], number[]] = [[], []];
  const cpu: [number[], number[]] = [[], []];
  const found = [0, 0];
  for (let run = 0; run < runs; run++) {
    [without, withOutcomes].forEach((work, k) => {
      collect();
      const started = performance.now();
      const startedCpu = cpuMs();
      found[k] = work();
      itemAt(times, k).push(performance.now() - started);
      itemAt(cpu, k).push(cpuMs() - startedCpu);
      process.stderr.write(
        `  ${itemAt(names, k)}: run ${run + 1}/${runs} ${itemAt(itemAt(times, k), run).toFixed(1)} ms\n`,
      );
    });
  }
  const row = (k: number): Result => {
    const medianMs = median(itemAt(times, k));
    const barsPerSecond = Math.round(BARS / (medianMs / 1000));
    return {
      name: itemAt(names, k),
      bars: BARS,
      runs,
      medianMs,
      barsPerSecond,
      detections: itemAt(found, k),
    };
  };
  const ratios = itemAt(times, 1).map((t, i) => t / itemAt(itemAt(times, 0), i));
  const cpuRatios = itemAt(cpu, 1).map((t, i) => t / itemAt(itemAt(cpu, 0), i));
  return {
    rows: [row(0), row(1)],
    cost: median(ratios) - 1,
    cpuCost: median(cpuRatios) - 1,
    ratios,
    cpuRatios,
  };
}

/**
 * Heap a result keeps, per detection: what outcomes add to memory, exact where times on a shared machine
 * are not (the result stays alive across the second collection).
 */
function keptBytesPerDetection(work: () => unknown[]): number {
  collect();
  const before = process.memoryUsage().heapUsed;
  const kept = work();
  collect();
  return Math.round((process.memoryUsage().heapUsed - before) / kept.length);
}

process.stderr.write(`generating ${BARS.toLocaleString("en-US")} synthetic bars\n`);
const bars = randomWalkBars(BARS);
const closes = Float64Array.from(bars, (bar) => bar.close);
const referenceBars = bars.slice(0, REFERENCE_BARS);

const engineOnCloses = () => {
  let found = 0;
  scanCloses(closes, {}, (_e, codes) => {
    found += codes.length;
  });
  return found;
};
const results = [
  measure("batch engine (closes)", BARS, RUNS, engineOnCloses),
  measure("reference O(W^2)", REFERENCE_BARS, Math.min(RUNS, 3), () => referenceScan(referenceBars).length),
];

const batch = measurePair(
  ["batch scanBars (bars, validated)", "batch scanOutcomes (+ outcomes)"],
  OUTCOME_RUNS,
  () => scanBars(bars).length,
  () => scanOutcomes(bars).length,
);
const streaming = measurePair(
  ["streaming push", "streaming advance (+ outcomes)"],
  RUNS,
  () => {
    const detector = new StreamingDetector();
    let found = 0;
    for (const bar of bars) found += detector.push(bar).length;
    return found;
  },
  () => {
    const detector = new StreamingDetector({ outcomes: true });
    let found = 0;
    for (const bar of bars) found += detector.advance(bar).detections.length;
    return found;
  },
);
// scanBars against the engine in alternating runs, so load that drifts during the bench slows both alike.
const onBars = measurePair(
  ["engine (closes), paired", "scanBars (bars), paired"],
  RUNS,
  engineOnCloses,
  () => scanBars(bars).length,
);
const scanBarsVsEngine = Number((1 + onBars.cost).toFixed(2));
const scanBarsVsEngineCpu = Number((1 + onBars.cpuCost).toFixed(2));
results.splice(1, 0, ...batch.rows, ...streaming.rows);
const outcomeCost = {
  batch: Number(batch.cost.toFixed(3)),
  streaming: Number(streaming.cost.toFixed(3)),
  batchCpu: Number(batch.cpuCost.toFixed(3)),
  streamingCpu: Number(streaming.cpuCost.toFixed(3)),
};
// The goal is on throughput: bars/s with outcomes at least 85% of bars/s without. A time cost c
// leaves 1 / (1 + c) of the throughput (the median carries over: the map is monotone).
// The middle half of the pairs' shares, [first quartile, third quartile], says how far one run may stray.
const shareRange = (ratios: number[]) =>
  [0.75, 0.25].map((q) => Number((1 / quantile(ratios, q)).toFixed(3)));
const outcomeThroughputShare = {
  batch: Number((1 / (1 + batch.cost)).toFixed(3)),
  batchCpu: Number((1 / (1 + batch.cpuCost)).toFixed(3)),
  pairs: OUTCOME_RUNS,
  batchMiddleHalf: shareRange(batch.ratios),
  batchCpuMiddleHalf: shareRange(batch.cpuRatios),
};
const keptBytes = {
  scanBars: keptBytesPerDetection(() => scanBars(bars)),
  scanOutcomes: keptBytesPerDetection(() => scanOutcomes(bars)),
};

const reference = itemAt(results, results.length - 1).barsPerSecond;
const peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
const rows = results.map((r) => ({ ...r, vsReference: Number((r.barsPerSecond / reference).toFixed(1)) }));

console.log("\nname                               bars        median ms   bars/s        x reference");
for (const r of rows) {
  console.log(
    `${r.name.padEnd(35)}${r.bars.toLocaleString("en-US").padStart(10)}  ${r.medianMs.toFixed(1).padStart(9)}   ${r.barsPerSecond.toLocaleString("en-US").padStart(12)}  ${String(r.vsReference).padStart(8)}`,
  );
}
const percent = (x: number) => `${(x * 100).toFixed(0)}%`;
console.log(
  `outcomes cost (median of paired runs): batch +${percent(outcomeCost.batch)} time (CPU +${percent(outcomeCost.batchCpu)}), streaming +${percent(outcomeCost.streaming)} (CPU +${percent(outcomeCost.streamingCpu)})`,
);
const span = (range: number[]) => range.map(percent).join(" to ");
console.log(
  `batch throughput with outcomes: ${percent(outcomeThroughputShare.batch)} of scanBars' (CPU ${percent(outcomeThroughputShare.batchCpu)}; goal at least 85%); middle half of ${OUTCOME_RUNS} pairs: ${span(outcomeThroughputShare.batchMiddleHalf)} (CPU ${span(outcomeThroughputShare.batchCpuMiddleHalf)})`,
);
console.log(
  `heap kept per detection: scanBars ${keptBytes.scanBars} bytes, scanOutcomes ${keptBytes.scanOutcomes} bytes`,
);
console.log(
  `scanBars on bar objects / engine on closes (median of paired runs): ${scanBarsVsEngine}x, CPU ${scanBarsVsEngineCpu}x (goal 1.5x)`,
);
console.log(`peak RSS ${peakRssMiB} MiB (node ${process.version})\n`);
const report = {
  date: new Date().toISOString(),
  node: process.version,
  peakRssMiB,
  outcomeCost,
  outcomeThroughputShare,
  scanBarsVsEngine,
  scanBarsVsEngineCpu,
  keptBytesPerDetection: keptBytes,
  results: rows,
};
console.log(JSON.stringify(report));
mkdirSync("bench-results", { recursive: true });
writeFileSync("bench-results/latest.json", `${JSON.stringify(report, null, 2)}\n`);
