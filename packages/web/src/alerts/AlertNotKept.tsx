// An alert the API answers 404 for: why it may be gone, and where the alerts still kept are.
import { APPROVAL_AUDIT_RETENTION_SECONDS } from "@stock-patterns/core/catalog";
import { ApiError } from "../api/problem";
import { routeHash } from "../app/routes";

/** Whether loading an alert failed because the API has no such alert (404): trying again cannot help. */
export function alertGone(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

/**
 * The sentence for an alert the API answers 404 for. The console cannot tell the two reasons apart (the
 * API answers the same for both, and the console is not told the stage's retention): on a stage that keeps
 * records for a retention, a finished alert is gone once it has passed (also before DynamoDB deletes it);
 * or the id never named an alert. `wasShown`: the page showed the alert until a refresh answered 404, so
 * only the retention is left. A role="status", not an alert: nothing failed that a retry would mend.
 *
 * @example
 * <AlertNotKept alertId="alr_9f2c…" />
 */
export function AlertNotKept({ alertId, wasShown = false }: { alertId: string; wasShown?: boolean }) {
  return (
    <p role="status" data-testid="alert-not-kept">
      {wasShown
        ? `The API no longer has alert ${alertId}, shown here until now.`
        : `The API has no alert ${alertId}.`}{" "}
      On a stage that keeps records for a retention, an alert is gone once that retention has passed since it
      was finished (rejected, expired, or out with nothing left to tell; one that waited on an approver only
      after its approvals' {APPROVAL_AUDIT_RETENTION_SECONDS / 86_400} days)
      {wasShown ? "" : ", or this id never named an alert"}. See the{" "}
      <a href={routeHash({ page: "alerts", filters: {} })}>alert history</a> for the alerts still kept.
    </p>
  );
}
