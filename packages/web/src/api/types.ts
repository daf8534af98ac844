// The shapes the console reads from the API (see docs/api.md): alerts, approvals, pages of results.

export type Severity = "CRITICAL" | "HIGH" | "MEDIUM";
export const SEVERITIES: readonly Severity[] = ["CRITICAL", "HIGH", "MEDIUM"];

/** Where an alert stands: sent straight out, waiting for a human, or decided. */
export type AlertStatus = "SENT" | "PENDING" | "APPROVED" | "REJECTED" | "EXPIRED";
export const ALERT_STATUSES: readonly AlertStatus[] = ["PENDING", "APPROVED", "REJECTED", "EXPIRED", "SENT"];

export type ExtremumKind = "max" | "min";

/** A local extremum of the smoothed series, priced at the bar's close. */
export interface Extremum {
  time: string;
  price: number;
  kind: ExtremumKind;
}

/** One price bar; only the close is certain. */
export interface Bar {
  time: string;
  close: number;
  open?: number;
  high?: number;
  low?: number;
  volume?: number;
}

/** An alert raised from a detection (or a threshold). */
export interface Alert {
  alertId: string;
  symbol: string;
  interval?: string;
  pattern: string;
  patternName?: string;
  severity: Severity;
  confidence: number;
  status: AlertStatus;
  createdAt: string;
  detectedAt?: string;
  start?: string;
  end?: string;
  extrema?: Extremum[];
  /** The bars around the pattern, when the API includes them. */
  bars?: Bar[];
  decidedBy?: string;
  decidedAt?: string;
  comment?: string;
}

export type ApprovalStatus = "PENDING" | "APPROVED" | "REJECTED" | "EXPIRED";

/** A CRITICAL alert waiting for (or having had) a human decision. */
export interface Approval {
  /** What POST /approve/{token} takes for this approval. */
  token: string;
  alertId: string;
  status: ApprovalStatus;
  createdAt: string;
  expiresAt: string;
  alert?: Alert;
}

/** One page of a listing; `cursor` fetches the next one. */
export interface Page<T> {
  items: T[];
  cursor?: string | null;
}

export type Decision = "approve" | "reject";
