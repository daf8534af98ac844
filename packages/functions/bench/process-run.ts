// A bench's measured run in a process of its own (node --import tsx a runner under test/), and the median
// the benches report of several.

import { spawn } from "node:child_process";

/**
 * Runs `runner` as `node [...flags] --import tsx runner [...args]` in this process's environment, its stderr
 * passed through; answers what it printed, parsed as JSON, or rejects with how it ended, named by `what`.
 *
 * @example
 * const report = await printedBy<Record<string, unknown>>("sweep run", runner, { flags: ["--expose-gc"] });
 */
export function printedBy<T>(
  what: string,
  runner: string,
  { flags = [], args = [] }: { flags?: readonly string[]; args?: readonly string[] } = {},
): Promise<T> {
  const child = spawn(process.execPath, [...flags, "--import", "tsx", runner, ...args], {
    env: process.env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let stdout = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status, signal) =>
      status === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(`${what} ended ${signal ?? status}`)),
    );
  });
}

/**
 * The middle of `values` (of an even count, the higher of the two middle ones); 0 for none.
 *
 * @example
 * median([40, 12, 31, 18]); // 31
 */
export const median = (values: readonly number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
