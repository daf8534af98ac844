// The one-line progress display of a local run, and messages printed above it without garbling it.

import { SEVERITIES } from "@stock-patterns/core";
import type { SystemStats } from "../watch/stats";

/**
 * The progress line: bars in, detections, alerts by severity, approvals pending.
 *
 * @example
 * progressLine(1200, 5104, { detections: 37, alerts: { HIGH: 5 }, approvalsPending: 1 });
 * // "bars in 1200/5104 | detections 37 | alerts CRITICAL 0, HIGH 5, MEDIUM 0 | approvals pending 1"
 */
export function progressLine(sent: number, total: number, stats: SystemStats): string {
  const known: readonly string[] = SEVERITIES;
  const others = Object.keys(stats.alerts).filter((severity) => !known.includes(severity));
  const alerts = [...SEVERITIES, ...others]
    .map((severity) => `${severity} ${stats.alerts[severity] ?? 0}`)
    .join(", ");
  return `bars in ${sent}/${total} | detections ${stats.detections} | alerts ${alerts} | approvals pending ${stats.approvalsPending}`;
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
