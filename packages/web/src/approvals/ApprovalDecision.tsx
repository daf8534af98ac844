// The decision part of an approval's page: the panel while the approval is open, else what became of it.
import { useCallback, useState } from "react";
import type { Approval, Decision } from "../api/types";
import { useSession, useSignedIn } from "../session/SessionContext";
import { formatTime } from "../ui/format";
import { TimeLeft } from "../ui/TimeLeft";
import { sendDecision } from "./approvalsApi";
import { DecisionPanel } from "./DecisionPanel";
import { type DecisionOutcome, RETRYABLE } from "./decisionOutcome";

/** Props: the approval as last read, its token when known, what it is about, and a callback once decided. */
export interface ApprovalDecisionProps {
  approval: Approval;
  /** Opened from the list, it is no longer among the pending approvals (decided, expired or replaced). */
  left?: boolean;
  /** The alert's status as the page last read it. */
  alertStatus?: string;
  token?: string;
  subject: string;
  onDecided: (outcome: DecisionOutcome) => void;
}

/**
 * How a closed approval ended, in one sentence; `whileOpen` when it was decided while the page showed it waiting.
 * @example closedApproval({ status: "APPROVED", decidedBy: "alice", … }) // "Approved by alice at …."
 */
export function closedApproval(approval: Approval, whileOpen = false): string {
  switch (approval.status) {
    case "APPROVED":
    case "REJECTED": {
      const verb = approval.status === "APPROVED" ? "Approved" : "Rejected";
      const comment = approval.comment ? ` Comment: “${approval.comment}”` : "";
      const when = whileOpen ? " while this page was open" : "";
      return `${verb} by ${approval.decidedBy ?? "an approver"} at ${formatTime(approval.decidedAt)}${when}.${comment}`;
    }
    case "SUPERSEDED":
      return "This link was replaced by a newer approval request for the same alert.";
    default:
      return `This approval expired at ${formatTime(approval.expiresAt)} without a decision; nothing was sent.`;
  }
}

/**
 * What an approval opened from the list became once it left the list: the list no longer shows it, and only
 * its link (or the alert's status) tells how it ended.
 */
function leftTheList(alertStatus: string | undefined): string {
  const now = alertStatus && alertStatus !== "PENDING_APPROVAL" ? `: the alert is now ${alertStatus}` : "";
  return `This approval stopped waiting while this page was open (decided, expired or replaced)${now}. Its approve link says who decided and when.`;
}

/** The sentence for an approval that no longer waits, or undefined while it does. */
function closedSentence(
  approval: Approval,
  left: boolean,
  alertStatus: string | undefined,
  whileOpen: boolean,
) {
  if (left) return leftTheList(alertStatus);
  if (approval.expired) return closedApproval({ ...approval, status: "EXPIRED" });
  return approval.status === "PENDING" ? undefined : closedApproval(approval, whileOpen);
}

/** Time left, then the decision panel; or how the approval ended. */
export function ApprovalDecision({
  approval,
  left = false,
  alertStatus,
  token,
  subject,
  onDecided,
}: ApprovalDecisionProps) {
  const { apiKey } = useSignedIn();
  const { handleAuthError } = useSession();
  const [answered, setAnswered] = useState(false);
  // Whether the page showed it waiting: then a later close happened while the approver looked at it.
  const [openedWaiting] = useState(() => closedSentence(approval, left, alertStatus, false) === undefined);
  const decided = useCallback(
    (outcome: DecisionOutcome) => {
      // A decision refused or of unknown fate can be tried again: the approval may still wait.
      if (!RETRYABLE.has(outcome.kind)) setAnswered(true);
      onDecided(outcome);
    },
    [onDecided],
  );
  // A 401 means the key itself is no longer accepted (rotated, revoked): the tab signs out, as on any page,
  // rather than tell an approver that their key "may not decide".
  const submit = useCallback(
    (decision: Decision, comment: string) =>
      sendDecision(apiKey, { id: approval.id, token }, decision, comment).catch((error: unknown) => {
        handleAuthError(error);
        throw error;
      }),
    [apiKey, approval.id, token, handleAuthError],
  );
  const closed = closedSentence(approval, left, alertStatus, openedWaiting);
  if (!openedWaiting) {
    return (
      <p role="status" className="notice said" data-testid="approval-closed">
        {closed}
      </p>
    );
  }
  return (
    <>
      {!answered && closed === undefined && (
        <p className="expiry">
          Waiting for a decision: <TimeLeft expiresAt={approval.expiresAt} />
        </p>
      )}
      <DecisionPanel subject={subject} submit={submit} onDecided={decided} closed={closed} />
    </>
  );
}
