// Reads what the shared Powertools logger really prints (tests keep it SILENT otherwise).

import { vi } from "vitest";
import { logger } from "#observability";

/** One printed JSON log line. */
export type LogLine = Record<string, unknown> & { level: string; message: string };

/**
 * Runs `work` with the logger at `level`, capturing the JSON lines it prints to stdout and stderr.
 *
 * @example
 * const { lines } = await captureLogs("ERROR", () => call("/alerts", { key: "reader" }));
 */
export async function captureLogs<T>(
  level: "DEBUG" | "INFO" | "WARN" | "ERROR",
  work: () => Promise<T>,
): Promise<{ result: T; lines: LogLine[] }> {
  const chunks: string[] = [];
  const capture = (chunk: unknown) => {
    chunks.push(String(chunk));
    return true;
  };
  const out = vi.spyOn(process.stdout, "write").mockImplementation(capture);
  const err = vi.spyOn(process.stderr, "write").mockImplementation(capture);
  logger.setLogLevel(level);
  try {
    const result = await work();
    return { result, lines: parseLines(chunks) };
  } finally {
    logger.setLogLevel((process.env.POWERTOOLS_LOG_LEVEL ?? "SILENT") as "SILENT");
    out.mockRestore();
    err.mockRestore();
  }
}

function parseLines(chunks: readonly string[]): LogLine[] {
  return chunks
    .join("")
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .flatMap((line) => {
      try {
        const parsed = JSON.parse(line) as LogLine;
        return typeof parsed.message === "string" ? [parsed] : [];
      } catch {
        return [];
      }
    });
}
