// The approver's start page: the approvals still waiting, oldest first (a hundred rows at a time), refreshed
// every few seconds; each refresh reads the rows shown, not every open approval.
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from "react";
import type { Approval } from "../api/types";
import { routeHash } from "../app/routes";
import { ANALYST_MAY, keyOfRole, type UndecidingRole } from "../session/roleWords";
import { useSignedIn } from "../session/SessionContext";
import { useAuthGuard } from "../session/useAuthGuard";
import { ErrorNotice } from "../ui/ErrorNotice";
import { usePolling } from "../ui/usePolling";
import { ApprovalRow } from "./ApprovalRow";
import { listPendingApprovals, MOST_READ } from "./approvalsApi";

/** How often the list is reloaded. */
export const REFRESH_MS = 5000;

/**
 * Rows the list shows at first, and more each time asked: the oldest, to be decided first. Each row's
 * countdown ticks every second, so 2,000 rows (all the list read) kept the tab's main thread busy. Each
 * refresh reads these rows' worth of approvals: reading every open one (20 requests of 100 with 2,051 open)
 * was 20 times the reads for the same page.
 */
export const PENDING_ROWS_SHOWN = 100;

/**
 * How many approvals wait, in words; `complete` false when more may wait than were read (the list reads the
 * oldest it shows, not every one).
 * @example pendingCount(2) // "2 approvals wait for a decision."
 * @example pendingCount(100, false) // "100 or more approvals wait for a decision."
 */
export function pendingCount(count: number, complete = true): string {
  if (!complete) return `${count} or more approvals wait for a decision.`;
  if (count === 0) return "Nothing waits for a decision.";
  return count === 1 ? "1 approval waits for a decision." : `${count} approvals wait for a decision.`;
}

/** What a key that may not decide is told here, by its role. */
const CANNOT_LIST: Record<UndecidingRole, string> = {
  reader: `Your key is ${keyOfRole("reader")}: it may read alerts and statistics, but not decide approvals.`,
  analyst: `Your key is ${keyOfRole("analyst")}: ${ANALYST_MAY}.`,
};

/**
 * This page's address opened with a key that may not list approvals (a link shared by an approver, a
 * bookmark): why it is refused, and where the alerts that wait for an approver are followed instead.
 */
function ReaderNote({ role }: { role: UndecidingRole }) {
  return (
    <section aria-labelledby="pending-heading">
      <h1 id="pending-heading">Pending approvals</h1>
      <p className="notice" data-testid="reader-notice">
        Only approver keys may list approvals. {CANNOT_LIST[role]} The{" "}
        <a href={routeHash({ page: "alerts", filters: { status: "PENDING_APPROVAL" } })}>
          alerts waiting for an approver
        </a>{" "}
        are in the alert history, with the <a href={routeHash({ page: "alerts", filters: {} })}>others</a>.
      </p>
    </section>
  );
}

/**
 * Where focus goes when a refresh takes away the row whose link had it (decided or expired elsewhere),
 * which left it on the page's body (a screen reader starts again from the top of the document): to the
 * row now in its place, the one after it; else the last row; else, the list gone, the list's heading.
 */
function useFocusKeptInList(approvals: readonly Approval[] | undefined) {
  const heading = useRef<HTMLHeadingElement>(null);
  const list = useRef<HTMLOListElement>(null);
  /** The ids of the rows as last shown, in order: a leaving row's cleanup runs before they change. */
  const shown = useRef<readonly string[]>([]);
  /** Where the focused row stood, if it has just left. */
  const left = useRef<number | undefined>(undefined);
  const onLeaveFocused = useCallback((id: string) => {
    left.current = shown.current.indexOf(id);
  }, []);
  useLayoutEffect(() => {
    shown.current = approvals?.map((approval) => approval.id) ?? [];
    const index = left.current;
    left.current = undefined;
    if (index === undefined) return;
    const links = list.current?.querySelectorAll<HTMLAnchorElement>("li > a") ?? [];
    (links[Math.min(index, links.length - 1)] ?? heading.current)?.focus();
  }, [approvals]);
  return { heading, list, onLeaveFocused };
}

function ApproverList() {
  const { apiKey } = useSignedIn();
  const [shown, setShown] = useState(PENDING_ROWS_SHOWN);
  const load = useCallback(
    (signal: AbortSignal) => listPendingApprovals(apiKey, signal, undefined, shown),
    [apiKey, shown],
  );
  const { data, error, loadedAt, refresh } = usePolling(load, REFRESH_MS);
  useAuthGuard(error);
  const rows = useMemo(() => data?.approvals.slice(0, shown), [data, shown]);
  const { heading, list, onLeaveFocused } = useFocusKeptInList(rows);
  // Read and not shown, or (the read stopped at the rows shown) maybe waiting beyond: up to what one read holds.
  const hidden = Math.max(
    (data?.approvals.length ?? 0) - shown,
    data?.complete === false ? Math.min(PENDING_ROWS_SHOWN, MOST_READ - shown) : 0,
  );
  // "Show more" hands focus to the first row it adds, so the keyboard goes on from where the list grew.
  const firstAdded = useRef<number | undefined>(undefined);
  useLayoutEffect(() => {
    const index = firstAdded.current;
    if (index === undefined || rows === undefined || rows.length <= index) return;
    firstAdded.current = undefined;
    list.current?.querySelectorAll<HTMLAnchorElement>("li > a")[index]?.focus();
  }, [rows, list]);
  return (
    <section aria-labelledby="pending-heading">
      <h1 id="pending-heading" ref={heading} tabIndex={-1}>
        Pending approvals
      </h1>
      <p className="hint" aria-live="off">
        Oldest first. Refreshed every {REFRESH_MS / 1000} s
        {loadedAt ? `; last at ${new Date(loadedAt).toISOString().slice(11, 19)} UTC` : ""}.{" "}
        <button type="button" className="link" onClick={refresh}>
          Refresh now
        </button>
      </p>
      {error !== undefined && <ErrorNotice error={error} onRetry={refresh} />}
      {/* Always in the page, so that a screen reader announces the count when a refresh changes it. */}
      <p role="status" data-testid="pending-count">
        {data && pendingCount(data.approvals.length, data.complete)}
      </p>
      {rows && rows.length > 0 && (
        <ol className="approvals" aria-label="Pending approvals, oldest first" ref={list}>
          {rows.map((approval) => (
            <ApprovalRow key={approval.id} approval={approval} onLeaveFocused={onLeaveFocused} />
          ))}
        </ol>
      )}
      {hidden > 0 && (
        <p className="hint">
          The oldest {rows?.length} are listed.{" "}
          <button
            type="button"
            className="link"
            onClick={() => {
              firstAdded.current = shown;
              setShown(shown + PENDING_ROWS_SHOWN);
            }}
          >
            Show {Math.min(hidden, PENDING_ROWS_SHOWN)} more
          </button>
        </p>
      )}
    </section>
  );
}

/** Pending approvals for approvers; a pointer to the history for the other keys. */
export function PendingApprovals() {
  const { role } = useSignedIn();
  return role === "approver" ? <ApproverList /> : <ReaderNote role={role} />;
}
