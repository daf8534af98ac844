// The shapes the console reads from the API (packages/functions' domain, see docs/api.md).

// Type-only: the domain's shapes come from core and vanish from the bundle; the console talks HTTP only.
import type { AlertSource, AlertStatus, ApprovalStatus, Detection, Severity } from "@stock-patterns/core";

export type {
  AlertStatus,
  ApprovalStatus,
  Bar,
  Decision,
  Detection,
  Extremum,
  ExtremumKind,
  Severity,
} from "@stock-patterns/core";

/** Where each severity sits in the console's lists; typed by core's Severity, so none can be missing. */
const SEVERITY_ORDER: Record<Severity, number> = { CRITICAL: 0, HIGH: 1, MEDIUM: 2 };
export const SEVERITIES = Object.keys(SEVERITY_ORDER) as Severity[];

/** Where each alert status sits in the history's filter: the ones waiting on a person first. */
const STATUS_ORDER: Record<AlertStatus, number> = {
  PENDING_APPROVAL: 0,
  APPROVED: 1,
  REJECTED: 2,
  EXPIRED: 3,
  PUBLISHED: 4,
  QUEUED: 5,
};
export const ALERT_STATUSES = Object.keys(STATUS_ORDER) as AlertStatus[];

/** An alert raised from a detection or a threshold rule. */
export interface Alert {
  alertId: string;
  source: AlertSource;
  symbol: string;
  interval: string;
  severity: Severity;
  /** The bar the alert is about (a detection's detectedAt). */
  barTime: string;
  createdAt: string;
  message: string;
  status: AlertStatus;
  pattern?: string;
  confidence?: number;
  patternId?: string;
  rule?: string;
  publishedAt?: string;
  /** Present when the API includes the detection itself. */
  detection?: Detection;
  /** Present when the API includes the pattern's name. */
  patternName?: string;
  /** The bars around the pattern, when the API includes them; read with barRows. */
  bars?: unknown[];
}

/** A CRITICAL alert's approval request as GET /approvals answers it. */
export interface Approval {
  /** The SHA-256 (hex) of the approval's one-time token: the approval's name in the API. */
  id: string;
  alertId: string;
  status: ApprovalStatus;
  createdAt: string;
  expiresAt: string;
  symbol: string;
  interval: string;
  severity: Severity;
  summary: string;
  decidedBy?: string;
  decidedAt?: string;
  comment?: string;
  /** PENDING but past its expiry (not yet marked EXPIRED). */
  expired?: boolean;
}

/** The answer to POST /approve/{token}: this call decided it, or it repeated the recorded decision. */
export interface DecisionAnswer {
  outcome: "decided" | "repeated";
  approval: Approval;
}

/** One page of a listing; `cursor` fetches the next one. */
export interface Page<T> {
  items: T[];
  cursor?: string | null;
}
