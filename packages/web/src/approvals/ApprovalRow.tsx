// One pending approval in the list: what it is, when it was requested, how long it has left.
import { useLayoutEffect, useRef } from "react";
import type { Approval } from "../api/types";
import { routeHash } from "../app/routes";
import { SeverityBadge } from "../ui/Badge";
import { formatTime } from "../ui/format";
import { TimeLeft } from "../ui/TimeLeft";

/**
 * A list item linking to the approval's page. `onLeaveFocused` is told the approval's id when the row
 * leaves the page while its link has focus (a layout effect's cleanup runs while the link is still there).
 */
export function ApprovalRow({
  approval,
  onLeaveFocused,
}: {
  approval: Approval;
  onLeaveFocused: (id: string) => void;
}) {
  const link = useRef<HTMLAnchorElement>(null);
  useLayoutEffect(() => {
    const element = link.current;
    return () => {
      if (element !== null && document.activeElement === element) onLeaveFocused(approval.id);
    };
  }, [approval.id, onLeaveFocused]);
  return (
    <li className="approval-row" data-alert-id={approval.alertId}>
      <a ref={link} href={routeHash({ page: "approval", tokenHash: approval.id, alertId: approval.alertId })}>
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
