// Under a pending alert: approvers get a link to its approval, other keys learn that only approvers decide.
import { EVENT_SOURCES, SWEEP_GRACE_SECONDS } from "@stock-patterns/core/catalog";
import { useCallback } from "react";
import { routeHash } from "../app/routes";
import { pendingApprovalsOf } from "../approvals/approvalsApi";
import { ANALYST_MAY, keyOfRole, type UndecidingRole } from "../session/roleWords";
import { useSignedIn } from "../session/SessionContext";
import { useAuthGuard } from "../session/useAuthGuard";
import { ErrorNotice } from "../ui/ErrorNotice";
import { formatTime } from "../ui/format";
import { useLoad } from "../ui/useLoad";
import { opensHere, rememberHistoryPage } from "./historyReturn";

/** How often the sweep that closes an expired approval's alert runs (the ThresholdChecker's schedule). */
const SWEEP_MINUTES = EVENT_SOURCES.ThresholdChecker.scheduleMinutes;
/** How long past its expiry the sweep leaves an approval to its own expiry message first. */
const GRACE_MINUTES = SWEEP_GRACE_SECONDS / 60;

/**
 * The latest an expired approval's alert is closed: the grace after its expiry, then a schedule period
 * (docs/reliability.md). "Within 5 minutes", the period alone, read wrong once a crash left it to the sweep.
 */
const closedBy = (expiresAt: string) =>
  new Date(Date.parse(expiresAt) + (GRACE_MINUTES + SWEEP_MINUTES) * 60_000).toISOString();

/** What a key that may not decide is told wherever a decision would be, by its role. */
export const CANNOT_DECIDE: Record<UndecidingRole, string> = {
  reader:
    "This alert waits for an approver. Your key is a reader key: you can see alerts but not decide on them.",
  analyst: `This alert waits for an approver. Your key is ${keyOfRole("analyst")}: ${ANALYST_MAY}.`,
};

/** `history`: the history page the alert's page leads back to; its approval's page, opened here, does too. */
function ApproverLink({ alertId, history }: { alertId: string; history: string }) {
  const { apiKey } = useSignedIn();
  const load = useCallback(
    (signal: AbortSignal) => pendingApprovalsOf(apiKey, alertId, signal),
    [apiKey, alertId],
  );
  const { data, error, loading, retry } = useLoad(load);
  useAuthGuard(error);
  // A failed look-up is said as one: "waits for an approver" alone read as if there were nothing to open.
  if (!data && error !== undefined && !loading)
    return (
      <>
        <p className="notice" data-testid="approval-lookup-failed">
          This alert waits for a decision; its approval could not be looked up.
        </p>
        <ErrorNotice error={error} onRetry={retry} />
      </>
    );
  if (!data) return <p className="notice">This alert waits for a decision; looking up its approval…</p>;
  const approval = data?.approvals.find((item) => item.alertId === alertId);
  const lapsed = data?.expired.find((item) => item.alertId === alertId);
  if (!approval && lapsed) {
    return (
      <p className="notice" data-testid="approval-lapsed">
        Its approval expired at {formatTime(lapsed.expiresAt)} without a decision; nothing was sent. The alert
        is closed by {formatTime(closedBy(lapsed.expiresAt))} at the latest (its expiry message, or the sweep
        after a {GRACE_MINUTES}-minute grace, every {SWEEP_MINUTES} minutes).
      </p>
    );
  }
  if (!approval) return <p className="notice">This alert waits for an approver.</p>;
  return (
    <p className="notice">
      This alert waits for a decision:{" "}
      <a
        href={routeHash({ page: "approval", tokenHash: approval.id, alertId })}
        onClick={(event) => opensHere(event) && rememberHistoryPage(alertId, history)}
      >
        open its approval
      </a>
      .
    </p>
  );
}

/** The note for a pending alert, by role; `history` is where the alert's page leads back to the history. */
export function PendingNote({ alertId, history }: { alertId: string; history: string }) {
  const { role } = useSignedIn();
  if (role === "approver") return <ApproverLink alertId={alertId} history={history} />;
  return (
    <p className="notice" data-testid="reader-notice">
      {CANNOT_DECIDE[role]}
    </p>
  );
}
