// `npm run bench` (second part): the `patterns` CLI as a user runs it, whole process, medians of several
// runs: one long series against the numpy reading of PATTERNS.md, and a universe of many symbols.

import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { writeSeries, writeUniverse } from "./files";

const LONG_BARS = Number(process.env.BENCH_CLI_BARS ?? 300_000);
const SYMBOLS = Number(process.env.BENCH_SYMBOLS ?? 500);
const SYMBOL_BARS = Number(process.env.BENCH_SYMBOL_BARS ?? 5_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const BIN = fileURLToPath(new URL("../bin/patterns.mjs", import.meta.url));
const MAX_RSS = fileURLToPath(new URL("./max-rss.mjs", import.meta.url));
const NUMPY = fileURLToPath(new URL("./reference_numpy.py", import.meta.url));
const BUILD = fileURLToPath(new URL("../scripts/build.mjs", import.meta.url));

interface Run {
  ms: number;
  lines: number;
  peakRssMiB?: number;
  cpuMs?: number;
}

/** Runs a command to completion with stdout counted (not kept); peak RSS from fd 3 when it reports it. */
function timed(command: string, args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "inherit", "pipe"] });
    let lines = 0;
    let rss = "";
    // Counted with indexOf: a loop over every byte of the universe's 157 MB took 0.7-1 s of CPU in this
    // process, on the cores the measured CLI runs on.
    child.stdout?.on("data", (chunk: Buffer) => {
      for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
    });
    child.stdio[3]?.on("data", (chunk: Buffer) => {
      rss += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`${command} ${args.join(" ")} exited ${code}`));
      else {
        const usage = rss ? (JSON.parse(rss) as { maxRss: number; cpuMs: number }) : undefined;
        resolve({
          ms: performance.now() - started,
          lines,
          peakRssMiB: usage && Math.round(usage.maxRss / 1024),
          cpuMs: usage && Math.round(usage.cpuMs),
        });
      }
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const [low, high] = [sorted[mid - 1], sorted[mid]];
  if (high === undefined) return Number.NaN;
  return sorted.length % 2 || low === undefined ? high : (low + high) / 2;
}

async function measure(name: string, runs: number, command: string, args: string[]) {
  const done: Run[] = [];
  for (let run = 0; run < runs; run++) {
    const finished = await timed(command, args);
    done.push(finished);
    process.stderr.write(`  ${name}: run ${run + 1}/${runs} ${finished.ms.toFixed(0)} ms\n`);
  }
  const peaks = done.map((r) => r.peakRssMiB).filter((p): p is number => p !== undefined);
  const cpu = done.map((r) => r.cpuMs).filter((c): c is number => c !== undefined);
  return {
    name,
    runs,
    medianMs: Math.round(median(done.map((r) => r.ms))),
    medianCpuMs: cpu.length ? Math.round(median(cpu)) : undefined,
    peakRssMiB: peaks.length ? Math.max(...peaks) : undefined,
    detections: done[0]?.lines,
  };
}

// The CLI runs its compiled dist/, which nothing rebuilds after a pull or an edit: build it first, so the
// bench times the sources as they are (a stale dist once timed 2.05 s for a 1.07 s scan).
process.stderr.write("building the CLI (packages/cli/dist) from its sources\n");
const built = spawnSync(process.execPath, [BUILD], { stdio: "inherit" });
if (built.status !== 0) {
  process.stderr.write(`the CLI did not build (${BUILD} exited ${built.status}): nothing timed\n`);
  process.exit(1);
}

const numpy = spawnSync("python3", ["-c", "import numpy; print(numpy.__version__)"], { encoding: "utf8" });
const numpyVersion = numpy.status === 0 ? numpy.stdout.trim() : undefined;

