// `npm run bench` (second part): the `patterns` CLI as a user runs it, whole process, medians of several
// runs: one long series (daily bars, and the same as one-minute bars) against the numpy reading of PATTERNS.md,
// and a universe of many symbols, as a file per symbol and as one long file (a Symbol column). JSON Lines
// (--json) unless a line says otherwise: the long series and the universe are also printed as the table a
// user gets without --format, and their evidence per code (`patterns stats`) is timed too.
// Each command's stdout goes to a file, as a user's `patterns scan ... > out.jsonl` does; its lines are
// counted after the clock stops. Until 1 Dec 2026 (wave 7) the bench read stdout through a pipe, counting
// as it came, on the same two cores: a method change, not a speed-up. Same build (8eb59f8), alternating:
// 300,000 bars 557 ms wall to a file against 655 through the pipe (8 pairs, load 3.3); the universe
// 1502 against 1753 ms (5 pairs, load 2.5-2.7). BENCH_CLI_STDOUT=pipe measures the old way.

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  writeJsonSeries,
  writeLongUniverse,
  writeMinuteSeries,
  writeRSeries,
  writeSeries,
  writeSpreadsheetSeries,
  writeUniverse,
} from "./files";
import { measure, STDOUT } from "./measure";

const LONG_BARS = Number(process.env.BENCH_CLI_BARS ?? 300_000);
const SYMBOLS = Number(process.env.BENCH_SYMBOLS ?? 500);
const SYMBOL_BARS = Number(process.env.BENCH_SYMBOL_BARS ?? 5_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const BIN = fileURLToPath(new URL("../bin/patterns.cjs", import.meta.url));
const MAX_RSS = fileURLToPath(new URL("./max-rss.cjs", import.meta.url));
const NUMPY = fileURLToPath(new URL("./reference_numpy.py", import.meta.url));
const BUILD = fileURLToPath(new URL("../scripts/build.mjs", import.meta.url));

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
  const minutes = writeMinuteSeries(dir, LONG_BARS);
  const sheet = writeSpreadsheetSeries(dir, LONG_BARS);
  const written = writeRSeries(dir, LONG_BARS);
  const json = writeJsonSeries(dir, LONG_BARS);
  const universe = writeUniverse(join(dir, "universe"), SYMBOLS, SYMBOL_BARS);
  const longUniverse = writeLongUniverse(dir, SYMBOLS, SYMBOL_BARS);
  const longByDate = writeLongUniverse(dir, SYMBOLS, SYMBOL_BARS, true);
  const stdoutFile = join(dir, "stdout");
  const node = (args: string[]) => ["--require", MAX_RSS, BIN, ...args];
  const cli = await measure(
    `patterns scan, ${LONG_BARS} bars`,
    RUNS,
    process.execPath,
    node(["scan", long, "--json"]),
    stdoutFile,
  );
  // What a user meets first: no --format, the table (its rows held until every series is scanned).
  const asTable = await measure(
    `patterns scan, ${LONG_BARS} bars, as a table (the default)`,
    RUNS,
    process.execPath,
    node(["scan", long]),
    stdoutFile,
  );
  const inParts = await measure(
    `patterns scan --jobs 2, ${LONG_BARS} bars`,
    RUNS,
    process.execPath,
    node(["scan", long, "--json", "--jobs", "2"]),
    stdoutFile,
  );
  const withOutcomes = await measure(
    `patterns scan --outcomes, ${LONG_BARS} bars`,
    RUNS,
    process.execPath,
    node(["scan", long, "--json", "--outcomes"]),
    stdoutFile,
  );
  // Intraday times (ISO datetimes): read into columns since 2 Dec 2026, by readSeries before.
  const intraday = await measure(
    `patterns scan, ${LONG_BARS} one-minute bars`,
    RUNS,
    process.execPath,
    node(["scan", minutes, "--json"]),
    stdoutFile,
  );
  // The same bars saved from a spreadsheet (CR LF breaks, some volumes empty): column reader since 3 Dec 2026.
  const spreadsheet = await measure(
    `patterns scan, ${LONG_BARS} bars saved from a spreadsheet`,
    RUNS,
    process.execPath,
    node(["scan", sheet, "--json"]),
    stdoutFile,
  );
  // The same bars as R's write.csv writes them (names and dates quoted): column reader since 3 Dec 2026.
  const fromR = await measure(
    `patterns scan, ${LONG_BARS} bars written by R`,
    RUNS,
    process.execPath,
    node(["scan", written, "--json"]),
    stdoutFile,
  );
  // The same bars as a JSON array of bar objects: column reader since 3 Dec 2026.
  const fromJson = await measure(
    `patterns scan, ${LONG_BARS} bars as JSON`,
    RUNS,
    process.execPath,
    node(["scan", json, "--json"]),
    stdoutFile,
  );
  const reference = numpyVersion
    ? await measure(
        `numpy reading, ${LONG_BARS} bars`,
        Math.min(RUNS, 3),
        "python3",
        [NUMPY, long],
        stdoutFile,
      )
    : undefined;
  const universeBars = SYMBOLS * SYMBOL_BARS;
  const screen = await measure(
    `patterns scan DIR, ${SYMBOLS} x ${SYMBOL_BARS}`,
    RUNS,
    process.execPath,
    node(["scan", universe, "--json"]),
    stdoutFile,
  );
  const screenAsTable = await measure(
    `... as a table (the default)`,
    RUNS,
    process.execPath,
    node(["scan", universe]),
    stdoutFile,
  );
  const latest = await measure(
    `... --latest 5`,
    RUNS,
    process.execPath,
    node(["scan", universe, "--json", "--latest", "5"]),
    stdoutFile,
  );
  const oneFile = await measure(
    `patterns scan LONG.csv, ${SYMBOLS} x ${SYMBOL_BARS} in one file`,
    RUNS,
    process.execPath,
    node(["scan", longUniverse, "--json"]),
    stdoutFile,
  );
  const oneFileByDate = await measure(
    `... rows by date, then symbol`,
    RUNS,
    process.execPath,
    node(["scan", longByDate, "--json"]),
    stdoutFile,
  );
  // The evidence per code (`patterns stats`): every series scanned with outcomes, then pooled.
  const stats = await measure(
    `patterns stats, ${LONG_BARS} bars`,
    RUNS,
    process.execPath,
    node(["stats", long]),
    stdoutFile,
  );
  const universeStats = await measure(
    `patterns stats DIR, ${SYMBOLS} x ${SYMBOL_BARS}`,
    Math.min(RUNS, 3),
    process.execPath,
    node(["stats", universe]),
    stdoutFile,
  );
  const oneFileStats = await measure(
    `... of LONG.csv`,
    Math.min(RUNS, 3),
    process.execPath,
    node(["stats", longUniverse]),
    stdoutFile,
  );
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    stdout: STDOUT,
    numpy: numpyVersion ?? "not installed: the numpy comparison was skipped",
    long: {
      bars: LONG_BARS,
      cli,
      asTable,
      inParts,
      withOutcomes,
      intraday,
      spreadsheet,
      fromR,
      fromJson,
      numpy: reference,
      speedup: reference ? Number((reference.medianMs / cli.medianMs).toFixed(1)) : undefined,
      sameCount: reference ? reference.detections === cli.detections : undefined,
      stats,
    },
    universe: {
      symbols: SYMBOLS,
      barsPerSymbol: SYMBOL_BARS,
      all: { ...screen, barsPerSecond: Math.round(universeBars / (screen.medianMs / 1000)) },
      asTable: {
        ...screenAsTable,
        barsPerSecond: Math.round(universeBars / (screenAsTable.medianMs / 1000)),
      },
      latest5: { ...latest, barsPerSecond: Math.round(universeBars / (latest.medianMs / 1000)) },
      oneFile: { ...oneFile, barsPerSecond: Math.round(universeBars / (oneFile.medianMs / 1000)) },
      oneFileByDate: {
        ...oneFileByDate,
        barsPerSecond: Math.round(universeBars / (oneFileByDate.medianMs / 1000)),
      },
      stats: { ...universeStats, barsPerSecond: Math.round(universeBars / (universeStats.medianMs / 1000)) },
      oneFileStats: {
        ...oneFileStats,
        barsPerSecond: Math.round(universeBars / (oneFileStats.medianMs / 1000)),
      },
    },
  };
  console.log(
    `\nstdout of every command ${STDOUT === "file" ? "to a file (as > out.jsonl)" : "through a pipe read by the bench"}`,
  );
  console.log(
    `patterns scan, ${LONG_BARS.toLocaleString("en-US")} bars, whole process: median ${cli.medianMs} ms (CPU ${cli.medianCpuMs} ms), peak RSS ${cli.peakRssMiB} MiB, ${cli.detections} detections`,
  );
  console.log(
    `as a table (the default): median ${asTable.medianMs} ms (CPU ${asTable.medianCpuMs} ms), peak RSS ${asTable.peakRssMiB} MiB`,
  );
  console.log(
    `in two parts (--jobs 2): median ${inParts.medianMs} ms (CPU ${inParts.medianCpuMs} ms), peak RSS ${inParts.peakRssMiB} MiB`,
  );
  console.log(
    `with --outcomes: median ${withOutcomes.medianMs} ms (CPU ${withOutcomes.medianCpuMs} ms), peak RSS ${withOutcomes.peakRssMiB} MiB`,
  );
  console.log(
    `one-minute bars (ISO datetimes): median ${intraday.medianMs} ms (CPU ${intraday.medianCpuMs} ms), peak RSS ${intraday.peakRssMiB} MiB, ${intraday.detections} detections`,
  );
  console.log(
    `saved from a spreadsheet (CR LF, every 250th volume empty): median ${spreadsheet.medianMs} ms (CPU ${spreadsheet.medianCpuMs} ms), peak RSS ${spreadsheet.peakRssMiB} MiB, ${spreadsheet.detections} detections`,
  );
  console.log(
    `written by R (names and dates quoted): median ${fromR.medianMs} ms (CPU ${fromR.medianCpuMs} ms), peak RSS ${fromR.peakRssMiB} MiB, ${fromR.detections} detections`,
  );
  console.log(
    `as JSON (an array of bar objects): median ${fromJson.medianMs} ms (CPU ${fromJson.medianCpuMs} ms), peak RSS ${fromJson.peakRssMiB} MiB, ${fromJson.detections} detections`,
  );
  if (reference) {
    console.log(
      `numpy reading of PATTERNS.md (numpy ${numpyVersion}): median ${reference.medianMs} ms, ${reference.detections} detections; CLI ${report.long.speedup}x faster`,
    );
  } else console.log("numpy is not installed (python3 -c 'import numpy' failed): no comparison");
  console.log(
    `patterns stats, ${LONG_BARS.toLocaleString("en-US")} bars: median ${stats.medianMs} ms (CPU ${stats.medianCpuMs} ms), peak RSS ${stats.peakRssMiB} MiB`,
  );
  const { all, asTable: table, latest5, oneFile: joined, oneFileByDate: byDate } = report.universe;
  const { stats: universeEvidence, oneFileStats: joinedEvidence } = report.universe;
  for (const row of [all, table, latest5, joined, byDate, universeEvidence, joinedEvidence]) {
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
