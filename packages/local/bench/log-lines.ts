// What the handlers printed during a phase of the pipeline bench, by kind: on AWS each line is ingested
// by CloudWatch Logs and billed by the byte (docs/capacity.md, "CloudWatch Logs").

import { closeSync, openSync, readSync, statSync } from "node:fs";

/** Lines and bytes (each line's newline included) of one kind. */
export interface LineCount {
  lines: number;
  bytes: number;
}

/**
 * The kind of one printed line: `emf <metrics> [<first dimension set>]` for a Powertools Metrics line,
 * `log <level> <function> <message>` for a Powertools Logger line, `other` for anything else.
 */
function kindOf(text: string): string {
  let line: Record<string, unknown>;
  try {
    line = JSON.parse(text);
  } catch {
    return "other";
  }
  if (typeof line !== "object" || line === null) return "other";
  const aws = line._aws as
    | { CloudWatchMetrics?: { Dimensions?: string[][]; Metrics?: { Name: string }[] }[] }
    | undefined;
  if (aws !== undefined) {
    const [directive] = aws.CloudWatchMetrics ?? [];
    const metrics = (directive?.Metrics ?? []).map(({ Name }) => Name).join(",");
    return `emf ${metrics} [${(directive?.Dimensions?.[0] ?? []).join(",")}]`;
  }
  if (typeof line.message === "string")
    return `log ${String(line.level)} ${String(line.function_name ?? line.service)} ${line.message}`;
  return "other";
}

/** The log file's size once its writes have landed (lines reach it through a pipe and a stream). */
export async function logMark(logFile: string): Promise<number> {
  let size = statSync(logFile).size;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = statSync(logFile).size;
    if (now === size) return size;
    size = now;
  }
}

/**
 * Lines and bytes by kind between two marks of the log file, most bytes first.
 *
 * @example
 * const kinds = logKinds(system.logFile, before, await logMark(system.logFile));
 */
export function logKinds(logFile: string, from: number, to: number): Record<string, LineCount> {
  const buffer = Buffer.alloc(to - from);
  const fd = openSync(logFile, "r");
  try {
    readSync(fd, buffer, 0, buffer.length, from);
  } finally {
    closeSync(fd);
  }
  const kinds = new Map<string, LineCount>();
  for (const text of buffer.toString("utf8").split("\n")) {
    if (text === "") continue;
    const kind = kindOf(text);
    const count = kinds.get(kind) ?? { lines: 0, bytes: 0 };
    count.lines += 1;
    count.bytes += Buffer.byteLength(text) + 1;
    kinds.set(kind, count);
  }
  return Object.fromEntries([...kinds].sort(([, a], [, b]) => b.bytes - a.bytes));
}
