// The functions' runtime as plain JavaScript: each runtime started (a restart, a later system in the same
// process) forks the cached bundle instead of compiling its 250 TypeScript modules again (tsx took about
// 1.1 CPU-s more a start than the bundle); a source changed since is compiled first.

import type { Bundle } from "./bundle-cache.mjs";
import { localBundle } from "./local-bundles.mjs";
import { REPO_ROOT, RUNTIME_ENTRY } from "./paths";

/** A runtime's command line names its bundle so (tests find the runtime among a group's processes). */
export const RUNTIME_BUNDLE_FILE = /[\\/]runtime[\\/][0-9a-f]{24}[\\/]main\.js\b/;

let pending: Promise<Bundle> | undefined;

/**
 * The runtime's bundle: from the cache when its sources have not changed (about 10 ms to know), else
 * compiled now. Calls made while one is under way share it; each later call looks at the sources again.
 *
 * @example
 * const { main } = await runtimeBundle();
 */
export function runtimeBundle(): Promise<Bundle> {
  pending ??= localBundle(REPO_ROOT, "runtime", RUNTIME_ENTRY).finally(() => {
    pending = undefined;
  });
  return pending;
}
