// Severity and status shown as small labelled badges, coloured but never relying on colour alone.
import type { AlertStatus, ApprovalStatus, Severity } from "../api/types";

/** A severity badge (CRITICAL, HIGH, MEDIUM). */
export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span className={`badge severity-${severity.toLowerCase()}`}>{severity}</span>;
}

/** A status badge (PENDING, APPROVED, …). */
export function StatusBadge({ status }: { status: AlertStatus | ApprovalStatus }) {
  return (
    <span className={`badge status-${status.toLowerCase()}`} data-status={status}>
      {status}
    </span>
  );
}
