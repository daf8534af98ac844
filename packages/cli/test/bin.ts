// Where the installed `patterns` command starts: package.json's "bin", read once, so the process tests run
// the file `npm install` links (a renamed entry left behind in package.json fails them).

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The CLI package's folder. */
export const CLI_DIR = fileURLToPath(new URL("..", import.meta.url));

/**
 * The command's entry, relative to the package (package.json's bin.patterns, without its "./").
 *
 * @example
 * spawnSync(process.execPath, [join(CLI_DIR, BIN_ENTRY), "--help"]);
 */
export const BIN_ENTRY: string = JSON.parse(
  readFileSync(join(CLI_DIR, "package.json"), "utf8"),
).bin.patterns.replace(/^\.\//, "");

/** The command's entry, absolute. */
export const PATTERNS_BIN = join(CLI_DIR, BIN_ENTRY);

/** A test that starts `patterns` processes: seconds each when other sessions load the shared cores. */
export const PROCESS_TIMEOUT = 60_000;

/** A test that starts several `patterns` processes one after another, or runs one over a long input. */
export const LONG_PROCESS_TIMEOUT = 2 * PROCESS_TIMEOUT;

/**
 * Runs the installed `patterns` with these arguments, to its end, its output as text.
 * @example
 * runPatterns("scan", "data/sp500-2000.csv", "--json").status // 0
 */
export const runPatterns = (...args: string[]) =>
  spawnSync(process.execPath, [PATTERNS_BIN, ...args], { encoding: "utf8" });
