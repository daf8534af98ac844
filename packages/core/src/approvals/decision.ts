// An approver's decision and the approval statuses it leads to.

/** PENDING until decided (APPROVED / REJECTED), EXPIRED after the TTL, SUPERSEDED when its token was reissued. */
export const APPROVAL_STATUSES = ["PENDING", "APPROVED", "REJECTED", "EXPIRED", "SUPERSEDED"] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/**
 * An approval's id as approvers see it: its token's SHA-256, in hex (the API takes either case).
 *
 * @example
 * APPROVAL_ID.test("0".repeat(64)) // true
 */
export const APPROVAL_ID = /^[0-9a-fA-F]{64}$/;

/** What an approver may decide, and the status each decision leads to. */
export const DECISION_STATUS = { approve: "APPROVED", reject: "REJECTED" } as const satisfies Record<
  string,
  ApprovalStatus
>;
export type Decision = keyof typeof DECISION_STATUS;
/** The decisions, in the order the API documents them. */
export const DECISIONS = Object.keys(DECISION_STATUS) as [Decision, ...Decision[]];

/**
 * The status a decision leads to.
 *
 * @example
 * statusOf("approve") // "APPROVED"
 */
export function statusOf(decision: Decision): (typeof DECISION_STATUS)[Decision] {
  return DECISION_STATUS[decision];
}
