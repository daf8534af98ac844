// The functions' runtime compiled once a process: each runtime started (a restart, a later system in the
// same process) forks plain JavaScript instead of compiling its 250 TypeScript modules again (tsx took
// about 1.1 CPU-s more a start than the bundle).

import { accessSync, constants, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Bundle, cachedBundle } from "./bundle-cache";
import { RUNTIME_BUNDLE_DIR, RUNTIME_BUNDLE_KEY_FILES, RUNTIME_ENTRY } from "./paths";

/** A runtime's command line names its bundle so (tests find the runtime among a group's processes). */
export const RUNTIME_BUNDLE_FILE = /[\\/]runtime[\\/][0-9a-f]{24}[\\/]main\.js\b/;

let pending: Promise<Bundle> | undefined;

/**
 * The cache in node_modules, or, for a user who may not write there (npm start run as another user than
 * the one who installed), a folder of this process's own under the temporary directory, removed at its exit.
 */
function cacheDir(): string {
  try {
    mkdirSync(RUNTIME_BUNDLE_DIR, { recursive: true });
    accessSync(RUNTIME_BUNDLE_DIR, constants.W_OK);
    return RUNTIME_BUNDLE_DIR;
  } catch {
    const own = mkdtempSync(join(tmpdir(), "stock-patterns-"));
    process.once("exit", () => rmSync(own, { recursive: true, force: true }));
    return join(own, "runtime");
  }
}

/**
 * The runtime's bundle, from the cache when its sources have not changed. A failed build is not kept: the
 * next call tries again.
 *
 * @example
 * const { main } = await runtimeBundle();
 */
export function runtimeBundle(): Promise<Bundle> {
  pending ??= cachedBundle({
    entry: RUNTIME_ENTRY,
    cacheDir: cacheDir(),
    keyFiles: RUNTIME_BUNDLE_KEY_FILES,
  }).catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}
