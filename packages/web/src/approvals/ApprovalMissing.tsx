// What an approval's address says when it shows no approval to decide: how its approval ended, or that the
// API knows no approval with its id.
import type { ReactNode } from "react";
import type { Approval } from "../api/types";
import { routeHash } from "../app/routes";
import { closedApproval } from "./ApprovalDecision";

/** Why an approval's address (its id, without its link's token) shows no approval to decide. */
export type MissingApproval =
  /** The approval with this id, closed before this page showed it (decided, expired or replaced). */
  | { kind: "ended"; approval: Approval }
  /** The address's id is not of an approval id's form (cut short, mistyped): no approval has it. */
  | { kind: "notAnId" }
  /** The API knows no approval with this id: never issued (a mistyped address), or past its keep. */
  | { kind: "unknown" };

/** The sentence for an id no approval has, with the ways on. */
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
    case "unknown":
      return (
        <>
          No approval has this id: the address may have been mistyped, or the approval ended long enough ago
          to be removed. See the {pending} or the {history}.
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
  // Its alert's page shows what followed (its status, the outcome), which this sentence does not.
  const alert = <a href={routeHash({ page: "alert", alertId: missing.approval.alertId })}>its alert</a>;
  return (
    <p role="status" className="said" data-testid="not-pending">
      This approval is no longer pending: {ended.charAt(0).toLowerCase()}
      {ended.slice(1)} See {alert} or the {history}.
    </p>
  );
}
