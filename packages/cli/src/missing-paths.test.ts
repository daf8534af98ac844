// A FILE that is not there is named as a file that cannot be read, with the path meant, and the others are
// scanned: its name is not judged as a symbol first (it had refused the run as a clash, or as no symbol).

import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PATTERNS_BIN as bin, PROCESS_TIMEOUT } from "../test/bin";
import { csv, inTempDir } from "./command-runs";

/** `patterns ARGS` run in `dir`, what it printed and its status. */
const patterns = (dir: string, ...args: string[]) => {
  const done = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: "utf8" });
  return { status: done.status, stdout: done.stdout, stderr: done.stderr };
};

describe("a FILE that is not there", () => {
  it(
    "is named by scan as a read failure, the other files printed, even when its name gives their symbol",
    () =>
      inTempDir((dir) => {
        writeFileSync(join(dir, "aaa.csv"), csv);
        const alone = patterns(dir, "scan", "aaa.csv", "--json");
        expect(alone.status).toBe(0);
        expect(alone.stdout).toMatch(/^\{"symbol":"AAA","pattern":"HS"/);
        expect(patterns(dir, "scan", "aaa.csv", "nothere/AAA.csv", "--json")).toEqual({
          status: 2,
          stdout: alone.stdout,
          stderr: "patterns: cannot read nothere/AAA.csv: no such file\n",
        });
        // With the path meant, though it gives the symbol of the file meant.
        expect(patterns(dir, "scan", "AAA.CSV", "aaa.csv", "--json")).toEqual({
          status: 2,
          stdout: alone.stdout,
          stderr: "patterns: cannot read AAA.CSV: no such file (did you mean aaa.csv?)\n",
        });
        // A name that gives no symbol (an option put after --) is not there either.
        expect(patterns(dir, "scan", "--", "--json", "aaa.csv")).toMatchObject({
          status: 2,
          stderr: "patterns: cannot read --json: no such file\n",
        });
      }),
    PROCESS_TIMEOUT,
  );

  it(
    "is named by stats as its first bad input, nothing printed",
    () =>
      inTempDir((dir) => {
        writeFileSync(join(dir, "aaa.csv"), csv);
        expect(patterns(dir, "stats", "aaa.csv", "nothere/AAA.csv")).toEqual({
          status: 2,
          stdout: "",
          stderr: "patterns: cannot read nothere/AAA.csv: no such file\n",
        });
      }),
    PROCESS_TIMEOUT,
  );

  it(
    "leaves two files that are there and give one symbol refused, before anything is printed",
    () =>
      inTempDir((dir) => {
        writeFileSync(join(dir, "aaa.csv"), csv);
        mkdirSync(join(dir, "d"));
        writeFileSync(join(dir, "d", "AAA.csv"), csv);
        expect(patterns(dir, "scan", "aaa.csv", "d/AAA.csv", "nothere/AAA.csv")).toEqual({
          status: 2,
          stdout: "",
          stderr:
            "patterns: aaa.csv and d/AAA.csv both give the symbol AAA: its results would mix two series (rename one, or give them in separate runs)\n",
        });
      }),
    PROCESS_TIMEOUT,
  );
});
