// Reads the handlers' log lines (Powertools JSON): every line goes to the log file, warnings become reports.

import { createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import type { PollerReport } from "../pollers/poller";
import { StorageFailure } from "../system/storage-failure";

const REPORTED_LEVELS = new Set(["WARN", "ERROR", "CRITICAL"]);
/** A line that may carry a reported level: the others (EMF, INFO) are not parsed at all. */
const MAY_REPORT = /"level":\s*"(WARN|ERROR|CRITICAL)"/;

/**
 * Raw record data a handler logged (base64 Kinesis data) shown as the text it carries. A long record's
 * data is logged cut short, with `dataBytes` its whole size and `setAsideOn` the queue that keeps it whole,
 * and says so.
 */
function itemsOf(line: Record<string, unknown>): string[] | undefined {
  if (typeof line.data !== "string") return undefined;
  const bytes = Buffer.from(line.data, "base64");
  const text = bytes.toString("utf8");
  const shown = /^[\x20-\x7e\s]*$/.test(text) ? text : line.data;
  if (typeof line.dataBytes !== "number") return [shown];
  const keptOn = typeof line.setAsideOn === "string" ? line.setAsideOn : "its set-aside queue";
  return [`${shown}… (the first ${bytes.length} of ${line.dataBytes} bytes; whole on ${keptOn})`];
}

/**
 * The report of one log line, if it is a Powertools warning or error (other lines are not reported).
 *
 * @example
 * logReport('{"level":"WARN","message":"Malformed market data record","function_name":"KinesisConsumer"}');
 */
export function logReport(text: string): PollerReport | undefined {
  if (!MAY_REPORT.test(text)) return undefined;
  let line: Record<string, unknown>;
  try {
    line = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof line !== "object" || line === null || !REPORTED_LEVELS.has(String(line.level))) return undefined;
  const detail = [line.reason, (line.error as { message?: unknown } | undefined)?.message]
    .filter((part) => typeof part === "string" && part !== "")
    .join("; ");
  return {
    source: "log",
    functionName: String(line.function_name ?? line.service ?? "function"),
    message: `${String(line.level)} ${String(line.message ?? "")}${detail ? `: ${detail}` : ""}`,
    items: itemsOf(line),
  };
}

/**
 * Append every line of `streams` to `logFile`, and pass warnings and errors to `onReport`. A log file that
 * cannot be written (the disk full) is said once, and its lines from then on are not kept: the system goes
 * on, its warnings and errors still reported.
 *
 * @example
 * watchHandlerLogs([child.stdout, child.stderr], ".local/logs/functions.log", report);
 */
export function watchHandlerLogs(
  streams: Readable[],
  logFile: string,
  onReport: (report: PollerReport) => void,
): void {
  const log = createWriteStream(logFile, { flags: "a" });
  let writable = true;
  log.on("error", (error) => {
    writable = false;
    const failure = StorageFailure.of(logFile, error) ?? error;
    onReport({
      source: "logs",
      functionName: "runtime",
      message: `${failure.message}: the handlers' log lines are not kept from here on (their warnings and errors are still said here)`,
    });
  });
  let open = streams.length;
  for (const stream of streams) {
    const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
    lines.on("line", (line) => {
      if (writable) log.write(`${line}\n`);
      const report = logReport(line);
      if (report) onReport(report);
    });
    lines.on("close", () => {
      open -= 1;
      if (open === 0) log.end();
    });
  }
}
