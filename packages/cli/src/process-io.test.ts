// `patterns` as a process: standard input in, exit status out, a large file read a piece at a time, bytes
// out to a file.

import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { barCsv } from "../bench/files";
import { PATTERNS_BIN as bin, CLI_DIR, PROCESS_TIMEOUT } from "../test/bin";
import { csv, inTempDir, run } from "./command-runs";

describe("patterns scan", () => {
  it(
    "reads a file a piece at a time as a process, and one it does not take whole, naming the bad row",
    () =>
      inTempDir(async (dir) => {
        // Over a MiB, the reader's piece: 30,000 rows, the bad close far past the first piece.
        const rows = barCsv(30_000, 3).split("\n");
        rows[25_000] = `${rows[25_000]?.slice(0, 10)},1,1,1,0,1,100`;
        const good = join(dir, "GOOD.csv");
        const bad = join(dir, "BAD.csv");
        writeFileSync(good, barCsv(30_000, 3));
        writeFileSync(bad, rows.join("\n"));
        const process = (file: string) =>
          spawnSync(globalThis.process.execPath, [bin, "scan", file, "--json"], {
            encoding: "utf8",
            maxBuffer: 1 << 28,
          });
        const read = process(good);
        expect(read.stdout.split("\n").length).toBeGreaterThan(1000);
        expect(read.stdout).toBe((await run(["scan", "GOOD.csv", "--json"], barCsv(30_000, 3))).stdout);
        const refused = process(bad);
        expect(refused.status).toBe(2);
        expect(refused.stderr).toBe(`patterns: ${bad}: row 25001: close 0 is not positive\n`);
        const missing = process(join(dir, "MISSING.csv"));
        expect([missing.status, missing.stderr]).toEqual([
          2,
          `patterns: cannot read ${join(dir, "MISSING.csv")}: no such file\n`,
        ]);
      }),
    PROCESS_TIMEOUT,
  );

  it(
    "writes the same bytes to a file as standard output as to a pipe, after what the file held (>>)",
    () =>
      inTempDir((dir) => {
        // Over a MiB of lines: written in several chunks.
        const file = join(dir, "GOOD.csv");
        writeFileSync(file, barCsv(30_000, 3));
        const piped = spawnSync(process.execPath, [bin, "scan", file, "--json"], { maxBuffer: 1 << 28 });
        expect(piped.stdout.length).toBeGreaterThan(1 << 20);
        const out = join(dir, "out.jsonl");
        // `>` (the file emptied) and `>>` (written after what it holds).
        for (const [flags, held] of [
          ["w", ""],
          ["a", "held\n"],
        ] as const) {
          writeFileSync(out, "held\n");
          const fd = openSync(out, flags);
          try {
            const toFile = spawnSync(process.execPath, [bin, "scan", file, "--json"], {
              stdio: ["ignore", fd, "pipe"],
            });
            expect([toFile.status, toFile.stderr.toString()]).toEqual([0, ""]);
          } finally {
            closeSync(fd);
          }
          expect(readFileSync(out).equals(Buffer.concat([Buffer.from(held), piped.stdout]))).toBe(true);
        }
      }),
    PROCESS_TIMEOUT,
  );

  it(
    "runs as a process: standard input in, exit status out",
    () => {
      const out = execFileSync(process.execPath, [bin, "scan", "-", "--json"], {
        input: csv,
        encoding: "utf8",
      });
      expect(out).toContain('"pattern":"HS"');
      const failed = spawnSync(process.execPath, [bin, "scan", "-"], {
        input: "Date,Close\n",
        encoding: "utf8",
      });
      expect(failed.status).toBe(2);
      // Named as it was given, as a file is.
      expect(failed.stderr).toBe("patterns: -: no bars: the series is empty\n");
      for (const command of ["scan", "stats"]) {
        const bad = spawnSync(process.execPath, [bin, command, "-"], {
          input: "Date,Close\n2020-01-01,1\n2020-01-02,x\n",
          encoding: "utf8",
        });
        expect([bad.status, bad.stderr]).toEqual([2, 'patterns: -: row 3: close "x" is not a number\n']);
      }
    },
    PROCESS_TIMEOUT,
  );

  it(
    "names a folder given as standard input, which Node's stream reads as empty",
    () => {
      const folder = openSync(CLI_DIR, "r");
      try {
        for (const command of ["scan", "stats"]) {
          const run = spawnSync(process.execPath, [bin, command, "-"], {
            stdio: [folder, "pipe", "pipe"],
            encoding: "utf8",
          });
          expect([run.status, run.stdout, run.stderr]).toEqual([
            2,
            "",
            "patterns: cannot read -: it is a directory\n",
          ]);
        }
      } finally {
        closeSync(folder);
      }
    },
    PROCESS_TIMEOUT,
  );
});
