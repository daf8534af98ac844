// The page of one approval (#/approvals/{tokenHash}[?alertId=], the alert naming the history page it was
// opened from): the alert, its chart, time left, and the decision.
import { APPROVAL_ID } from "@stock-patterns/core/vocabulary";
import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { alertTitle } from "../alerts/AlertFacts";
import { alertGone } from "../alerts/AlertNotKept";
import { AlertView } from "../alerts/AlertView";
import { useHistoryReturn } from "../alerts/historyReturn";
import { LIVE_REFRESH_MS, useAlertDetail } from "../alerts/useAlertDetail";
import { ApiError } from "../api/problem";
import type { Approval } from "../api/types";
import { pageName, routeHash } from "../app/routes";
import { ANALYST_MAY, keyOfRole, type UndecidingRole } from "../session/roleWords";
import { useSignedIn } from "../session/SessionContext";
import { useAuthGuard } from "../session/useAuthGuard";
import { ErrorNotice } from "../ui/ErrorNotice";
import { usePolling } from "../ui/usePolling";
import { ApprovalDecision } from "./ApprovalDecision";
import { ApprovalMissing, type MissingApproval } from "./ApprovalMissing";
import { ApprovalWithoutAlert } from "./ApprovalWithoutAlert";
import { getApprovalById, getApprovalByToken } from "./approvalsApi";
import { knownToken } from "./approveLink";

/**
 * The page's level-one heading while no alert heads it with its own name (not loaded, not known, not shown
 * to this key): a screen reader's "next heading" finds the page's start.
 */
function PageHeading() {
  return <h1>{pageName("approval")}</h1>;
}

/**
 * What a key that may not decide is told on an approval's page (the API shows approvals to approver keys
 * only); `back` is the history page the alert was opened from, else page 1, as on every notice here.
 */
function ReaderNotice({ role, back }: { role: UndecidingRole; back: string }) {
  const history = <a href={back}>alert history</a>;
  const told: Record<UndecidingRole, ReactNode> = {
    reader: <>Yours is a reader key: you can follow the alert in the {history}, but not decide on it.</>,
    analyst: (
      <>
        Yours is {keyOfRole("analyst")}: {ANALYST_MAY}. You can follow the alert in the {history}.
      </>
    ),
  };
  return (
    <>
      <PageHeading />
      <p className="notice" data-testid="reader-notice">
        Approvals are decided with approver keys. {told[role]}
      </p>
    </>
  );
}

/**
 * Whether the API knows no approval for a link's token: 404, or 400 on the token itself (a link cut short).
 * Approvals are deleted some time after they expire, so an old link ends here too.
 */
function unknownLink(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return error.status === 404 || (error.status === 400 && error.fields.some((f) => f.path === "path.token"));
}

/** What an approver is told when the API knows no approval for the link they opened. */
function UnknownLink({ back }: { back: string }) {
  return (
    <>
      <PageHeading />
      <p role="status" data-testid="unknown-link">
        The API knows no approval for this link: it may have been cut short or mistyped (open it again from
        the notification), or the approval ended long enough ago to be removed. See the{" "}
        <a href={routeHash({ page: "approvals" })}>pending approvals</a> or the{" "}
        <a href={back}>alert history</a>.
      </p>
    </>
  );
}

/** What the page read: the approval, or why its address shows none. */
type ApprovalReading = { approval: Approval } | { missing: MissingApproval };

/** Where an approval stands: waiting, or closed with a status (one past its hour counts as expired). */
function standing(approval: Approval): string {
  return approval.expired ? "EXPIRED" : approval.status;
}

function ApprovalAlert({
  approval,
  token,
  refreshApproval,
  back,
}: {
  approval: Approval;
  token?: string;
  refreshApproval: () => void;
  back: string;
}) {
  // Refreshed after a decision, and while the detection's outcome is open.
  const { data: detail, error, refresh: reload } = useAlertDetail(approval.alertId);
  useAuthGuard(error);
  const alertStatus = detail?.alert.status;
  const now = standing(approval);
  // The alert's own refresh may see a decision made elsewhere first: read the approval again for who made it.
  useEffect(() => {
    if (now === "PENDING" && alertStatus !== undefined && alertStatus !== "PENDING_APPROVAL")
      refreshApproval();
  }, [now, alertStatus, refreshApproval]);
  // And the other way: once the approval is closed, the alert's status follows without waiting for a click.
  const shown = useRef(now);
  useEffect(() => {
    if (shown.current === now) return;
    shown.current = now;
    reload();
  }, [now, reload]);

  if (!detail && alertGone(error)) return <ApprovalWithoutAlert approval={approval} back={back} />;
  if (!detail)
    return (
      <>
        <PageHeading />
        {error ? <ErrorNotice error={error} onRetry={reload} /> : <p aria-busy="true">Loading the alert…</p>}
      </>
    );
  const subject = `the ${alertTitle(detail.alert)} alert on ${detail.alert.symbol}`;
  return (
    <>
      {error !== undefined && <ErrorNotice error={error} onRetry={reload} />}
      <AlertView detail={detail}>
        <ApprovalDecision approval={approval} token={token} subject={subject} onDecided={reload} />
      </AlertView>
    </>
  );
}

