// The decision part of an approval's page: the panel when this page holds the approve link's token,
// otherwise how to get it.
import { useCallback } from "react";
import type { Approval, Decision } from "../api/types";
import { useSignedIn } from "../session/SessionContext";
import { TimeLeft } from "../ui/TimeLeft";
import { sendDecision } from "./approvalsApi";
import { knownToken } from "./approveLink";
import { DecisionPanel } from "./DecisionPanel";
import type { DecisionOutcome } from "./decisionOutcome";

/** What an approver without the link's token is told. */
export const NEEDS_LINK =
  "To decide, open the approve link from the approval request you received: it carries the one-time token.";

/** Props: the approval, what it is about (for the confirmation), and a callback once decided. */
export interface ApprovalDecisionProps {
  approval: Approval;
  subject: string;
  onDecided: (outcome: DecisionOutcome) => void;
}

/** Time left, then the decision panel (or the way to reach it). */
export function ApprovalDecision({ approval, subject, onDecided }: ApprovalDecisionProps) {
  const { apiKey } = useSignedIn();
  const token = knownToken(approval.tokenHash);
  const submit = useCallback(
    (decision: Decision, comment: string) => sendDecision(apiKey, token ?? "", decision, comment),
    [apiKey, token],
  );
  return (
    <>
      <p className="expiry">
        Time left: <TimeLeft expiresAt={approval.expiresAt} />
      </p>
      {token ? (
        <DecisionPanel subject={subject} submit={submit} onDecided={onDecided} />
      ) : (
        <p className="notice" data-testid="needs-link">
          {NEEDS_LINK}
        </p>
      )}
    </>
  );
}
