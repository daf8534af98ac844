// The page of one approval (#/approvals/{tokenHash}): the alert, its chart, time left, and the decision.
import { useCallback, useState } from "react";
import { alertTitle } from "../alerts/AlertFacts";
import { AlertView } from "../alerts/AlertView";
import { loadAlertDetail } from "../alerts/alertDetail";
import { READER_CANNOT_DECIDE } from "../alerts/PendingNote";
import type { Approval } from "../api/types";
import { routeHash } from "../app/routes";
import { useSignedIn } from "../session/SessionContext";
import { useAuthGuard } from "../session/useAuthGuard";
import { ErrorNotice } from "../ui/ErrorNotice";
import { useLoad } from "../ui/useLoad";
import { ApprovalDecision } from "./ApprovalDecision";
import { listPendingApprovals } from "./approvalsApi";

function ApprovalAlert({ approval }: { approval: Approval }) {
  const { apiKey } = useSignedIn();
  const [version, setVersion] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` reloads the alert after a decision.
  const load = useCallback(
    (signal: AbortSignal) => loadAlertDetail(apiKey, approval.alertId, signal),
    [apiKey, approval.alertId, version],
  );
  const { data: detail, error } = useLoad(load);
  useAuthGuard(error);
  const reload = useCallback(() => setVersion((value) => value + 1), []);

  if (error) return <ErrorNotice error={error} />;
  if (!detail) return <p aria-busy="true">Loading the alert…</p>;
  const subject = `the ${alertTitle(detail.alert)} alert on ${detail.alert.symbol}`;
  return (
    <AlertView detail={detail}>
      <ApprovalDecision approval={approval} subject={subject} onDecided={reload} />
    </AlertView>
  );
}

function PendingApproval({ tokenHash }: { tokenHash: string }) {
  const { apiKey } = useSignedIn();
  const load = useCallback((signal: AbortSignal) => listPendingApprovals(apiKey, signal), [apiKey]);
  const { data, error } = useLoad(load);
  useAuthGuard(error);
  if (error) return <ErrorNotice error={error} />;
  if (!data) return <p aria-busy="true">Loading the approval…</p>;
  const approval = data.find((item) => item.tokenHash === tokenHash);
  if (!approval) {
    return (
      <p role="status" data-testid="not-pending">
        This approval is no longer pending: it was decided, it expired, or the link was replaced. See the{" "}
        <a href={routeHash({ page: "alerts", filters: {} })}>alert history</a>.
      </p>
    );
  }
  return <ApprovalAlert approval={approval} />;
}

/** Loads the approval and its alert; readers are told they cannot decide. */
export function ApprovalPage({ tokenHash }: { tokenHash: string }) {
  const { role } = useSignedIn();
  return (
    <>
      <p>
        <a href={routeHash({ page: "approvals" })}>← Pending approvals</a>
      </p>
      {role === "approver" ? (
        <PendingApproval tokenHash={tokenHash} />
      ) : (
        <p className="notice" data-testid="reader-notice">
          {READER_CANNOT_DECIDE}
        </p>
      )}
    </>
  );
}
