// One pending approval in the list: what it is, when it was requested, how long it has left.
import type { Approval } from "../api/types";
import { routeHash } from "../app/routes";
import { SeverityBadge } from "../ui/Badge";
import { formatTime } from "../ui/format";
import { TimeLeft } from "../ui/TimeLeft";

/** A list item linking to the approval's page. */
export function ApprovalRow({ approval }: { approval: Approval }) {
  return (
    <li className="approval-row" data-alert-id={approval.alertId}>
      <a href={routeHash({ page: "approval", tokenHash: approval.id })}>
        {approval.symbol} ({approval.interval}): {approval.summary}
      </a>
      <div className="row-facts">
        <SeverityBadge severity={approval.severity} />
        <span>requested {formatTime(approval.createdAt)}</span>
        <TimeLeft expiresAt={approval.expiresAt} />
      </div>
    </li>
  );
}