/**
 * Reads the approval in any status: by its link's token when this page has it, else by its id (one read,
 * however many wait); undefined when the API knows no approval with the id.
 */
function findApproval(
  apiKey: string,
  tokenHash: string,
  token: string | undefined,
  signal: AbortSignal,
): Promise<Approval | undefined> {
  return token ? getApprovalByToken(apiKey, token, signal) : getApprovalById(apiKey, tokenHash, signal);
}

function ApproverApproval({ tokenHash, back }: { tokenHash: string; back: string }) {
  const { apiKey } = useSignedIn();
  const token = knownToken(tokenHash);
  // The id of the approval this page last showed waiting: once it closes, the page says so in place.
  const seenWaiting = useRef<string | undefined>(undefined);
  const load = useCallback(
    async (signal: AbortSignal): Promise<ApprovalReading> => {
      // An address cut short or mistyped names no approval: no request can find one.
      if (!token && !APPROVAL_ID.test(tokenHash)) return { missing: { kind: "notAnId" } };
      const approval = await findApproval(apiKey, tokenHash, token, signal);
      if (!approval) return { missing: { kind: "unknown" } };
      if (standing(approval) === "PENDING") seenWaiting.current = approval.id;
      // Opened by its id (from the list or an alert's page) after it closed: how it ended, in a sentence
      // with the way back. Opened by its link, or closed while the page showed it: with its alert.
      if (!token && standing(approval) !== "PENDING" && seenWaiting.current !== approval.id)
        return { missing: { kind: "ended", approval } };
      return { approval };
    },
    [apiKey, tokenHash, token],
  );
  // Read again at the alert's cadence while it waits (and on coming back to the tab), so that a decision made
  // elsewhere (another tab, another approver, the API) replaces the buttons without a click.
  const [waiting, setWaiting] = useState(false);
  const { data: seen, error, loading, refresh } = usePolling(load, waiting ? LIVE_REFRESH_MS : undefined);
  useAuthGuard(error);
  const stillWaiting = seen !== undefined && "approval" in seen && standing(seen.approval) === "PENDING";
  useEffect(() => setWaiting(stillWaiting), [stillWaiting]);
  if (!seen) {
    if (token && unknownLink(error)) return <UnknownLink back={back} />;
    if (error)
      return (
        <>
          <PageHeading />
          <ErrorNotice error={error} onRetry={refresh} />
        </>
      );
    return (
      <>
        <PageHeading />
        <p aria-busy={loading}>Loading the approval…</p>
      </>
    );
  }
  if ("missing" in seen)
    return (
      <>
        <PageHeading />
        {error !== undefined && <ErrorNotice error={error} onRetry={refresh} />}
        <ApprovalMissing missing={seen.missing} back={back} />
      </>
    );
  return (
    <>
      {error !== undefined && <ErrorNotice error={error} onRetry={refresh} />}
      <ApprovalAlert approval={seen.approval} token={token} refreshApproval={refresh} back={back} />
    </>
  );
}

/**
 * Loads the approval and its alert; readers are told they cannot decide. The way back is to a page the key
 * can use: the pending approvals for an approver, the alert history for the others (the API lists approvals
 * to approver keys only, so their "Pending approvals" page only says so). Every link to the history leads to
 * the history page the alert was opened from, when the approval was opened from that alert's page.
 */
export function ApprovalPage({ tokenHash, alertId }: { tokenHash: string; alertId?: string }) {
  const { role } = useSignedIn();
  // The API lists ids in lower case and takes either: an id written in capitals is the same approval.
  const id = tokenHash.toLowerCase();
  const back = useHistoryReturn(alertId);
  return (
    <>
      <p>
        {role === "approver" ? (
          <a href={routeHash({ page: "approvals" })}>← Pending approvals</a>
        ) : (
          <a href={back}>← Alert history</a>
        )}
      </p>
      {role === "approver" ? (
        <ApproverApproval tokenHash={id} back={back} />
      ) : (
        <ReaderNotice role={role} back={back} />
      )}
    </>
  );
}
