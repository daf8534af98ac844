// How the command tests run `patterns`: as a function over in-memory files (run) or as the compiled process
// (scanned), over the planted head-and-shoulders series, in a temporary folder removed after each test.

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PATTERNS_BIN as bin } from "../test/bin";

import { runPatterns } from "../test/run";
import { HS_PIVOTS, plantedCsv } from "../test/series";

/** The planted head-and-shoulders series as a Date,Close CSV: one HS detection in 38 bars. */
export const csv = plantedCsv(HS_PIVOTS);

/**
 * Runs `test` in a new temporary folder, removed after it whatever happens.
 *
 * @example
 * await inTempDir((dir) => writeFileSync(join(dir, "A.csv"), csv));
 */
export async function inTempDir(test: (dir: string) => unknown): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "patterns-test-"));
  try {
    await test(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * What `patterns scan ARGS`, run as a process, prints on standard output.
 *
 * @example
 * scanned(dir, "--json", "--jobs", "1"); // '{"symbol":"A","pattern":"HS",...}\n'
 */
export const scanned = (...args: string[]) =>
  execFileSync(process.execPath, [bin, "scan", ...args], { encoding: "utf8", maxBuffer: 1 << 30 });

/**
 * `patterns ARGV` as a function, every file holding `input` except missing.csv.
 *
 * @example
 * await run(["scan", "hs.csv"]); // { status: 0, stdout: "code  name ...", stderr: "" }
 */
export const run = (argv: string[], input = csv) =>
  runPatterns(argv, (file) => (file === "missing.csv" ? undefined : input));
