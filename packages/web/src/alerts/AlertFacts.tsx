// What an approver needs to know about an alert at a glance: pattern or rule, its message and measures,
// confidence, severity, symbol, times.
import type { Alert } from "../api/types";
import { SeverityBadge, StatusBadge } from "../ui/Badge";
import { formatBarTime, formatConfidence, formatTime } from "../ui/format";
import type { AlertDetail } from "./alertDetail";

/**
 * The alert's subject: "HS · head-and-shoulders" (code and name), the code alone, or the threshold rule.
 * @example alertTitle({ pattern: "HS", source: "pattern" }, "head-and-shoulders") // "HS · head-and-shoulders"
 */
export function alertTitle(alert: Pick<Alert, "pattern" | "rule" | "source">, patternName?: string): string {
  if (alert.pattern) return patternName ? `${alert.pattern} · ${patternName}` : alert.pattern;
  return alert.rule ? `threshold: ${alert.rule}` : alert.source;
}

/** The alert's facts as a description list. */
export function AlertFacts({ detail }: { detail: AlertDetail }) {
  const { alert, detection, patternName } = detail;
  return (
    <dl className="facts">
      <dt>Pattern</dt>
      <dd data-field="pattern">{alertTitle(alert, patternName)}</dd>
      <dt>Message</dt>
      <dd data-field="message">{alert.message}</dd>
      {alert.measures && Object.keys(alert.measures).length > 0 && (
        <>
          <dt>Measured</dt>
          <dd data-field="measures">
            {Object.entries(alert.measures)
              .map(([name, value]) => `${name} ${value}`)
              .join(", ")}
          </dd>
        </>
      )}
      <dt>Symbol</dt>
      <dd data-field="symbol">
        {alert.symbol} ({alert.interval})
      </dd>
      <dt>Confidence</dt>
      <dd data-field="confidence">
        {alert.confidence === undefined ? (
          "—"
        ) : (
          <>
            {formatConfidence(alert.confidence)}{" "}
            <span className="hint">(how clean the shape is, not a chance of success)</span>
          </>
        )}
      </dd>
      <dt>Severity</dt>
      <dd data-field="severity">
        <SeverityBadge severity={alert.severity} />
      </dd>
      <dt>Status</dt>
      <dd data-field="status">
        <StatusBadge status={alert.status} />
      </dd>
      <dt>Detected</dt>
      <dd data-field="detectedAt">{formatBarTime(detection?.detectedAt ?? alert.barTime, alert.interval)}</dd>
      {detection && (
        <>
          <dt>Pattern span</dt>
          <dd>
            {formatBarTime(detection.start, alert.interval)} → {formatBarTime(detection.end, alert.interval)}
          </dd>
        </>
      )}
      <dt>Raised</dt>
      <dd>{formatTime(alert.createdAt)}</dd>
      {alert.publishedAt && (
        <>
          <dt>Published</dt>
          <dd>{formatTime(alert.publishedAt)}</dd>
        </>
      )}
    </dl>
  );
}
