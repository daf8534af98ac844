// A DIR given as FILE: its series files scanned, its sub-directories and hidden files passed over, what is
// no regular file in it (a FIFO) set aside.

import { execFileSync, spawnSync } from "node:child_process";
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

  it(
    "sets aside a FIFO in a DIR, and a link to one, naming each, and scans the rest; a FIFO given is read",
    () =>
      inTempDir((dir) => {
        writeFileSync(join(dir, "A.csv"), csv);
        // No process writes it: a read of it waits for ever (the run hung, printing nothing).
        execFileSync("mkfifo", [join(dir, "FEED.csv")]);
        symlinkSync("FEED.csv", join(dir, "LINKED.csv"));
        // A bound on a run that hangs, as this one did: it fails the test rather than the suite's time. Killed
        // (SIGKILL): blocked opening the FIFO, the process never sees a SIGTERM.
        const done = spawnSync(process.execPath, [bin, "scan", dir, "--format", "csv"], {
          encoding: "utf8",
          timeout: PROCESS_TIMEOUT / 4,
          killSignal: "SIGKILL",
        });
        const setAside = (name: string) =>
          `patterns: ${join(dir, name)} is not a regular file (a FIFO, a socket or a device): set aside, as its read may never end; give it as a FILE to read it\n`;
        expect(done.stderr).toBe(setAside("FEED.csv") + setAside("LINKED.csv"));
        expect(done.status).toBe(2);
        expect(
          new Set(
            done.stdout
              .trim()
              .split("\n")
              .slice(1)
              .map((line) => line.split(",")[0]),
          ),
        ).toEqual(new Set(["A"]));
        // Given as a FILE, the FIFO is read whole, as a shell's <(...) is.
        const given = spawnSync(
          "bash",
          [
            "-c",
            'cat "$3" > "$4" & exec "$1" "$2" scan "$4" --json',
            "bash",
            process.execPath,
            bin,
            join(dir, "A.csv"),
            join(dir, "FEED.csv"),
          ],
          { encoding: "utf8", timeout: PROCESS_TIMEOUT / 4, killSignal: "SIGKILL" },
        );
        expect([given.status, given.stderr]).toEqual([0, ""]);
        expect(given.stdout).toBe(
          scanned(join(dir, "A.csv"), "--json").replaceAll('"symbol":"A"', '"symbol":"FEED"'),
        );
      }),
    PROCESS_TIMEOUT,
  );
});
