// For tests: `npm start`'s entry run as a terminal runs a command (a process group of its own), to its end.

import { spawn } from "node:child_process";
import { REPO_ROOT, startNodeArgs } from "./paths";

/** How an entry run ended: its exit code, what it wrote to stderr, and its process group. */
export interface EntryRun {
  code: number | null;
  stderr: string;
  group: number;
}

/**
 * Runs npm start's entry with `args` until it closes: `preload` given to node (`--require FILE`), and at most
 * `fileLimitKiB` KiB a file written (bash's `ulimit -f`; past it a write fails with EFBIG, as a full disk's
 * with ENOSPC).
 *
 * @example
 * const { code, stderr } = await runEntry(["--port", "0", "--no-replay"], { fileLimitKiB: 128 });
 */
export function runEntry(
  args: string[],
  { preload, fileLimitKiB }: { preload?: string; fileLimitKiB?: number } = {},
): Promise<EntryRun> {
  const [maps, entry] = startNodeArgs();
  const command = [
    process.execPath,
    maps as string,
    ...(preload ? ["--require", preload] : []),
    entry as string,
  ];
  const [file, ...rest] =
    fileLimitKiB === undefined
      ? [...command, ...args]
      : ["bash", "-c", `ulimit -f ${fileLimitKiB} && exec "$@"`, "limited", ...command, ...args];
  const run = spawn(file as string, rest, {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  run.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk;
  });
  return new Promise((resolve) =>
    run.once("close", (code) => resolve({ code, stderr, group: run.pid as number })),
  );
}

/**
 * Whether process group `group` is empty within `withinMs` (an entry's runtime notices its parent gone
 * within a second).
 *
 * @example
 * expect(await groupEmptied(run.group)).toBe(true);
 */
export async function groupEmptied(group: number, withinMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      process.kill(-group, 0);
    } catch {
      return true;
    }
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
