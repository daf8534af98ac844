// The functions' runtime compiled once a process: each runtime started (a restart, a later system in the
// same process) forks plain JavaScript instead of compiling its 250 TypeScript modules again (tsx took
// about 1.1 CPU-s more a start than the bundle).

import type { Bundle } from "./bundle-cache.mjs";
import { localBundle } from "./local-bundles.mjs";
import { REPO_ROOT, RUNTIME_ENTRY } from "./paths";

/** A runtime's command line names its bundle so (tests find the runtime among a group's processes). */
export const RUNTIME_BUNDLE_FILE = /[\\/]runtime[\\/][0-9a-f]{24}[\\/]main\.js\b/;

let pending: Promise<Bundle> | undefined;

/**
 * The runtime's bundle, from the cache when its sources have not changed. A failed build is not kept: the
 * next call tries again.
 *
 * @example
 * const { main } = await runtimeBundle();
 */
export function runtimeBundle(): Promise<Bundle> {
  pending ??= localBundle(REPO_ROOT, "runtime", RUNTIME_ENTRY).catch((error: unknown) => {
    pending = undefined;
    throw error;
  });
  return pending;
}
