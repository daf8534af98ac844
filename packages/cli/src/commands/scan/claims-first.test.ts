// A symbol that two inputs give, or one Symbol column writes two ways, is refused before any line of the run
// is printed: however the run is spread (one thread printing as it scans, several, --jobs N), in every
// format, a long file's rows by symbol or by date, from standard input too. Real `patterns` processes.

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { barCsv, writeLongUniverse } from "../../../bench/files";
import { LONG_PROCESS_TIMEOUT, PATTERNS_BIN } from "../../../test/bin";

const dir = mkdtempSync(join(tmpdir(), "patterns-claims-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `patterns ARGS...`, with `input` on its standard input. */
const patterns = (args: string[], input?: string) => {
  const ran = spawnSync(process.execPath, [PATTERNS_BIN, ...args], {
    encoding: "utf8",
    input,
    maxBuffer: 1 << 28,
  });
  return { status: ran.status, stdout: ran.stdout, stderr: ran.stderr };
};

/** Six symbols of 4,000 bars (SYM000 to SYM005) in one file, under `name`: 1.4 MB, not cut by symbol. */
function longFile(name: string, byDate: boolean): string {
  const at = join(dir, name);
  mkdirSync(at);
  return writeLongUniverse(at, 6, 4000, byDate);
}

const FORMATS = [["--json"], ["--format", "csv"], ["--format", "table"]];
const THREADS = [["--jobs", "1"], ["--jobs", "2"], []];

describe("a symbol given twice, found in a Symbol column", () => {
  it(
    "beside a file of that name: refused before any line is printed, in each order, spread, format and layout",
    () => {
      const single = join(dir, "SYM004.csv");
      writeFileSync(single, barCsv(4000, 99));
      for (const byDate of [false, true]) {
        const long = longFile(byDate ? "by-date" : "by-symbol", byDate);
        const refusal = (first: string, second: string) =>
          `patterns: ${first} and ${second} both give the symbol SYM004: its results would mix two series (rename one, or give them in separate runs)\n`;
        for (const [files, line] of [
          [[single, long], refusal(single, long)],
          [[long, single], refusal(long, single)],
        ] as const)
          for (const threads of THREADS)
            for (const format of FORMATS) {
              const ran = patterns(["scan", ...files, ...format, ...threads]);
              expect(ran, [byDate, ...files, ...format, ...threads].join(" ")).toEqual({
                status: 2,
                stdout: "",
                stderr: line,
              });
            }
        // stats prints only once all is pooled: nothing either.
        expect(patterns(["stats", single, long, "--jobs", "1"])).toEqual({
          status: 2,
          stdout: "",
          stderr: refusal(single, long),
        });
      }
    },
    LONG_PROCESS_TIMEOUT,
  );

  it(
    "written two ways in one Symbol column, read from a file or standard input: refused before any line",
    () => {
      for (const byDate of [false, true]) {
        const long = longFile(byDate ? "two-ways-by-date" : "two-ways", byDate);
        // SYM004's first 2,000 rows written sym004: its two spellings come after SYM000 to SYM003's lines.
        let lower = 0;
        const text = readFileSync(long, "latin1").replace(/^SYM004,/gm, (cell) =>
          lower++ < 2000 ? cell.toLowerCase() : cell,
        );
        writeFileSync(long, text, "latin1");
        const line = (file: string) =>
          `patterns: ${file} gives the symbol SYM004 as both sym004 and SYM004: its results would mix two series (write it one way)\n`;
        for (const threads of THREADS) {
          expect(patterns(["scan", long, "--json", ...threads]), `${long} ${threads}`).toEqual({
            status: 2,
            stdout: "",
            stderr: line(long),
          });
          expect(patterns(["scan", "-", "--json", ...threads], readFileSync(long, "utf8"))).toEqual({
            status: 2,
            stdout: "",
            stderr: line("-"),
          });
        }
      }
    },
    LONG_PROCESS_TIMEOUT,
  );
});
