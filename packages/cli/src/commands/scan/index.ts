// `patterns scan FILE... | DIR`: detects patterns in every series, screens them, prints them in a stable
// order (arguments, then file names, then symbols) whichever thread finishes first.

import type { Command } from "../../command";
import { parseScanArgs, SCAN_USAGE } from "./args";
import { FileQueue } from "./file-queue";
import { InOrder, Refused } from "./in-order";
import { inputsOf } from "./inputs";
import { LineChunks } from "./line-chunks";
import { headed, outputHeader } from "./output";
import { progressOver, unitOf } from "./progress";
import { turn } from "./runner";
import { scanInputs } from "./spread-inputs";
import { claimNames } from "./symbol-claims";
import { symbolColumns } from "./symbol-columns";
import { bySymbol } from "./symbol-rows";
import { writeTable } from "./table";

export const scanCommand: Command = {
  name: "scan",
  summary: "find the chart patterns in each series, printed as a table, JSON Lines or CSV",
  usage: SCAN_USAGE,
  async run(args, given) {
    const options = parseScanArgs(args);
    // The CSV header, printed with the first line (or alone once all is scanned, a series read, nothing found).
    const { io, ensure: header } = headed(given, outputHeader(options.format, options.outcomes));
    const listed = await inputsOf(options.paths, io);
    // What was set aside is named first, the rest scanned: status 2 at the end, as for a bad file.
    const { setAside } = listed;
    for (const line of setAside) {
      io.inputRefused?.();
      io.stderr(`patterns: ${line}\n`);
    }
    if (listed.inputs.length === 0) return 2;
    const claims = claimNames(listed);
    const inputs = await bySymbol(listed.inputs, options, options.jobs, io);
    // A long file cut by symbol: its symbols are known before anything is printed.
    claims.claimCut(inputs);
    // The other inputs that may have a Symbol column: no line is printed until each has told its symbols.
    const untold = symbolColumns(inputs, io);
    const progress = progressOver(io, inputs, "scanned");
    // The inputs still to take, by this thread and any worker.
    const queue = new FileQueue(inputs.length);
    const output = new InOrder(inputs, options, io, claims, untold, queue, progress);
    // The line cleared whatever ends the scan (a worker thread that fails throws its error out of here).
    try {
      await scanInputs(options, inputs, io, output.onResult, output.asScanned, queue);
      await output.readStalled();
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
    const stopped = (tablePrinted: boolean) => {
      if (interruption?.signal === undefined) return undefined;
      const { printed, claimed } = output;
      const none = (options.format === "table" && !tablePrinted) || printed === 0;
      const shown = none ? "none" : printed < claimed ? `${printed}` : "";
      io.stderr(
        `patterns: interrupted by ${interruption.signal}: ${claimed} of ${inputs.length} ${unitOf(inputs)} scanned${shown && claimed > 0 ? `, ${shown} printed` : ""}\n`,
      );
      return interruption.status;
    };
    const before = stopped(false);
    if (before !== undefined) return before;
    if (output.refused) return 2;
    // The header alone says that what was read held nothing; with nothing read (every input refused) it
    // is not printed, as the table is not.
    if (output.read > 0) header();
    if (options.format === "table" && output.series.length > 0) {
      const table = new LineChunks((chunk) => io.stdout(chunk));
      writeTable(output.series, options.outcomes === true, table);
      for (const chunk of table.chunks()) io.stdout(chunk);
      for (const done of output.tabled) done();
      // The table is formatted and written in one task (20-35 ms at 300,000 bars, longer to a slow reader),
      // which a signal cannot cut: one that came meanwhile is seen once it is whole, and ends the run as a
      // signal does, rather than with status 0.
      if (io.interruption) await turn();
      const during = stopped(true);
      if (during !== undefined) return during;
    }
    return output.failed > 0 || setAside.length > 0 ? 2 : 0;
  },
};
