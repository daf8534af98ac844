// Both commands that read bars, held to one refusal: what `patterns scan` refuses, `patterns stats` refuses
// in the same words.

import { spawnSync } from "node:child_process";
import { expect } from "vitest";
import { PATTERNS_BIN } from "./bin";

/**
 * Runs `patterns scan` and `patterns stats` with `args` (standard input `input`, when given) and expects
 * each to refuse: status 2, nothing on stdout, `stderr` as said.
 *
 * @example
 * refusedByBoth([file, "--date-format", "MM/DD/YYYY"], `patterns: ${file}: row 3: time "01/02/2020" ...\n`);
 */
export function refusedByBoth(args: readonly string[], stderr: string, input?: string): void {
  for (const command of ["scan", "stats"]) {
    const run = spawnSync(process.execPath, [PATTERNS_BIN, command, ...args], { encoding: "utf8", input });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }, `${command} ${args}`).toEqual({
      status: 2,
      stdout: "",
      stderr,
    });
  }
}
