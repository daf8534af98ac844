// The set-aside log (logs/set-aside.jsonl): each report that carries records, a JSON line with its time. With
// a data directory it is the one account of what earlier runs set aside, so it is appended to across runs.

import { appendFileSync, writeFileSync } from "node:fs";
import type { PollerReport } from "../pollers/poller";
import { StorageFailure } from "../system/storage-failure";

/**
 * Opens the set-aside log at `file` (kept as it is when `kept`, else emptied) and answers what records a
 * report in it. A line the machine will not write (the disk full) is said through `onReport` instead, as a
 * report of its own after the one whose records the file misses, so no record goes missing unsaid.
 *
 * @example
 * const record = setAsideLog(".local/logs/set-aside.jsonl", false, say); record(report);
 */
export function setAsideLog(
  file: string,
  kept: boolean,
  onReport: (report: PollerReport) => void,
): (report: PollerReport) => void {
  if (kept) appendFileSync(file, "");
  else writeFileSync(file, "");
  return (report) => {
    if (!report.items?.length) return;
    try {
      appendFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), ...report })}\n`);
    } catch (error) {
      const failure = StorageFailure.of(file, error) ?? (error as Error);
      onReport({
        source: "set-aside",
        functionName: report.functionName,
        message: `${failure.message}: the ${report.items.length} record(s) of the report above are not kept in it`,
      });
    }
  };
}
