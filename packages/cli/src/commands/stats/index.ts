// `patterns stats FILE... | DIR`: the evidence per code over one or many series (each file, or each
// symbol of a file with a Symbol column, one series), read as `patterns scan` reads them. Several files, or
// a long file's symbols, are counted over the machine's cores, as scan spreads them; the counts are pooled
// in the series' order, so the sums, and the output, are the same however many threads counted them.

import { asOfValue, EvidencePool, LiftDependence } from "@stock-patterns/core";
import type { Command } from "../../command";
import type { StopSignal } from "../../interruption";
import { type CliIo, UsageError } from "../../io";
import { FileQueue } from "../scan/file-queue";
import { workThroughIo } from "../scan/input-work";
import { type Input, inputsOf } from "../scan/inputs";
import { progressOver, unitOf } from "../scan/progress";
import { turn, workersFor } from "../scan/runner";
import { claimNames, type SymbolClaims } from "../scan/symbol-claims";
import { bySymbol } from "../scan/symbol-rows";
import { parseStatsArgs, STATS_USAGE } from "./args";
import { type CountedResult, type CountSettings, countWork } from "./counted-file";
import { evidenceTable, TABLE_HORIZON } from "./table";

/**
 * Counts every input, calling `onResult` once per input in any order: the inputs are shared between this
 * thread and, for several, a worker per other core (as scan's files are), each taking the next when it is
 * free.
 */
async function countInputs(
  inputs: readonly Input[],
  settings: CountSettings,
  asked: number | undefined,
  io: CliIo,
  queue: FileQueue,
  onResult: (index: number, result: CountedResult) => void,
): Promise<void> {
  const count = workersFor(inputs, asked, io);
  const counter = io.workers?.counter;
  const workers = count > 0 && counter ? counter(count)(inputs, settings, onResult, queue) : undefined;
  // Its failure is thrown when awaited below, not reported as unhandled meanwhile.
  workers?.catch(() => undefined);
  const work = countWork(settings);
  // A stop signal hands out no more files: each thread ends with the one it holds.
  const forget = io.interruption?.onStop(() => queue.close());
  try {
    for (let index = queue.take(); index !== undefined; index = queue.take()) {
      const input = inputs[index];
      if (input === undefined) continue;
      onResult(index, await workThroughIo(input, work, io));
      // A signal reaches this thread only in a turn of its event loop.
      if (workers || io.interruption) await turn();
    }
    await workers;
  } finally {
    forget?.();
  }
}

/**
 * The pooled evidence of some inputs, how far their returns overlap in time (for the table's lift
 * interval; not for --json, which prints the evidence alone), and how many series and bars they hold.
 */
interface Pooled {
  pool: EvidencePool;
  dependence: LiftDependence | undefined;
  series: number;
  bars: number;
}

/** A count a stop signal ended: how many inputs were pooled before it, and the status it ends the run with. */
interface Interrupted {
  interrupted: number;
  signal: StopSignal;
  status: number;
}

/**
 * Counts and pools `inputs`, each input's counts pooled once those of every input before it are (their
 * order, whichever thread counted them), then let go. The first input that could not be read stops the
 * count and is thrown as the error, as when the files are read one after another, and so does a series
 * whose symbol another file gives too (`claims`: it would be pooled twice); a long file's symbol whose rows
 * were declined stops it too, and gives "declined"; a stop signal (io.interruption), how many were pooled.
 * With `table`, also how far the returns the table's lift counts overlap in time.
 */
