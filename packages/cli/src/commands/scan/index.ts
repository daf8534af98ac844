// `patterns scan FILE... | DIR`: detects patterns in every series, screens them, prints them in a stable
// order (arguments, then file names, then symbols) whichever thread finishes first.

import type { Command } from "../../command";
import type { CliIo } from "../../io";
import { parseScanArgs, SCAN_USAGE, type ScanOptions } from "./args";
import { FileQueue } from "./file-queue";
import { cutOf, type Input, inputsOf } from "./inputs";
import { LineChunks } from "./line-chunks";
import { headed, outputHeader } from "./output";
import { joinParts, PART_BYTES, partsOf, splittable } from "./parts";
import { progressOver, unitOf } from "./progress";
import { inThread, noteThreads, type OnResult, type PrintedAsScanned, turn, workersFor } from "./runner";
import type { FileResult, SeriesResult } from "./scan-file";
import { claimNames } from "./symbol-claims";
import { symbolColumns } from "./symbol-columns";
import { bySymbol, restOfLongFile } from "./symbol-rows";
import { writeTable } from "./table";

/**
 * Several files are shared between this thread and workers (workersFor; they pay for their start, about
 * 30 ms each, only when there are several): this thread scans while they start, and prints between its
 * files what they found.
 */
async function scanFiles(
  options: ScanOptions,
  inputs: readonly Input[],
  io: CliIo,
  onResult: OnResult,
  asScanned: PrintedAsScanned,
  queue: FileQueue,
): Promise<void> {
  // A stop signal hands out no more files: each thread ends with the one it holds.
  const forget = io.interruption?.onStop(() => queue.close());
  const count = workersFor(inputs, options.jobs, io);
  if (count === 0 || !io.workers)
    return inThread(io, asScanned)(inputs, options, onResult, queue).finally(forget);
  const workers = io.workers.runner(count)(inputs, options, onResult, queue);
  // Its failure is thrown when awaited below, not reported as unhandled meanwhile.
  workers.catch(() => undefined);
  try {
    await inThread(io)(inputs, options, onResult, queue);
    await workers;
  } finally {
    forget?.();
  }
}

/**
 * The main thread's head start on a worker, in parts: a worker thread starts scanning about 100 ms later,
 * a fifth of a part's time on 300,000 bars.
 */
const HEAD_START = 0.2;

/**
 * How many parts to cut the input into: one long file in --jobs N parts when N >= 2 is asked (parts.ts),
 * else 1. Not by default: on our shared 2-core machines a second thread paid its start and a second
 * warm-up without a free core to run on (300,000 bars, load 6: 2.21 s wall against 1.32 s in one thread).
 */
async function partCount(options: ScanOptions, inputs: readonly Input[], io: CliIo): Promise<number> {
  const [input] = inputs;
  const cores = options.jobs ?? 1;
  if (inputs.length !== 1 || input === undefined || input.file === "-" || !io.workers || cores < 2) return 1;
  if (!splittable(options)) return 1;
  const size = await io.workers.size(input.file);
  if (size === undefined || size < PART_BYTES) return 1;
  noteThreads(options.jobs, cores, io);
  return cores;
}

/**
 * Scans the inputs: one long file in parts over the threads, else file by file, as `queue` hands them out
 * (closed, it hands out no more). `asScanned`: the files this thread prints as it scans them, when it scans
 * alone.
 */
async function scanInputs(
  options: ScanOptions,
  inputs: readonly Input[],
  io: CliIo,
  onResult: OnResult,
  asScanned: PrintedAsScanned,
  queue: FileQueue,
): Promise<void> {
  const parts = await partCount(options, inputs, io);
  const [input] = inputs;
  if (parts === 1 || input === undefined || !io.workers)
    return scanFiles(options, inputs, io, onResult, asScanned, queue);
  // This thread takes the first part, larger by the head start it has on the workers.
  const [first, ...rest] = partsOf(input, [1 + HEAD_START, ...new Array(parts - 1).fill(1)]);
  const results: FileResult[] = [];
  const printed: (() => void)[] = [];
  const workers = io.workers.runner(rest.length)(rest, options, (index, result, done) => {
    results[index + 1] = result;
    if (done) printed.push(done);
  });
  await inThread(io)(first ? [first] : [], options, (_, result) => {
    results[0] = result;
  });
  await workers;
  const joined = joinParts(results);
  // A part declined: the column reader does not take this file, so it is read whole, as it would be alone.
  if (joined)
    onResult(0, joined, () => {
      for (const done of printed) done();
    });
  else await inThread(io, asScanned)(inputs, options, onResult);
}

