// The decision part of an approval's page: the panel while the approval is open, else what became of it.
import { useCallback, useState } from "react";
import type { Approval, Decision } from "../api/types";
import { useSession, useSignedIn } from "../session/SessionContext";
import { formatTime } from "../ui/format";
import { TimeLeft } from "../ui/TimeLeft";
import { sendDecision } from "./approvalsApi";
import { DecisionPanel } from "./DecisionPanel";
import { type DecisionOutcome, RETRYABLE } from "./decisionOutcome";
import { commentWords, recordedDecision } from "./decisionWords";

/** Props: the approval as last read, its token when known, what it is about, and a callback once decided. */
export interface ApprovalDecisionProps {
  approval: Approval;
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
      const when = whileOpen ? " while this page was open" : "";
      return `${recordedDecision(approval.status, approval, when)}${commentWords(approval)}`;
    }
    case "SUPERSEDED":
      return "This link was replaced by a newer approval request for the same alert.";
    default:
      return `This approval expired at ${formatTime(approval.expiresAt)} without a decision; nothing was sent.`;
  }
}

/** The sentence for an approval that no longer waits, or undefined while it does. */
function closedSentence(approval: Approval, whileOpen: boolean) {
  if (approval.expired) return closedApproval({ ...approval, status: "EXPIRED" });
  return approval.status === "PENDING" ? undefined : closedApproval(approval, whileOpen);
}

/** Time left, then the decision panel; or how the approval ended. */
export function ApprovalDecision({ approval, token, subject, onDecided }: ApprovalDecisionProps) {
  const { apiKey } = useSignedIn();
  const { handleAuthError } = useSession();
  const [answered, setAnswered] = useState(false);
  // Whether the page showed it waiting: then a later close happened while the approver looked at it.
  const [openedWaiting] = useState(() => closedSentence(approval, false) === undefined);
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
  const closed = closedSentence(approval, openedWaiting);
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