const dir = mkdtempSync(join(tmpdir(), "patterns-bench-"));
try {
  process.stderr.write(
    `writing ${LONG_BARS.toLocaleString("en-US")} bars and ${SYMBOLS} x ${SYMBOL_BARS} bars to ${dir}\n`,
  );
  const long = writeSeries(dir, LONG_BARS);
  const universe = writeUniverse(join(dir, "universe"), SYMBOLS, SYMBOL_BARS);
  const node = (args: string[]) => ["--import", MAX_RSS, BIN, ...args];
  const cli = await measure(
    `patterns scan, ${LONG_BARS} bars`,
    RUNS,
    process.execPath,
    node(["scan", long, "--json"]),
  );
  const inParts = await measure(
    `patterns scan --jobs 2, ${LONG_BARS} bars`,
    RUNS,
    process.execPath,
    node(["scan", long, "--json", "--jobs", "2"]),
  );
  const withOutcomes = await measure(
    `patterns scan --outcomes, ${LONG_BARS} bars`,
    RUNS,
    process.execPath,
    node(["scan", long, "--json", "--outcomes"]),
  );
  const reference = numpyVersion
    ? await measure(`numpy reading, ${LONG_BARS} bars`, Math.min(RUNS, 3), "python3", [NUMPY, long])
    : undefined;
  const universeBars = SYMBOLS * SYMBOL_BARS;
  const screen = await measure(
    `patterns scan DIR, ${SYMBOLS} x ${SYMBOL_BARS}`,
    RUNS,
    process.execPath,
    node(["scan", universe, "--json"]),
  );
  const latest = await measure(
    `... --latest 5`,
    RUNS,
    process.execPath,
    node(["scan", universe, "--json", "--latest", "5"]),
  );
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    numpy: numpyVersion ?? "not installed: the numpy comparison was skipped",
    long: {
      bars: LONG_BARS,
      cli,
      inParts,
      withOutcomes,
      numpy: reference,
      speedup: reference ? Number((reference.medianMs / cli.medianMs).toFixed(1)) : undefined,
      sameCount: reference ? reference.detections === cli.detections : undefined,
    },
    universe: {
      symbols: SYMBOLS,
      barsPerSymbol: SYMBOL_BARS,
      all: { ...screen, barsPerSecond: Math.round(universeBars / (screen.medianMs / 1000)) },
      latest5: { ...latest, barsPerSecond: Math.round(universeBars / (latest.medianMs / 1000)) },
    },
  };
  console.log(
    `\npatterns scan, ${LONG_BARS.toLocaleString("en-US")} bars, whole process: median ${cli.medianMs} ms (CPU ${cli.medianCpuMs} ms), peak RSS ${cli.peakRssMiB} MiB, ${cli.detections} detections`,
  );
  console.log(
    `in two parts (--jobs 2): median ${inParts.medianMs} ms (CPU ${inParts.medianCpuMs} ms), peak RSS ${inParts.peakRssMiB} MiB`,
  );
  console.log(
    `with --outcomes: median ${withOutcomes.medianMs} ms (CPU ${withOutcomes.medianCpuMs} ms), peak RSS ${withOutcomes.peakRssMiB} MiB`,
  );
  if (reference) {
    console.log(
      `numpy reading of PATTERNS.md (numpy ${numpyVersion}): median ${reference.medianMs} ms, ${reference.detections} detections; CLI ${report.long.speedup}x faster`,
    );
  } else console.log("numpy is not installed (python3 -c 'import numpy' failed): no comparison");
  for (const row of [report.universe.all, report.universe.latest5]) {
    console.log(
      `${row.name}: median ${row.medianMs} ms (CPU ${row.medianCpuMs} ms), ${row.barsPerSecond.toLocaleString("en-US")} bars/s, peak RSS ${row.peakRssMiB} MiB, ${row.detections} lines`,
    );
  }
  console.log(JSON.stringify(report));
  mkdirSync("bench-results", { recursive: true });
  writeFileSync("bench-results/cli.json", `${JSON.stringify(report, null, 2)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
