// Where the repository and the local system's default directories are, wherever the process was started.

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

/** Where the runtime's compiled bundles are kept between runs (git-ignored with node_modules). */
export const RUNTIME_BUNDLE_DIR = join(REPO_ROOT, "node_modules/.cache/stock-patterns/runtime");

/** Files that steer how the runtime's sources resolve and compile: a change to one rebuilds its bundle. */
export const RUNTIME_BUNDLE_KEY_FILES = [
  "package.json",
  "tsconfig.base.json",
  "node_modules/.package-lock.json",
  ...["core", "emulators", "functions", "local"].flatMap((name) => [
    `packages/${name}/package.json`,
    `packages/${name}/tsconfig.json`,
  ]),
].map((file) => join(REPO_ROOT, file));
