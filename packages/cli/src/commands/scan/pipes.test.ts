// A FILE that is a pipe (a shell's `<(...)`, a FIFO) through the compiled process: it has no size and gives
// its bytes once, so it is read whole, once, and prints what the same bytes on disk print.

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { barCsv } from "../../../bench/files";
import { PATTERNS_BIN as bin, LONG_PROCESS_TIMEOUT } from "../../../test/bin";
import { SPX_FILE } from "../../../test/run";
import { scratchFolder } from "../../../test/scratch";
import { PART_BYTES } from "./parts";

const { write } = scratchFolder("pipes");

/** `patterns ARGS... FILES...`, each file given as it is or, with `piped`, as the pipe `<(cat FILE)`. */
function patterns(args: string[], files: string[], piped: boolean) {
  const named = files.map((_, i) => (piped ? `<(cat "$${i + 3}")` : `"$${i + 3}"`)).join(" ");
  const script = `exec "$1" "$2" ${args.join(" ")} ${named}`;
  return spawnSync("bash", ["-c", script, "bash", process.execPath, bin, ...files], {
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
}

/** Output with each file's symbol (a pipe's is its /dev/fd number) replaced by "S". */
const bySymbol = (stdout: string) => stdout.replace(/"symbol":"[^"]*"/g, '"symbol":"S"');

describe("patterns scan and stats on a FILE that is a pipe", () => {
  it(
    "print what they print for the same bytes on disk, whichever reader would read the file",
    () => {
      const spx = readFileSync(SPX_FILE, "utf8");
      const series = barCsv(80_000, 7);
      expect(series.length).toBeGreaterThan(PART_BYTES);
      const lines = spx.trimEnd().split("\n");
      const long = `Symbol,${lines[0]}\n${["A", "B"].flatMap((symbol) => lines.slice(1).map((row) => `${symbol},${row}`)).join("\n")}\n`;
      const files = {
        // The column reader's file, a piece at a time; one of 4 MB or more; a long file (readSeries').
        spx: write("SPX.csv", spx),
        series: write("SERIES.csv", series),
        long: write("LONG.csv", long),
      };
      for (const [what, file] of Object.entries(files)) {
        const onDisk = patterns(["scan", "--json", "--min-confidence", "70"], [file], false);
        expect(onDisk.stdout.split("\n").length, what).toBeGreaterThan(50);
        const piped = patterns(["scan", "--json", "--min-confidence", "70"], [file], true);
        expect({ ...piped, stdout: bySymbol(piped.stdout) }, what).toMatchObject({
          status: 0,
          stdout: bySymbol(onDisk.stdout),
          stderr: "",
        });
      }
      // Several pipes, spread over worker threads; and counted by stats (one file's symbol each).
      const several = [files.spx, files.long, write("INDEX.csv", spx)];
      expect(bySymbol(patterns(["scan", "--json", "--jobs", "2"], several, true).stdout)).toBe(
        bySymbol(patterns(["scan", "--json", "--jobs", "2"], several, false).stdout),
      );
      expect(patterns(["stats", "--json", "--jobs", "2"], several, true)).toMatchObject({
        status: 0,
        stdout: patterns(["stats", "--json", "--jobs", "2"], several, false).stdout,
      });
    },
    LONG_PROCESS_TIMEOUT,
  );
});
