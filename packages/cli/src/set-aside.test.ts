// A DIR that cannot be listed or holds no series file, and a file in a DIR whose name gives no symbol, are
// each named on stderr and set aside; the other inputs are scanned and printed, status 2. One of them had
// stopped the run before any good file, naming only the first of several bad names. One file given twice, by
// two paths or by a link in a DIR, is refused.

import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PATTERNS_BIN as bin, PROCESS_TIMEOUT } from "../test/bin";
import { csv, inTempDir } from "./command-runs";

/** `patterns ARGS` run in `dir` (as another user with `as`), what it printed and its status. */
const patterns = (dir: string, args: string[], as: { uid?: number; gid?: number } = {}) => {
  const done = spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: "utf8", ...as });
  return { status: done.status, stdout: done.stdout, stderr: done.stderr };
};

/** The symbols of a run's JSON lines, each once. */
const symbolsOf = (stdout: string) => [
  ...new Set(
    stdout
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line).symbol),
  ),
];

const BAD_NAME = (file: string, symbol: string) =>
  `patterns: ${file}: symbol must be 1-20 letters, digits or . ^ = _ -, starting with a letter, a digit or ^ (its name gives "${symbol}"; rename the file)\n`;

describe("an input set aside", () => {
  it(
    "is a DIR with no series file, named while the other files are scanned (status 2)",
    () =>
      inTempDir((dir) => {
        writeFileSync(join(dir, "aaa.csv"), csv);
        mkdirSync(join(dir, "empty"));
        mkdirSync(join(dir, "notes"));
        writeFileSync(join(dir, "notes", "README.md"), "bars elsewhere\n");
        const done = patterns(dir, ["scan", "empty", "aaa.csv", "notes", "--json"]);
        expect(done.stderr).toBe(
          "patterns: empty holds no .csv, .json or .txt files\npatterns: notes holds no .csv, .json or .txt files\n",
        );
        expect(done.status).toBe(2);
        expect(symbolsOf(done.stdout)).toEqual(["AAA"]);
        // Nothing at all to scan: named, nothing printed, as before.
        expect(patterns(dir, ["scan", "empty", "--format", "csv"])).toEqual({
          status: 2,
          stdout: "",
          stderr: "patterns: empty holds no .csv, .json or .txt files\n",
        });
      }),
    PROCESS_TIMEOUT,
  );

  it(
    "is each file in a DIR whose name gives no symbol, every one named, the DIR's others scanned",
    () =>
      inTempDir((dir) => {
        mkdirSync(join(dir, "d"));
        for (const name of ["good.csv", "_tmp.csv", "my file.csv"]) writeFileSync(join(dir, "d", name), csv);
        const done = patterns(dir, ["scan", "d", "--json"]);
        expect(done.stderr).toBe(BAD_NAME("d/_tmp.csv", "_tmp") + BAD_NAME("d/my file.csv", "my file"));
        expect(done.status).toBe(2);
        expect(symbolsOf(done.stdout)).toEqual(["GOOD"]);
        // stats names the first and counts nothing: evidence without a series would read as the whole's.
        expect(patterns(dir, ["stats", "d"])).toEqual({
          status: 2,
          stdout: "",
          stderr: BAD_NAME("d/_tmp.csv", "_tmp"),
        });
        // A FILE given by its name is still refused before anything is read.
        expect(patterns(dir, ["scan", "d/good.csv", "d/my file.csv"])).toEqual({
          status: 2,
          stdout: "",
          stderr: BAD_NAME("d/my file.csv", "my file"),
        });
      }),
    PROCESS_TIMEOUT,
  );

  it(
    "is a DIR that cannot be listed, named in words beside the series read",
    () =>
      inTempDir((dir) => {
        writeFileSync(join(dir, "aaa.csv"), csv);
        mkdirSync(join(dir, "locked"));
        writeFileSync(join(dir, "locked", "bbb.csv"), csv);
        chmodSync(join(dir, "locked"), 0o000);
        chmodSync(dir, 0o755);
        // Root lists any directory: the command runs as nobody there, so that the mode refuses it.
        const asOther = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
        const done = patterns(dir, ["scan", "locked", "aaa.csv", "--json"], asOther);
        expect(done.stderr).toBe("patterns: cannot read locked: permission denied\n");
        expect(done.status).toBe(2);
        expect(symbolsOf(done.stdout)).toEqual(["AAA"]);
        chmodSync(join(dir, "locked"), 0o755);
      }),
    PROCESS_TIMEOUT,
  );
});

describe("one file given by two paths", () => {
  it(
    "is said to be given twice, by its real path, not to give its symbol twice",
    () =>
      inTempDir((dir) => {
        mkdirSync(join(dir, "d"));
        writeFileSync(join(dir, "d", "aaa.csv"), csv);
        const twice = (...paths: string[]) => patterns(dir, ["scan", ...paths]);
        expect(twice("d/aaa.csv", join(dir, "d", "aaa.csv"))).toEqual({
          status: 2,
          stdout: "",
          stderr: `patterns: d/aaa.csv and ${join(dir, "d", "aaa.csv")} are one file, given twice\n`,
        });
        expect(twice("d", "./d/aaa.csv").stderr).toBe(
          "patterns: d/aaa.csv and ./d/aaa.csv are one file, given twice\n",
        );
        expect(twice("d/aaa.csv", "d/aaa.csv").stderr).toBe("patterns: d/aaa.csv is given twice\n");
      }),
    PROCESS_TIMEOUT,
  );

  it(
    "is said to be given twice when a link in a DIR leads to it, in scan and stats; a link to a file not given is scanned",
    () =>
      inTempDir((dir) => {
        mkdirSync(join(dir, "d"));
        writeFileSync(join(dir, "aaa.csv"), csv);
        // Its name gives another symbol: it was scanned a second time, as BBB.
        symlinkSync("../aaa.csv", join(dir, "d", "bbb.csv"));
        for (const command of ["scan", "stats"]) {
          expect(patterns(dir, [command, "aaa.csv", "d"]), command).toEqual({
            status: 2,
            stdout: "",
            stderr: "patterns: aaa.csv and d/bbb.csv are one file, given twice\n",
          });
          expect(patterns(dir, [command, "d", "aaa.csv"]).stderr, command).toBe(
            "patterns: d/bbb.csv and aaa.csv are one file, given twice\n",
          );
        }
        // A DIR holding a file and a link to it gives that file twice too.
        writeFileSync(join(dir, "d", "ccc.csv"), csv);
        symlinkSync("ccc.csv", join(dir, "d", "ddd.csv"));
        rmSync(join(dir, "d", "bbb.csv"));
        expect(patterns(dir, ["scan", "d"]).stderr).toBe(
          "patterns: d/ccc.csv and d/ddd.csv are one file, given twice\n",
        );
        rmSync(join(dir, "d", "ccc.csv"));
        // A link to a file given no other way is read under its own name.
        symlinkSync("../aaa.csv", join(dir, "d", "eee.csv"));
        const once = patterns(dir, ["scan", "d", "--json"]);
        expect(once.stderr).toBe(
          "patterns: cannot read d/ddd.csv: it is a link to ccc.csv, which does not exist\n",
        );
        expect(symbolsOf(once.stdout)).toEqual(["EEE"]);
      }),
    PROCESS_TIMEOUT,
  );
});
