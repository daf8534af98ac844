// What an approval's address says when no pending approval has its id: how its approval ended, that no
// approval has such an id, or, when the address names no alert, that the console cannot tell which.
import type { ReactNode } from "react";
import { routeHash } from "../app/routes";
import { closedApproval } from "./ApprovalDecision";
import type { MissingApproval } from "./missingApproval";

/** The sentence for an id no approval has, or that the console cannot place, with the ways on. */
function noApproval(missing: Exclude<MissingApproval, { kind: "ended" }>, history: ReactNode): ReactNode {
  const pending = <a href={routeHash({ page: "approvals" })}>pending approvals</a>;
  switch (missing.kind) {
    case "notAnId":
      return (
        <>
          No approval has this id: an approval's id is 64 hexadecimal characters, and this address's is not
          (cut short or mistyped). See the {pending} or the {history}.
        </>
      );
    case "notOfAlert":
      return (
        <>
          No approval of this alert has this id: the address may have been mistyped or cut short. The{" "}
          <a href={routeHash({ page: "alert", alertId: missing.alertId })}>alert's page</a> links its approval
          while one waits; see also the {pending}.
        </>
      );
    case "notPending":
      return (
        <>
          No pending approval has this id: it was decided, it expired or it was replaced, or no approval ever
          had it (an address mistyped or cut short); an address that does not name its alert leaves the
          console no way to tell which. See the {pending} or the {history}.
        </>
      );
  }
}

/** `missing`, in a sentence; `back` is the alert history the alert was opened from. */
export function ApprovalMissing({ missing, back }: { missing: MissingApproval; back: string }) {
  const history = <a href={back}>alert history</a>;
  if (missing.kind !== "ended")
    return (
      <p role="status" data-testid="unknown-approval">
        {noApproval(missing, history)}
      </p>
    );
  const ended = closedApproval(missing.approval);
  return (
    <p role="status" className="said" data-testid="not-pending">
      This approval is no longer pending: {ended.charAt(0).toLowerCase()}
      {ended.slice(1)} See the {history}.
    </p>
  );
}
