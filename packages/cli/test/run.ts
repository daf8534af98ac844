// Runs the patterns command in the test process against files held in memory, capturing what it prints:
// the CliIo every command test needs, written once.

import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { CliIo } from "../src/io";
import { runCli } from "../src/run";

/** The bundled S&P 500 series, as the tests read it from disk. */
export const SPX_FILE = fileURLToPath(new URL("../../../data/sp500-2000.csv", import.meta.url));

/** A file's text by name; undefined reads as a missing file (ENOENT), as the real io reports one. */
export type MemoryFiles = (file: string) => string | Promise<string> | undefined;

export interface CliRun {
  status: number;
  stdout: string;
  stderr: string;
}

/**
 * What a run prints, kept as text: `io` goes into a CliIo, `output` holds what it wrote. Its `stdout`
 * answers `written` (pass true to tell the command the bytes were copied by the time it returned, as a
 * synchronous write's are, so it may write into their memory again).
 *
 * @example
 * const { output, io } = capturedOutput();
 * const status = await runCli(argv, { read, list, ...io }); // output.stdout: what it printed
 */
export function capturedOutput(written?: true) {
  const output = { stdout: "", stderr: "" };
  const io = {
    stdout: (text: string | Uint8Array) => {
      output.stdout += typeof text === "string" ? text : Buffer.from(text).toString("utf8");
      return written;
    },
    stderr: (text: string) => {
      output.stderr += text;
    },
  } satisfies Pick<CliIo, "stdout" | "stderr">;
  return { output, io };
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
  const { output, io } = capturedOutput();
  const status = await runCli(argv, {
    read: async (file) => {
      const text = await files(file);
      if (text === undefined) throw Object.assign(new Error(`no file ${file}`), { code: "ENOENT" });
      return Buffer.from(text, "utf8");
    },
    list,
    ...io,
  });
  return { status, ...output };
}
