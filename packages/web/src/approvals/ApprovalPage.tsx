// The page of one approval (#/approvals/{token}): the alert, its chart, time left, and the decision.
import { useCallback, useState } from "react";
import { AlertView } from "../alerts/AlertView";
import { getAlert } from "../alerts/alertsApi";
import { READER_CANNOT_DECIDE } from "../alerts/PendingNote";
import type { Approval } from "../api/types";
import { routeHash } from "../app/routes";
import { useSignedIn } from "../session/SessionContext";
import { useAuthGuard } from "../session/useAuthGuard";
import { ErrorNotice } from "../ui/ErrorNotice";
import { TimeLeft } from "../ui/TimeLeft";
import { useLoad } from "../ui/useLoad";
import { listPendingApprovals, sendDecision } from "./approvalsApi";
import { DecisionPanel } from "./DecisionPanel";

const BACK = { page: "approvals" } as const;

function DecisionArea({ approval }: { approval: Approval }) {
  const { apiKey } = useSignedIn();
  const [version, setVersion] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` reloads the alert after a decision.
  const load = useCallback(
    (signal: AbortSignal) => getAlert(apiKey, approval.alertId, signal),
    [apiKey, approval.alertId, version],
  );
  const { data: alert, error } = useLoad(load);
  useAuthGuard(error);
  const submit = useCallback(
    (decision: "approve" | "reject", comment: string) =>
      sendDecision(apiKey, approval.token, decision, comment),
    [apiKey, approval.token],
  );

  if (error) return <ErrorNotice error={error} />;
  if (!alert) return <p aria-busy="true">Loading the alert…</p>;
  return (
    <AlertView alert={alert}>
      <p className="expiry">
        Expires: <TimeLeft expiresAt={approval.expiresAt} />
      </p>
      <DecisionPanel
        subject={`the ${alert.pattern} alert on ${alert.symbol}`}
        submit={submit}
        onDecided={() => setVersion((value) => value + 1)}
      />
    </AlertView>
  );
}

function ApproverApproval({ token }: { token: string }) {
  const { apiKey } = useSignedIn();
  const load = useCallback((signal: AbortSignal) => listPendingApprovals(apiKey, signal), [apiKey]);
  const { data, error } = useLoad(load);
  useAuthGuard(error);
  if (error) return <ErrorNotice error={error} />;
  if (!data) return <p aria-busy="true">Loading the approval…</p>;
  const approval = data.find((item) => item.token === token);
  if (!approval) {
    return (
      <p role="status">
        This approval is no longer pending: it was decided or it expired. See the{" "}
        <a href={routeHash({ page: "alerts", filters: {} })}>alert history</a>.
      </p>
    );
  }
  return <DecisionArea approval={approval} />;
}

/** Loads the approval and its alert; readers are told they cannot decide. */
export function ApprovalPage({ token }: { token: string }) {
  const { role } = useSignedIn();
  return (
    <>
      <p>
        <a href={routeHash(BACK)}>← Pending approvals</a>
      </p>
      {role === "approver" ? (
        <ApproverApproval token={token} />
      ) : (
        <p className="notice" data-testid="reader-notice">
          {READER_CANNOT_DECIDE}
        </p>
      )}
    </>
  );
}