async function pooled(
  inputs: readonly Input[],
  settings: CountSettings,
  jobs: number | undefined,
  io: CliIo,
  claims: SymbolClaims,
  table: boolean,
): Promise<Pooled | Interrupted | "declined"> {
  const counts: Pooled = {
    pool: new EvidencePool(settings.count.asOf),
    dependence: table ? new LiftDependence([TABLE_HORIZON]) : undefined,
    series: 0,
    bars: 0,
  };
  const queue = new FileQueue(inputs.length);
  const progress = progressOver(io, inputs, "counted");
  const results: (CountedResult | undefined)[] = new Array(inputs.length);
  let next = 0;
  let stop: { error: string } | { declined: true } | undefined;
  // The line cleared whatever ends the count (a worker thread that fails throws its error out of here).
  try {
    await countInputs(inputs, settings, jobs, io, queue, (index, result) => {
      results[index] = result;
      for (let ready = results[next]; ready !== undefined && stop === undefined; ready = results[next]) {
        const file = inputs[next]?.file ?? "";
        results[next++] = undefined;
        if ("counted" in ready) {
          const clash = claims.clashAmong(ready.symbols, file);
          if (clash === undefined) {
            for (const one of ready.counted) {
              counts.pool.addCount(one);
              counts.dependence?.add(one);
            }
            counts.series += ready.counted.length;
            counts.bars += ready.bars;
            continue;
          }
          stop = { error: clash };
        } else stop = ready;
        queue.close();
        break;
      }
      progress.update(next);
    });
  } finally {
    progress.end();
  }
  // A signal that came with a worker's last result is taken in a turn after it: the result's microtasks
  // went on to here (the evidence printed, status 0) before the signal's handler ran.
  if (io.interruption) await turn();
  const { interruption } = io;
  if (interruption?.signal !== undefined)
    return { interrupted: next, signal: interruption.signal, status: interruption.status };
  if (stop === undefined) return counts;
  if ("error" in stop) throw new UsageError(stop.error);
  return "declined";
}

export const statsCommand: Command = {
  name: "stats",
  summary: "measure each pattern code's evidence: success rate and returns against the baseline",
  usage: STATS_USAGE,
  async run(args, io) {
    const options = parseStatsArgs(args);
    const { asOf, bandwidth, delimiter } = options;
    // Checks --as-of before any file is read.
    if (asOf !== undefined) asOfValue(asOf);
    const settings: CountSettings = { count: { asOf }, bandwidth, delimiter, dateFormat: options.dateFormat };
    const listed = await inputsOf(options.files, io);
    // Evidence without a series would read as the whole's: the first input set aside stops the count.
    const [setAside] = listed.setAside;
    if (setAside !== undefined) throw new UsageError(setAside);
    // One symbol from two inputs is refused as scan refuses it: its series would be pooled twice.
    const claims = claimNames(listed);
    const files = listed.inputs;
    // A long file cut into an input a symbol, as scan cuts one, when the files are fewer than the threads;
    // counted as files when a symbol's rows are declined (the file's reading then says what is wrong).
    const { jobs } = options;
    const cut = await bySymbol(files, settings, jobs, io);
    claims.claimCut(cut);
    const table = !options.json;
    let inputs = cut;
    let counted = await pooled(inputs, settings, jobs, io, claims, table);
    if (counted === "declined") {
      inputs = files;
      counted = await pooled(inputs, settings, jobs, io, claims, table);
    }
    if (counted === "declined") throw new Error("a file was declined where no file is cut");
    // Stopped by a signal: evidence of some of the series only would read as the whole's, so none is printed.
    const stopped = (done: number, signal: StopSignal, status: number) => {
      io.stderr(
        `patterns: interrupted by ${signal}: ${done} of ${inputs.length} ${unitOf(inputs)} counted, nothing printed\n`,
      );
      return status;
    };
    if ("interrupted" in counted) return stopped(counted.interrupted, counted.signal, counted.status);
    const { pool, dependence, series, bars } = counted;
    const evidence = pool.evidence();
    const text = options.json
      ? evidence.map((e) => `${JSON.stringify(e)}\n`).join("")
      : evidenceTable(evidence, { series, bars, asOf }, dependence?.designEffects() ?? {});
    // The evidence is worked out in one task (135-295 ms for 300,000 bars or 60 files of 5,000), which a
    // signal cannot cut: one that came meanwhile is seen in the turn after it, and nothing is printed, as
    // when it came during the count (it was printed, status 0).
    if (io.interruption) await turn();
    const { interruption } = io;
    if (interruption?.signal !== undefined)
      return stopped(inputs.length, interruption.signal, interruption.status);
    io.stdout(text);
    return 0;
  },
};
