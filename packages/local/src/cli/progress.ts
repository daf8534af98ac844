// The one-line progress display of a local run, and messages printed above it without garbling it.

import { SEVERITIES } from "@stock-patterns/core";
import { EVENT_SOURCES } from "@stock-patterns/core/catalog";
import type { FiringOutcome } from "../pollers/schedule";
import type { SystemStats } from "../watch/stats";

/** Alerts by severity, the known severities first: `CRITICAL 1, HIGH 5, MEDIUM 0`. */
export function alertCounts(alerts: SystemStats["alerts"]): string {
  const known: readonly string[] = SEVERITIES;
  const others = Object.keys(alerts).filter((severity) => !known.includes(severity));
  return [...SEVERITIES, ...others].map((severity) => `${severity} ${alerts[severity] ?? 0}`).join(", ");
}

const total = (counts: Record<string, number>) => Object.values(counts).reduce((sum, n) => sum + n, 0);

/**
 * The progress line: bars in, detections, alerts by severity, approvals pending, and what followed the
 * detections: breakouts, resolutions, lifecycle messages told.
 *
 * @example
 * progressLine(1200, 5104, stats);
 * // "bars in 1200/5104 | detections 37 | alerts CRITICAL 0, HIGH 5, MEDIUM 0 | approvals pending 1 | breakouts 30 | resolved 25 | told 9"
 */
export function progressLine(sent: number, barCount: number, stats: SystemStats): string {
  return (
    `bars in ${sent}/${barCount} | detections ${stats.detections} | alerts ${alertCounts(stats.alerts)} | ` +
    `approvals pending ${stats.approvalsPending} | breakouts ${stats.breakouts} | ` +
    `resolved ${total(stats.resolved)} | told ${total(stats.lifecycle)}`
  );
}

/**
 * The summary printed once a replay is processed: detections and how they went on, alerts, and the
 * lifecycle messages sent for published or approved alerts.
 *
 * @example
 * summaryLines(stats);
 * // ["  detections 30, broke out 25, resolved 20: target 8, failed 6, stalled 5, expired 1",
 * //  "  alerts CRITICAL 1, HIGH 5, MEDIUM 9 | lifecycle messages sent 7: breakouts 3, resolutions 4"]
 */
export function summaryLines(stats: SystemStats): string[] {
  const byStatus = Object.entries(stats.resolved)
    .map(([status, n]) => `${status} ${n}`)
    .join(", ");
  return [
    `  detections ${stats.detections}, broke out ${stats.breakouts}, resolved ${total(stats.resolved)}: ${byStatus}`,
    `  alerts ${alertCounts(stats.alerts)} | lifecycle messages sent ${total(stats.lifecycle)}: ` +
      `breakouts ${stats.lifecycle.breakout}, resolutions ${stats.lifecycle.resolved}`,
  ];
}

/**
 * The line after the summary: when the evidence pooled across symbols (GET /stats without a symbol) was
 * counted, by the ThresholdChecker's scheduled run fired once the replay was processed (`at`: when it was
 * fired, every bar processed by then), or that the run failed and the schedule tries again.
 *
 * @example
 * pooledLine("ran", new Date("2026-12-06T14:22:40Z"));
 * // "  evidence across symbols (GET /stats without a symbol) pooled as of 2026-12-06T14:22:40.000Z, every bar above counted; the schedule pools again every 5 minutes"
 */
export function pooledLine(outcome: FiringOutcome, at: Date): string {
  const what = "  evidence across symbols (GET /stats without a symbol)";
  const minutes = EVENT_SOURCES.ThresholdChecker.scheduleMinutes;
  return outcome === "ran"
    ? `${what} pooled as of ${at.toISOString()}, every bar above counted; the schedule pools again every ${minutes} minutes`
    : `${what} not pooled again: the ThresholdChecker's run failed (said above); the schedule tries again`;
}

/**
 * A terminal with a status line kept at the bottom: `print` writes a message above it, `status`
 * replaces it. Without a TTY the status is printed as plain lines, at most every `quietMs`, and only
 * when it changed (a log of a quiet system does not fill with the same line).
 *
 * @example
 * const screen = new StatusScreen(process.stdout);
 * screen.status("bars in 10/100 ...");
 * screen.print("Approval needed: http://...");
 */
export class StatusScreen {
  private current = "";
  private lastPlain = 0;
  private lastPlainText = "";

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly quietMs = 10_000,
  ) {}

  print(text: string): void {
    if (this.out.isTTY && this.current) this.out.write("\r\x1b[2K");
    this.out.write(`${text}\n`);
    if (this.out.isTTY && this.current) this.out.write(this.current);
  }

  status(text: string, force = false): void {
    if (this.out.isTTY) {
      this.current = text.slice(0, Math.max(20, (this.out.columns || 120) - 1));
      this.out.write(`\r\x1b[2K${this.current}`);
    } else if (text !== this.lastPlainText && (force || Date.now() - this.lastPlain >= this.quietMs)) {
      this.lastPlain = Date.now();
      this.lastPlainText = text;
      this.out.write(`${text}\n`);
    }
  }

  /** End the status line (before exiting), leaving it on screen. */
  close(): void {
    if (this.out.isTTY && this.current) this.out.write("\n");
    this.current = "";
  }
}
