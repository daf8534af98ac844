// A DIR given as FILE: its series files scanned, its sub-directories and hidden files passed over.

import { spawnSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PATTERNS_BIN as bin, PROCESS_TIMEOUT } from "../test/bin";
import { csv, inTempDir, scanned } from "./command-runs";

describe("patterns scan", () => {
  it(
    "passes over a DIR's sub-directories, even one named like a series file",
    () =>
      inTempDir((dir) => {
        writeFileSync(join(dir, "A.csv"), csv);
        mkdirSync(join(dir, "2020.csv"));
        symlinkSync(join(dir, "2020.csv"), join(dir, "linked.csv"));
        const done = spawnSync(process.execPath, [bin, "scan", dir, "--format", "csv"], { encoding: "utf8" });
        expect(done.stderr).toBe("");
        expect(done.status).toBe(0);
        const symbols = done.stdout
          .trim()
          .split("\n")
          .slice(1)
          .map((line) => line.split(",")[0]);
        expect(new Set(symbols)).toEqual(new Set(["A"]));
      }),
    PROCESS_TIMEOUT,
  );

  it(
    "passes over a DIR's hidden files, as the shell's DIR/*.csv does (macOS's ._A.csv beside A.csv)",
    () =>
      inTempDir((dir) => {
        writeFileSync(join(dir, "A.csv"), csv);
        // What macOS leaves on a shared drive beside each file: its attributes, not bars.
        writeFileSync(join(dir, "._A.csv"), Buffer.from([0, 5, 22, 7, 0, 2, 0, 0]));
        // An editor's or a sync tool's copy, which stats would otherwise pool a second time.
        writeFileSync(join(dir, ".A.csv.swp.csv"), csv);
        for (const command of ["scan", "stats"]) {
          const done = spawnSync(process.execPath, [bin, command, dir, "--json"], { encoding: "utf8" });
          expect(done.stderr, command).toBe("");
          expect(done.status, command).toBe(0);
        }
        const symbols = scanned(dir, "--json")
          .trim()
          .split("\n")
          .map((line) => JSON.parse(line).symbol);
        expect(new Set(symbols)).toEqual(new Set(["A"]));
      }),
    PROCESS_TIMEOUT,
  );
});
