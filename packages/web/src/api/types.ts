// The shapes the console reads from the API (packages/functions' domain, see docs/api.md).

// Type-only: the domain's shapes come from core and vanish from the bundle; the console talks HTTP only.
import type { Detection, Severity } from "@stock-patterns/core";

export type { Bar, Detection, Extremum, ExtremumKind, Severity } from "@stock-patterns/core";

export const SEVERITIES: readonly Severity[] = ["CRITICAL", "HIGH", "MEDIUM"];

/**
 * Where an alert is: QUEUED for routing, PUBLISHED to subscribers, or (CRITICAL) PENDING_APPROVAL until
 * APPROVED (then published), REJECTED or EXPIRED.
 */
export type AlertStatus = "QUEUED" | "PUBLISHED" | "PENDING_APPROVAL" | "APPROVED" | "REJECTED" | "EXPIRED";
export const ALERT_STATUSES: readonly AlertStatus[] = [
  "PENDING_APPROVAL",
  "APPROVED",
  "REJECTED",
  "EXPIRED",
  "PUBLISHED",
  "QUEUED",
];

/** An alert raised from a detection or a threshold rule. */
export interface Alert {
  alertId: string;
  source: "pattern" | "threshold";
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

/** PENDING until decided; EXPIRED after its time; SUPERSEDED when its token was reissued. */
export type ApprovalStatus = "PENDING" | "APPROVED" | "REJECTED" | "EXPIRED" | "SUPERSEDED";

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

export type Decision = "approve" | "reject";
