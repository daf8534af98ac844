// Runs the patterns command in the test process against files held in memory, capturing what it prints:
// the CliIo every command test needs, written once.

import { readFile } from "node:fs/promises";
import type { CliIo } from "../src/io";
import { runCli } from "../src/run";

/** The bundled S&P 500 series, as the tests read it from disk. */
export const SPX_FILE = new URL("../../../data/sp500-2000.csv", import.meta.url).pathname;

/** A file's text by name; undefined reads as a missing file (ENOENT), as the real io reports one. */
export type MemoryFiles = (file: string) => string | Promise<string> | undefined;

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/** Reads the bundled S&P 500 series (for a MemoryFiles that serves it). */
export const readSpx = (): Promise<string> => readFile(SPX_FILE, "utf8");

/**
 * Runs `patterns argv` reading `files`; `list` answers directory listings (none by default).
 *
 * @example
 * const { status, stdout } = await runPatterns(["scan", "hs.csv"], () => csv);
 */
export async function runPatterns(
  argv: string[],
  files: MemoryFiles,
  list: CliIo["list"] = async () => undefined,
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const status = await runCli(argv, {
    read: async (file) => {
      const text = await files(file);
      if (text === undefined) throw Object.assign(new Error(`no file ${file}`), { code: "ENOENT" });
      return Buffer.from(text, "utf8");
    },
    list,
    stdout: (text) => {
      stdout += typeof text === "string" ? text : Buffer.from(text).toString("utf8");
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { status, stdout, stderr };
}
