// The local system's two bundles, `npm start`'s own process and the functions' runtime it forks: where
// they are kept, and the files beyond their sources whose change rebuilds them.

import { accessSync, constants, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cachedBundle } from "./bundle-cache.mjs";

/** Files that steer how the sources resolve and compile, relative to the repository. */
const KEY_FILES = [
  "package.json",
  "tsconfig.base.json",
  "node_modules/.package-lock.json",
  ...["cli", "core", "emulators", "functions", "local"].flatMap((name) => [
    `packages/${name}/package.json`,
    `packages/${name}/tsconfig.json`,
  ]),
];

/**
 * `preferred`, or, for a user who may not write there (npm start run as another user than the one who
 * installed), a folder of this process's own under the temporary directory, removed at its exit.
 * @param {string} preferred
 * @param {string} name
 */
function writableDir(preferred, name) {
  try {
    mkdirSync(preferred, { recursive: true });
    accessSync(preferred, constants.W_OK);
    return preferred;
  } catch {
    const own = mkdtempSync(join(tmpdir(), "stock-patterns-"));
    process.once("exit", () => rmSync(own, { recursive: true, force: true }));
    return join(own, name);
  }
}

/**
 * The bundle `name` of `entry`, kept in node_modules/.cache/stock-patterns/<name> under `repoRoot`.
 *
 * @param {string} repoRoot the repository (holding node_modules)
 * @param {"start" | "runtime"} name
 * @param {string} entry the TypeScript entry (absolute)
 * @returns {Promise<import("./bundle-cache.mjs").Bundle>}
 * @example
 * const { main } = await localBundle(REPO_ROOT, "runtime", RUNTIME_ENTRY);
 */
export function localBundle(repoRoot, name, entry) {
  return cachedBundle({
    entry,
    cacheDir: writableDir(join(repoRoot, "node_modules/.cache/stock-patterns", name), name),
    keyFiles: KEY_FILES.map((file) => join(repoRoot, file)),
  });
}
