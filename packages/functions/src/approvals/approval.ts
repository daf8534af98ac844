// What an approval is: a CRITICAL alert waiting for a human, found by the hash of its one-time token.

import {
  APPROVAL_STATUSES,
  type ApprovalStatus,
  type Decision,
  type Severity,
  statusOf,
} from "@stock-patterns/core";

export { APPROVAL_STATUSES, type ApprovalStatus, type Decision, statusOf };

/** An approval request as stored in ApprovalTracking. */
export interface Approval {
  tokenHash: string;
  alertId: string;
  status: ApprovalStatus;
  createdAt: string;
  /** ISO time after which no decision is accepted. */
  expiresAt: string;
  /** The same instant in epoch seconds (DynamoDB TTL attribute). */
  expiresAtEpoch: number;
  symbol: string;
  interval: string;
  severity: Severity;
  summary: string;
  decidedBy?: string;
  decidedAt?: string;
  comment?: string;
  /** When the approved alert was published to TradingAlerts (once). */
  publishedAt?: string;
}

/** Whether an approval can no longer be decided because its time is up. */
export function isExpired(approval: Pick<Approval, "expiresAtEpoch">, now: Date): boolean {
  return Math.floor(now.getTime() / 1000) >= approval.expiresAtEpoch;
}
