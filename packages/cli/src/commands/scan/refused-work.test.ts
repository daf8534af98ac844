// A run refused once a result comes (a symbol that a Symbol column gives beside a file of that name) reads
// no more inputs: in one thread and in threads sharing the queue (here a pretend worker in this thread),
// only those taken before the refusal are read. It had read all 32 of them and printed none.

import { describe, expect, it } from "vitest";
import { plantedBars } from "../../../../core/test/planted";
import { capturedOutput } from "../../../test/run";
import { HS_PIVOTS, plantedCsv } from "../../../test/series";
import type { CliIo } from "../../io";
import { runCli } from "../../run";
import { inThread } from "./runner";

/** AAPL.csv, long.csv whose Symbol column gives AAPL too, then 30 files of other symbols. */
const files: Record<string, string> = {
  "AAPL.csv": plantedCsv(HS_PIVOTS),
  "long.csv": `Symbol,Date,Close\n${plantedBars(HS_PIVOTS)
    .map((bar) => `AAPL,${bar.time},${bar.close}`)
    .join("\n")}\n`,
  ...Object.fromEntries(
    Array.from({ length: 30 }, (_, k) => [`S${String(k).padStart(2, "0")}.csv`, plantedCsv(HS_PIVOTS)]),
  ),
};

/** `patterns scan` of every file above, in that order: its status, output and the files it read. */
async function refused(args: string[], withWorker: boolean) {
  const read: string[] = [];
  const { output, io: printing } = capturedOutput();
  const io: CliIo = {
    read: async (file) => {
      read.push(file);
      return Buffer.from(files[file] ?? "", "utf8");
    },
    list: async () => undefined,
    ...printing,
    workers: withWorker
      ? {
          cores: 2,
          size: async () => 1000,
          runner:
            () =>
            (...run) =>
              inThread(io)(...run),
        }
      : undefined,
  };
  const status = await runCli(["scan", ...Object.keys(files), ...args], io);
  return { status, ...output, read };
}

describe("a run refused once a result comes", () => {
  it("reads no input after the refusal, in one thread", async () => {
    const run = await refused(["--format", "csv"], false);
    expect(run).toEqual({
      status: 2,
      stdout: "",
      stderr:
        "patterns: AAPL.csv and long.csv both give the symbol AAPL: its results would mix two series (rename one, or give them in separate runs)\n",
      read: ["AAPL.csv", "long.csv"],
    });
  });

  it("hands out no input after it, to this thread or a worker sharing the queue", async () => {
    const run = await refused(["--json", "--jobs", "2"], true);
    expect([run.status, run.stdout]).toEqual([2, ""]);
    expect(run.stderr).toMatch(/both give the symbol AAPL/);
    // AAPL.csv and long.csv, and at most the one input each thread had taken when the refusal came.
    expect(run.read.slice(0, 2).sort()).toEqual(["AAPL.csv", "long.csv"]);
    expect(run.read.length).toBeLessThanOrEqual(4);
  });
});
