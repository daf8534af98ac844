// An alert's lifecycle as a table: every status change of a stored alert is one of these moves, and the
// repository writes only moves from this table (each as a conditional write on `from`).

import type { AlertStatus } from "./status";

/** One named move: the statuses it may start from and the status it leaves. */
export interface AlertMoveRule {
  from: readonly AlertStatus[];
  to: AlertStatus;
}

/**
 * Every move an alert can make. A move to the same status records a fact on the way (a claim, a
 * reissued token, the publish time of an approved alert) and holds the alert where it is meanwhile.
 */
export const ALERT_MOVES = {
  /** A processor takes a queued alert to route it (other deliveries keep off until the claim is stale). */
  claim: { from: ["QUEUED"], to: "QUEUED" },
  /** A non-critical alert went out on TradingAlerts. */
  publish: { from: ["QUEUED"], to: "PUBLISHED" },
  /** A CRITICAL alert waits for an approver, under its approval token. */
  awaitApproval: { from: ["QUEUED"], to: "PENDING_APPROVAL" },
  /** A stale approval request is redone under a new token. */
  reissueApproval: { from: ["PENDING_APPROVAL"], to: "PENDING_APPROVAL" },
  approve: { from: ["PENDING_APPROVAL"], to: "APPROVED" },
  reject: { from: ["PENDING_APPROVAL"], to: "REJECTED" },
  /** Nobody decided within the approval's hour. */
  expire: { from: ["PENDING_APPROVAL"], to: "EXPIRED" },
  /** An approved alert went out on TradingAlerts (it stays APPROVED, with `publishedAt`). */
  publishApproved: { from: ["APPROVED"], to: "APPROVED" },
} as const satisfies Record<string, AlertMoveRule>;

export type AlertMove = keyof typeof ALERT_MOVES;

/**
 * Whether an alert in `status` may make `move`.
 *
 * @example
 * canMove("QUEUED", "publish") // true
 * canMove("PUBLISHED", "approve") // false
 */
export function canMove(status: AlertStatus, move: AlertMove): boolean {
  return (ALERT_MOVES[move].from as readonly AlertStatus[]).includes(status);
}

/**
 * The statuses a move from `status` can lead to (itself included, for a move that records a fact).
 *
 * @example
 * statusesAfter("PENDING_APPROVAL") // ["PENDING_APPROVAL", "APPROVED", "REJECTED", "EXPIRED"]
 * statusesAfter("REJECTED") // []
 */
export function statusesAfter(status: AlertStatus): AlertStatus[] {
  const next = Object.values(ALERT_MOVES as Record<string, AlertMoveRule>)
    .filter((rule) => rule.from.includes(status))
    .map((rule) => rule.to);
  return [...new Set(next)];
}
