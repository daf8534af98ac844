// What an approver needs to know about an alert at a glance: pattern, confidence, severity, symbol, times.
import type { Alert } from "../api/types";
import { SeverityBadge, StatusBadge } from "../ui/Badge";
import { formatConfidence, formatTime } from "../ui/format";

/** The alert's pattern as "HS · head-and-shoulders" (just the code when the name is unknown). */
export function patternTitle(alert: Pick<Alert, "pattern" | "patternName">): string {
  return alert.patternName ? `${alert.pattern} · ${alert.patternName}` : alert.pattern;
}

/** The alert's facts as a description list. */
export function AlertFacts({ alert }: { alert: Alert }) {
  return (
    <dl className="facts">
      <dt>Pattern</dt>
      <dd data-field="pattern">{patternTitle(alert)}</dd>
      <dt>Symbol</dt>
      <dd data-field="symbol">
        {alert.symbol}
        {alert.interval ? ` (${alert.interval})` : ""}
      </dd>
      <dt>Confidence</dt>
      <dd data-field="confidence">{formatConfidence(alert.confidence)}</dd>
      <dt>Severity</dt>
      <dd>
        <SeverityBadge severity={alert.severity} />
      </dd>
      <dt>Status</dt>
      <dd data-field="status">
        <StatusBadge status={alert.status} />
      </dd>
      <dt>Detected</dt>
      <dd data-field="detectedAt">{formatTime(alert.detectedAt ?? alert.createdAt)}</dd>
      {alert.start && alert.end && (
        <>
          <dt>Pattern span</dt>
          <dd>
            {formatTime(alert.start)} → {formatTime(alert.end)}
          </dd>
        </>
      )}
      {alert.decidedBy && (
        <>
          <dt>Decided by</dt>
          <dd>
            {alert.decidedBy}
            {alert.decidedAt ? `, ${formatTime(alert.decidedAt)}` : ""}
          </dd>
        </>
      )}
      {alert.comment && (
        <>
          <dt>Comment</dt>
          <dd>{alert.comment}</dd>
        </>
      )}
    </dl>
  );
}
