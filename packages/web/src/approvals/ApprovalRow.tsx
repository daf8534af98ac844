// One pending approval in the list: what it is, how long ago it came, how long it has left.

import { patternTitle } from "../alerts/AlertFacts";
import type { Approval } from "../api/types";
import { routeHash } from "../app/routes";
import { SeverityBadge } from "../ui/Badge";
import { formatConfidence, formatTime } from "../ui/format";
import { TimeLeft } from "../ui/TimeLeft";

/** A list item linking to the approval's page. */
export function ApprovalRow({ approval }: { approval: Approval }) {
  const alert = approval.alert;
  const title = alert ? `${alert.symbol} · ${patternTitle(alert)}` : `Alert ${approval.alertId}`;
  return (
    <li className="approval-row" data-alert-id={approval.alertId}>
      <a href={routeHash({ page: "approval", token: approval.token })}>{title}</a>
      <div className="row-facts">
        {alert && <SeverityBadge severity={alert.severity} />}
        {alert && <span>{formatConfidence(alert.confidence)} confidence</span>}
        <span>requested {formatTime(approval.createdAt)}</span>
        <TimeLeft expiresAt={approval.expiresAt} />
      </div>
    </li>
  );
}
