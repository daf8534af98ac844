// Where the repository and the local system's default directories are, wherever the process was started.

import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (this file is packages/local/src/system/paths.ts). */
export const REPO_ROOT = resolve(fileURLToPath(new URL(".", import.meta.url)), "../../../..");

/** Default home of outputs.json and logs (git-ignored). */
export const DEFAULT_OUT_DIR = join(REPO_ROOT, ".local");

/** Where the web package builds the approver console. */
export const DEFAULT_CONSOLE_DIR = join(REPO_ROOT, "packages/web/dist");

/** The bundled real market data replayed by default. */
export const DEFAULT_REPLAY_FILE = join(REPO_ROOT, "data/sp500-2000.csv");

/** The functions' runtime process entry. */
export const RUNTIME_ENTRY = fileURLToPath(new URL("../runtime/main.ts", import.meta.url));

/**
 * `npm start`'s node arguments, read from package.json's start script (`exec node ARGS`), its paths made
 * absolute: the tests start the system as npm does, from any directory.
 *
 * @example
 * spawn(process.execPath, [...startNodeArgs(), "--port", "0"])
 */
export function startNodeArgs(): string[] {
  const { scripts } = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
    scripts: { start: string };
  };
  const [exec, node, ...args] = scripts.start.trim().split(/\s+/);
  if (exec !== "exec" || node !== "node")
    throw new Error(`package.json's start is not "exec node ...": ${scripts.start}`);
  return args.map((arg) => (arg.startsWith("-") ? arg : join(REPO_ROOT, arg)));
}
