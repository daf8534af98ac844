// Under an approved or rejected alert: who decided it, when and with what comment, in the words the approval's
// own page uses. The alert itself carries only its status; the decision is on its approval.
import { APPROVAL_AUDIT_RETENTION_SECONDS } from "@stock-patterns/core/catalog";
import { useCallback } from "react";
import { closedApproval } from "../approvals/ApprovalDecision";
import { decisionOf } from "../approvals/approvalsApi";
import { type DecidedStatus, recordedDecision } from "../approvals/decisionWords";
import { keyOfRole, type UndecidingRole } from "../session/roleWords";
import { useSignedIn } from "../session/SessionContext";
import { useAuthGuard } from "../session/useAuthGuard";
import { ErrorNotice } from "../ui/ErrorNotice";
import { useLoad } from "../ui/useLoad";

/** The days an approval is kept after its close: past them, who decided is no longer known. */
const KEPT_DAYS = APPROVAL_AUDIT_RETENTION_SECONDS / 86_400;

/**
 * What a key that may not read approvals is told: the API lists them to approver keys only.
 * @example notShownTo("REJECTED", "reader") // "Rejected by an approver. Who, when and with what comment …"
 */
export function notShownTo(status: DecidedStatus, role: UndecidingRole): string {
  return `${recordedDecision(status, undefined, " by an approver")} Who, when and with what comment is shown to approver keys only; yours is ${keyOfRole(role)}.`;
}

/** The approver's view: the decision as recorded on the alert's approval. */
function RecordedDecision({ alertId, status }: { alertId: string; status: DecidedStatus }) {
  const { apiKey } = useSignedIn();
  const load = useCallback(
    (signal: AbortSignal) => decisionOf(apiKey, alertId, status, signal),
    [apiKey, alertId, status],
  );
  const { data: approval, error, loading, retry } = useLoad(load);
  useAuthGuard(error);
  if (error !== undefined && !loading)
    return (
      <>
        <p className="notice">
          This alert was {status.toLowerCase()}; who decided it could not be looked up.
        </p>
        <ErrorNotice error={error} onRetry={retry} />
      </>
    );
  if (loading)
    return <p className="notice">This alert was {status.toLowerCase()}; looking up who decided it…</p>;
  return (
    <p className="notice said" data-testid="alert-decided">
      {approval
        ? closedApproval(approval)
        : `${recordedDecision(status, undefined)} Who decided it is no longer kept: an approval is kept ${KEPT_DAYS} days after it closes.`}
    </p>
  );
}

/** The note for a decided alert, by role: approvers read the decision, other keys are told why they do not. */
export function DecidedNote({ alertId, status }: { alertId: string; status: DecidedStatus }) {
  const { role } = useSignedIn();
  if (role === "approver") return <RecordedDecision alertId={alertId} status={status} />;
  return (
    <p className="notice" data-testid="alert-decided">
      {notShownTo(status, role)}
    </p>
  );
}
