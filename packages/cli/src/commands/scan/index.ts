// `patterns scan FILE... | DIR`: detects patterns in every series, screens them, prints them in a stable
// order (arguments, then file names, then symbols) whichever thread finishes first.

import type { Command } from "../../command";
import type { CliIo } from "../../io";
import { parseScanArgs, SCAN_USAGE, type ScanOptions } from "./args";
import { type Input, inputsOf } from "./inputs";
import { outputHeader, renderTable } from "./output";
import { Progress } from "./progress";
import { inThread, type ScanRunner } from "./runner";
import type { FileResult, SeriesResult } from "./scan-file";

/** Worker threads only pay for their start (about 30 ms each) when there are several files to share. */
function runnerFor(options: ScanOptions, inputs: readonly Input[], io: CliIo): ScanRunner {
  const jobs = options.jobs ?? Math.min(io.workers?.cores ?? 1, inputs.length);
  return jobs > 1 && io.workers && inputs[0]?.file !== "-" ? io.workers.runner(jobs) : inThread(io);
}

export const scanCommand: Command = {
  name: "scan",
  usage: SCAN_USAGE,
  async run(args, io) {
    const options = parseScanArgs(args);
    const inputs = await inputsOf(options.paths, io.list);
    const results: (FileResult | undefined)[] = new Array(inputs.length);
    const series: SeriesResult[] = [];
    const progress = new Progress(io.stderrIsTerminal ? io.stderr : undefined, inputs.length);
    let printed = 0;
    let failed = 0;
    io.stdout(outputHeader(options.format, options.outcomes));
    await runnerFor(options, inputs, io)(inputs, options, (index, result) => {
      results[index] = result;
      // Print every result that now has all those before it.
      for (let next = results[printed]; next !== undefined; next = results[printed]) {
        results[printed++] = undefined;
        if ("error" in next) {
          failed++;
          progress.end();
          io.stderr(`patterns: ${next.error}\n`);
          continue;
        }
        for (const one of next.series) {
          if (options.format === "table") series.push(one);
          else if (typeof one.text !== "string") for (const chunk of one.text) io.stdout(chunk);
          else if (one.text) io.stdout(one.text);
        }
      }
      progress.update(printed);
    });
    progress.end();
    if (options.format === "table" && series.length > 0) io.stdout(renderTable(series, options.outcomes));
    return failed > 0 ? 2 : 0;
  },
};
