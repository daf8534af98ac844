// Standard error whose reader is gone (`2> >(head -1)`, `2>&1 | head` read to its end): the lines it would
// have read are lost, the run goes on and ends as it would have; through the compiled process.

import { spawn, spawnSync } from "node:child_process";
import { closeSync, copyFileSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PATTERNS_BIN, PROCESS_TIMEOUT } from "../test/bin";
import { SPX_FILE } from "../test/run";

const dir = mkdtempSync(join(tmpdir(), "patterns-stderr-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Two bad files, then a good one: a DIR scans them in name order, the errors first. */
const universe = join(dir, "universe");
mkdirSync(universe);
for (const name of ["a.csv", "b.csv"]) writeFileSync(join(universe, name), "Date,Close\n2020-01-02,x\n");
copyFileSync(SPX_FILE, join(universe, "z.csv"));

describe("standard error whose reader is gone", () => {
  it(
    "loses only its own lines: the good file's lines are printed and the status says input was bad",
    async () => {
      const expected = spawnSync(process.execPath, [PATTERNS_BIN, "scan", universe, "--json"], {
        encoding: "utf8",
      });
      expect(expected.status).toBe(2);
      expect(expected.stderr.split("\n")).toHaveLength(3);
      expect(expected.stdout.split("\n").length).toBeGreaterThan(500);
      const child = spawn(process.execPath, [PATTERNS_BIN, "scan", universe, "--json"], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      const chunks: Buffer[] = [];
      child.stdout?.on("data", (chunk: Buffer) => chunks.push(chunk));
      // Closed before the process writes its first error line, as by a reader gone before it (`head -1`
      // having read another's line): every write to stderr is refused (EPIPE).
      child.stderr?.destroy();
      const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
      expect([status, Buffer.concat(chunks).toString()]).toEqual([2, expected.stdout]);
    },
    PROCESS_TIMEOUT,
  );
});

describe("standard error that refuses every write", () => {
  it(
    "(a full disk: /dev/full) loses only its own lines, without a stack: the output and status as they would be",
    () => {
      const expected = spawnSync(process.execPath, [PATTERNS_BIN, "scan", universe, "--json"], {
        encoding: "utf8",
      });
      const full = openSync("/dev/full", "w");
      try {
        for (const args of [
          ["scan", universe, "--json"],
          ["scan", universe, "--json", "--jobs", "1"],
        ]) {
          const run = spawnSync(process.execPath, [PATTERNS_BIN, ...args], {
            stdio: ["ignore", "pipe", full],
            encoding: "utf8",
          });
          expect([run.status, run.stdout], args.join(" ")).toEqual([2, expected.stdout]);
        }
        // A usage mistake's one line is lost too; its status is still 2.
        const usage = spawnSync(process.execPath, [PATTERNS_BIN, "scan", "--bandwidth", "0"], {
          stdio: ["ignore", "pipe", full],
        });
        expect(usage.status).toBe(2);
      } finally {
        closeSync(full);
      }
    },
    PROCESS_TIMEOUT,
  );
});

describe("standard error beside many worker threads", () => {
  it(
    "holds only the bad file's line when a dozen workers run (no MaxListenersExceededWarning)",
    () => {
      // Each worker's stderr is piped into this process's, adding a listener to it; twelve do, as on a
      // machine of 13 cores or more by default.
      const many = join(dir, "many");
      mkdirSync(many);
      for (let k = 0; k < 12; k++) copyFileSync(SPX_FILE, join(many, `S${k}.csv`));
      // Last in name order: its line is written once the workers are running.
      writeFileSync(join(many, "ZZZ.csv"), "Date,Close\n2020-01-02,x\n");
      const run = spawnSync(process.execPath, [PATTERNS_BIN, "scan", many, "--json", "--jobs", "13"], {
        encoding: "utf8",
        maxBuffer: 1 << 30,
      });
      // On fewer cores than 13, the note of --jobs beyond them (scan/jobs.test.ts) comes first.
      expect([run.status, run.stderr.replace(/^patterns: --jobs 13 starts .*\n/, "")]).toEqual([
        2,
        `patterns: ${join(many, "ZZZ.csv")}: row 2: close "x" is not a number\n`,
      ]);
    },
    PROCESS_TIMEOUT,
  );
});
