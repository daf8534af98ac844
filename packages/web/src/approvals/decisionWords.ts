// The words for a decision as recorded (who, when, the comment kept): one source for the page right after a
// decision, an approval that no longer waits and an alert's own page, so each says it the same way.
import type { Approval } from "../api/types";
import { formatTime } from "../ui/format";

/** The statuses a decision records. */
export type DecidedStatus = Extract<Approval["status"], "APPROVED" | "REJECTED">;

const VERB: Record<DecidedStatus, string> = { APPROVED: "Approved", REJECTED: "Rejected" };

/**
 * " by alice at 2026-11-25 13:10 UTC", or "" for an approval that names no decider (an answer without one).
 * @example decidedBy({ decidedBy: "alice", decidedAt: "2026-11-25T13:10:00Z" }) // " by alice at 2026-11-25 13:10 UTC"
 */
export function decidedBy(approval: Partial<Approval> | undefined): string {
  if (!approval?.decidedBy) return "";
  return ` by ${approval.decidedBy}${approval.decidedAt ? ` at ${formatTime(approval.decidedAt)}` : ""}`;
}

/**
 * The comment kept with a decision, quoted after its sentence (with its line breaks), or "" for none.
 * @example commentWords({ comment: "Thin volume." }) // " Comment: “Thin volume.”"
 */
export function commentWords(approval: Partial<Approval> | undefined): string {
  return approval?.comment ? ` Comment: “${approval.comment}”` : "";
}

/**
 * The decision recorded, as a sentence; `when` is said before its full stop (" while this page was open").
 * @example recordedDecision("REJECTED", approval) // "Rejected by alice at 2026-11-25 13:10 UTC."
 */
export function recordedDecision(
  status: DecidedStatus,
  approval: Partial<Approval> | undefined,
  when = "",
): string {
  return `${VERB[status]}${decidedBy(approval)}${when}.`;
}
