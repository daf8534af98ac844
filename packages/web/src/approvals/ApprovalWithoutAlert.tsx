// An approval whose alert the API no longer has: what the approval itself kept, and why the alert is gone.
import type { Approval } from "../api/types";
import { pageName } from "../app/routes";
import { SeverityBadge } from "../ui/Badge";
import { formatTime } from "../ui/format";
import { closedApproval } from "./ApprovalDecision";

/**
 * The page of an approval whose alert answered 404. On a stage that keeps records for a retention, an alert
 * that waited on an approver is kept at least as long as its approvals (400 days from the write that
 * finished it), and the API serves no approval past its own keep, so the app's own writes leave none such:
 * the alert was removed some other way. The approval's own record (who decided, when, the comment, what the
 * alert said) is shown, with no decision to make. `back` is the history page to point to.
 */
export function ApprovalWithoutAlert({ approval, back }: { approval: Approval; back: string }) {
  const open = approval.status === "PENDING" && !approval.expired;
  const history = <a href={back}>alert history</a>;
  return (
    <>
      <h1>{pageName("approval")}</h1>
      <p role="status" data-testid="alert-gone">
        The API no longer has the alert of this approval ({approval.alertId}).{" "}
        {open ? (
          <>
            An alert waiting on its approval is never deleted, so this one is missing for another reason, and
            without it the approval cannot be decided here. What the approval kept is below; see the {history}
            .
          </>
        ) : (
          <>
            Alerts are deleted some time after their retention, but one that waited on an approver is kept at
            least as long as its approvals (400 days for the audit), and this approval is still kept, so its
            alert was removed some other way. What the approval kept is below; see the {history} for the
            alerts still kept.
          </>
        )}
      </p>
      <dl className="approval-record">
        <dt>Alert</dt>
        <dd>
          {approval.symbol} ({approval.interval}): {approval.summary}{" "}
          <SeverityBadge severity={approval.severity} />
        </dd>
        <dt>Requested</dt>
        <dd>{formatTime(approval.createdAt)}</dd>
        <dt>Outcome</dt>
        <dd className="said">
          {open
            ? `Waiting for a decision until ${formatTime(approval.expiresAt)}.`
            : closedApproval(approval)}
        </dd>
      </dl>
    </>
  );
}
