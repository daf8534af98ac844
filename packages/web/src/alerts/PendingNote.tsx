// Under a pending alert: approvers get a link to its approval, readers learn that only approvers decide.
import { useCallback } from "react";
import { routeHash } from "../app/routes";
import { listPendingApprovals } from "../approvals/approvalsApi";
import { useSignedIn } from "../session/SessionContext";
import { useLoad } from "../ui/useLoad";

/** What a reader is told wherever a decision would be. */
export const READER_CANNOT_DECIDE =
  "This alert waits for an approver. Your key is a reader key: you can see alerts but not decide on them.";

function ApproverLink({ alertId }: { alertId: string }) {
  const { apiKey } = useSignedIn();
  const load = useCallback((signal: AbortSignal) => listPendingApprovals(apiKey, signal), [apiKey]);
  const { data } = useLoad(load);
  const approval = data?.approvals.find((item) => item.alertId === alertId);
  if (!approval) return <p className="notice">This alert waits for an approver.</p>;
  return (
    <p className="notice">
      This alert waits for a decision:{" "}
      <a href={routeHash({ page: "approval", tokenHash: approval.id })}>open its approval</a>.
    </p>
  );
}

/** The note for a pending alert, by role. */
export function PendingNote({ alertId }: { alertId: string }) {
  const { role } = useSignedIn();
  if (role === "approver") return <ApproverLink alertId={alertId} />;
  return (
    <p className="notice" data-testid="reader-notice">
      {READER_CANNOT_DECIDE}
    </p>
  );
}