/**
 * Puts in place of the results of a long file's symbols from `declined` on (inputs of one symbol's rows:
 * symbol-rows.ts) the file's rest, as `rest` reads it (given the file and its first symbol's input), and
 * lets go of theirs.
 */
async function restInstead(
  inputs: readonly Input[],
  declined: number,
  results: (FileResult | undefined)[],
  whenPrinted: ((() => void) | undefined)[],
  rest: (file: string, first: number) => Promise<FileResult>,
): Promise<void> {
  const input = inputs[declined];
  // One file's cut: its inputs, one after another.
  const cut = cutOf(input);
  if (input === undefined || cut === undefined) return;
  let first = declined;
  while (cutOf(inputs[first - 1]) === cut) first--;
  results[declined] = await rest(input.file, first);
  for (let i = declined + 1; cutOf(inputs[i]) === cut; i++) {
    whenPrinted[i]?.();
    whenPrinted[i] = undefined;
    results[i] = { series: [] };
  }
}

/** Thrown out of a scan when the symbols a file tells before its first line are refused (stderr says why). */
class Refused extends Error {}

export const scanCommand: Command = {
  name: "scan",
  usage: SCAN_USAGE,
  async run(args, given) {
    const options = parseScanArgs(args);
    // The CSV header, printed with the first line (or alone once all is scanned and nothing found).
    const { io, ensure: header } = headed(given, outputHeader(options.format, options.outcomes));
    const listed = await inputsOf(options.paths, io.list);
    const claims = claimNames(listed);
    const inputs = await bySymbol(listed, options, options.jobs, io);
    // A long file cut by symbol: its symbols are known before anything is printed.
    claims.claimCut(inputs);
    // The other inputs that may have a Symbol column: no line is printed until each has told its symbols.
    const untold = symbolColumns(inputs, io);
    const results: (FileResult | undefined)[] = new Array(inputs.length);
    const whenPrinted: ((() => void) | undefined)[] = new Array(inputs.length);
    // The symbol and bars of each input of one symbol's rows printed (symbol-rows.ts).
    const printedRows: { symbol: string; bars: number }[] = new Array(inputs.length);
    // The table's series, and what frees the memory of their rows once the table is written.
    const series: SeriesResult[] = [];
    const tabled: (() => void)[] = [];
    const progress = progressOver(io, inputs, "scanned");
    let printed = 0;
    // The results whose series' symbols are claimed, in the inputs' order, whichever came first.
    let claimed = 0;
    let failed = 0;
    // A symbol's rows were declined: printing waits, once all is scanned, for the rest of its file.
    let stalled = false;
    // The inputs still to take, by this thread and any worker.
    const queue = new FileQueue(inputs.length);
    // A series' symbol came from another file too (symbol-claims.ts): nothing more is printed, nor taken.
    let refused = false;
    const refuse = (clash: string) => {
      refused = true;
      queue.close();
      progress.end();
      io.stderr(`patterns: ${clash}\n`);
    };
    // Claims `symbols` for `file` (as it writes them): false, the run refused, when another file gives one.
    const claim = (symbols: readonly string[], file: string) => {
      const clash = claims.clashAmong(symbols, file);
      if (clash !== undefined) refuse(clash);
      return clash === undefined;
    };
    const symbolsOf = (result: FileResult) =>
      "series" in result ? result.series.map((one) => one.symbol) : [];
    // Claims the symbols of every result that now has all those before it.
    const claimReady = () => {
      for (let next = results[claimed]; next !== undefined && !refused; next = results[claimed]) {
        if (!claim(symbolsOf(next), inputs[claimed]?.file ?? "")) return;
        untold.delete(claimed++);
      }
    };
    // Prints every result that now has all those before it, once every input has told its symbols.
    const printReady = () => {
      for (
        let next = results[printed];
        next !== undefined && !refused && untold.size === 0;
        next = results[printed]
      ) {
        const cut = cutOf(inputs[printed]);
        if (cut && "declined" in next) {
          stalled = true;
          return;
        }
        // Claimed already, but for the rest of a long file read in place of a declined symbol's rows.
        const file = inputs[printed]?.file ?? "";
        if (!claim(symbolsOf(next), file)) return;
        const done = whenPrinted[printed];
        const [one] = "series" in next ? next.series : [];
        if (cut && one) printedRows[printed] = { symbol: one.symbol, bars: one.bars };
        results[printed] = undefined;
        whenPrinted[printed++] = undefined;
        if (!("series" in next)) {
          failed++;
          progress.end();
          io.stderr(`patterns: ${"error" in next ? next.error : "a part of the file was declined"}\n`);
          continue;
        }
        if (options.format === "table") {
          series.push(...next.series);
          if (done) tabled.push(done);
          continue;
        }
        // Its memory is reused only when every byte is known written (not queued behind a slow reader).
        let written = true;
        for (const one of next.series) {
          if (typeof one.text !== "string")
            for (const chunk of one.text) written = io.stdout(chunk) === true && written;
          else if (one.text) io.stdout(one.text);
        }
        if (written) done?.();
      }
    };
    // This thread alone prints a file's lines as it scans it once no other input's symbols are untold, the
    // file's own told first (before any of its lines), and those before it printed then.
    const asScanned: PrintedAsScanned = {
      prints: (index) => !refused && (untold.size === 0 || (untold.size === 1 && untold.has(index))),
      symbols: (index, symbols) => {
        if (!claim(symbols, inputs[index]?.file ?? "")) throw new Refused();
        untold.delete(index);
        printReady();
      },
    };
    // The line cleared whatever ends the scan (a worker thread that fails throws its error out of here).
    try {
      await scanInputs(
        options,
        inputs,
        io,
        (index, result, done) => {
          results[index] = result;
          whenPrinted[index] = done;
          claimReady();
          if (!stalled) printReady();
          progress.update(claimed);
        },
        asScanned,
        queue,
      );
      while (stalled && !refused && io.interruption?.signal === undefined) {
        stalled = false;
        await restInstead(inputs, printed, results, whenPrinted, (file, first) =>
          restOfLongFile(io, file, printedRows.slice(first, printed), options),
        );
        printReady();
      }
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
    } finally {
      progress.end();
    }
    // A signal reaches this thread only in a turn of its event loop: one that came as the last input was
    // scanned is seen here, before anything more is printed. A worker's result taken in the turn that also
    // held the signal went on to here in its microtasks (--jobs 2 on one file: its table, status 0).
    if (io.interruption) await turn();
    // Stopped by a signal: what is printed is the inputs' before it, each line whole; a table is not printed,
    // nor lines held for an input whose symbols were still untold (they might have clashed).
    const { interruption } = io;
    if (interruption?.signal !== undefined) {
      const shown =
        options.format === "table" || printed === 0 ? "none" : printed < claimed ? `${printed}` : "";
      io.stderr(
        `patterns: interrupted by ${interruption.signal}: ${claimed} of ${inputs.length} ${unitOf(inputs)} scanned${shown && claimed > 0 ? `, ${shown} printed` : ""}\n`,
      );
      return interruption.status;
    }
    if (refused) return 2;
    header();
    if (options.format === "table" && series.length > 0) {
      const table = new LineChunks((chunk) => io.stdout(chunk));
      writeTable(series, options.outcomes === true, table);
      for (const chunk of table.chunks()) io.stdout(chunk);
      for (const done of tabled) done();
    }
    return failed > 0 ? 2 : 0;
  },
};
