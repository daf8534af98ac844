// `patterns stats FILE... | DIR`: the evidence per code over one or many series (each file, or each
// symbol of a file with a Symbol column, one series), read as `patterns scan` reads them. Several files are
// counted over the machine's cores, as scan spreads them; the counts are pooled in the files' order, so the
// sums, and the output, are the same however many threads counted them.

import { EvidencePool } from "@stock-patterns/core";
import { dateFormat } from "../../bars";
import type { Command } from "../../command";
import { type CliIo, UsageError } from "../../io";
import { FileQueue } from "../scan/file-queue";
import { type Input, inputsOf } from "../scan/inputs";
import { readFailure } from "../scan/read-failure";
import { parseStatsArgs, STATS_USAGE } from "./args";
import { type CountedResult, type CountSettings, countedFile } from "./counted-file";
import { evidenceTable } from "./table";

/** Lets the messages that came meanwhile (workers' counts) be taken. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Counts every input, calling `onResult` once per input in any order: the files are shared between this
 * thread and, for several files, a worker per other core (as scan's files are), each taking the next when
 * it is free.
 */
async function countInputs(
  inputs: readonly Input[],
  settings: CountSettings,
  io: CliIo,
  queue: FileQueue,
  onResult: (index: number, result: CountedResult) => void,
): Promise<void> {
  const jobs = inputs.length < 2 ? 1 : Math.min(io.workers?.cores ?? 1, inputs.length);
  const counter = io.workers?.counter;
  const workers =
    jobs >= 2 && counter && inputs[0]?.file !== "-"
      ? counter(jobs - 1)(inputs, settings, onResult, queue)
      : undefined;
  // Its failure is thrown when awaited below, not reported as unhandled meanwhile.
  workers?.catch(() => undefined);
  const format = settings.dateFormat === undefined ? undefined : dateFormat(settings.dateFormat);
  for (let index = queue.take(); index !== undefined; index = queue.take()) {
    const input = inputs[index];
    if (input === undefined) continue;
    let bytes: Uint8Array | undefined;
    try {
      bytes = await io.read(input.file);
    } catch (error) {
      onResult(index, { error: readFailure(input.file, error) });
    }
    if (bytes !== undefined) onResult(index, countedFile(bytes, input, settings, format));
    if (workers) await turn();
  }
  await workers;
}

export const statsCommand: Command = {
  name: "stats",
  usage: STATS_USAGE,
  async run(args, io) {
    const options = parseStatsArgs(args);
    const pool = new EvidencePool(options.asOf);
    const inputs = await inputsOf(options.files, io.list);
    const { asOf, bandwidth, delimiter } = options;
    const settings: CountSettings = { count: { asOf }, bandwidth, delimiter, dateFormat: options.dateFormat };
    // Each file's counts pooled once those of every file before it are (the files' order, whichever thread
    // counted them), then let go. The first file that could not be read stops the count: its line is the
    // error, as when the files are read one after another.
    const queue = new FileQueue(inputs.length);
    const results: (CountedResult | undefined)[] = new Array(inputs.length);
    let pooled = 0;
    let failure: string | undefined;
    let series = 0;
    let bars = 0;
    await countInputs(inputs, settings, io, queue, (index, result) => {
      results[index] = result;
      for (let next = results[pooled]; next !== undefined && failure === undefined; next = results[pooled]) {
        results[pooled++] = undefined;
        if ("error" in next) {
          failure = next.error;
          queue.close();
          break;
        }
        for (const one of next.counted) pool.addCount(one);
        series += next.counted.length;
        bars += next.bars;
      }
    });
    if (failure !== undefined) throw new UsageError(failure);
    const evidence = pool.evidence();
    if (options.json) io.stdout(evidence.map((e) => `${JSON.stringify(e)}\n`).join(""));
    else io.stdout(evidenceTable(evidence, { series, bars, asOf }));
    return 0;
  },
};
