// The approval calls: list what waits for a decision, look one up by its link's token or its id, and decide it.
import { callApi } from "../api/client";
import { ApiError } from "../api/problem";
import type { Approval, Decision, DecisionAnswer, Page } from "../api/types";
import type { DecidedStatus } from "./decisionWords";

/** Pages read at most for one refresh of the pending list (the list is short: approvals expire in an hour). */
const MAX_PAGES = 20;

/** Approvals a page of GET /approvals holds (the API's largest `limit`). */
const PAGE_SIZE = 100;

/** The most pending approvals one read holds: MAX_PAGES pages. */
export const MOST_READ = MAX_PAGES * PAGE_SIZE;

/** Sorts approvals by when they were requested, oldest first. */
export function oldestFirst(approvals: readonly Approval[]): Approval[] {
  return [...approvals].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
}

/** The pending approvals as read: every one, or the oldest when pages were left unread. */
export interface PendingApprovals {
  /** Oldest first. */
  approvals: Approval[];
  /** Past their expiry, still PENDING until the sweep closes them: no longer waiting for a decision. */
  expired: Approval[];
  /** False when pages were left unread: more approvals may wait than `approvals` holds. */
  complete: boolean;
}

/**
 * The pending approvals that can still be decided, oldest first, and whether that is all of them: read until
 * `wanted` of them are in hand (the oldest: the API lists open approvals soonest deadline first, and each
 * waits the same hour, so in the order they were requested), or no page is left, or MAX_PAGES pages of 100.
 * The API lists an approval past its expiry as PENDING (marked `expired`) until it is closed, and those lead
 * the list (thousands at 1-second bars when their closing lags): asked with `decidable`, it leaves them out,
 * so the pages read hold the approvals that wait for a decision, however many lapsed ones lead.
 * @example (await listPendingApprovals("k-approver", signal, undefined, 100)).approvals[0].expiresAt
 */
export function listPendingApprovals(
  apiKey: string,
  signal?: AbortSignal,
  baseUrl?: string,
  wanted = Number.POSITIVE_INFINITY,
): Promise<PendingApprovals> {
  return readPending(apiKey, { decidable: "true" }, signal, baseUrl, wanted);
}

/**
 * The pending approvals of one alert (normally one: a newer request supersedes the one before), split into
 * those that can still be decided and those past their expiry (its page says when one lapsed), read from the
 * API's index of each alert's approvals (one request, as a rule), so an alert's page finds its approval
 * however many others wait.
 * @example (await pendingApprovalsOf("k-approver", "alr_…")).approvals[0]?.id
 */
export function pendingApprovalsOf(
  apiKey: string,
  alertId: string,
  signal?: AbortSignal,
): Promise<PendingApprovals> {
  return readPending(apiKey, { alertId }, signal);
}

/**
 * GET /approvals?status=PENDING (and `narrowed`), 100 a page, until no cursor, `wanted` decidable ones or
 * MAX_PAGES pages.
 */
async function readPending(
  apiKey: string,
  narrowed: { alertId?: string; decidable?: "true" },
  signal?: AbortSignal,
  baseUrl?: string,
  wanted = Number.POSITIVE_INFINITY,
): Promise<PendingApprovals> {
  const approvals: Approval[] = [];
  const expired: Approval[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await callApi<Page<Approval>>(
      "GET",
      "/approvals",
      { apiKey, signal, baseUrl },
      { query: { status: "PENDING", ...narrowed, limit: PAGE_SIZE, cursor } },
    );
    for (const approval of result.items) (approval.expired ? expired : approvals).push(approval);
    cursor = result.cursor ?? undefined;
    if (!cursor) return { approvals: oldestFirst(approvals), expired, complete: true };
    if (approvals.length >= wanted) break;
  }
  return { approvals: oldestFirst(approvals), expired, complete: false };
}

/**
 * The approval that decided an alert (the alert's status, APPROVED or REJECTED, is the decision's), read from
 * the API's index of each alert's approvals (one request, as a rule: one decision closes an alert's approval,
 * and its other requests were SUPERSEDED); undefined when none is kept (an approval is kept 400 days after
 * its close, its alert may be kept longer).
 * @example (await decisionOf("k-approver", "alr_…", "REJECTED"))?.comment // "volume does not confirm"
 */
export async function decisionOf(
  apiKey: string,
  alertId: string,
  status: DecidedStatus,
  signal?: AbortSignal,
): Promise<Approval | undefined> {
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await callApi<Page<Approval>>(
      "GET",
      "/approvals",
      { apiKey, signal },
      { query: { status, alertId, limit: PAGE_SIZE, cursor } },
    );
    const decided = result.items.find((approval) => approval.alertId === alertId);
    cursor = result.cursor ?? undefined;
    if (decided || !cursor) return decided;
  }
  return undefined;
}

/**
 * The approval an approve link's token belongs to, whatever its status (GET /approvals/{token}).
 * @example (await getApprovalByToken("k-approver", token)).status // "PENDING"
 */
export async function getApprovalByToken(
  apiKey: string,
  token: string,
  signal?: AbortSignal,
): Promise<Approval> {
  return callApi<Approval>("GET", `/approvals/${encodeURIComponent(token)}`, { apiKey, signal });
}

/**
 * The approval with this id (as the list shows it), whatever its status (GET /approvals/{id}/decision), or
 * undefined when the API knows none: never issued, or past its keep.
 * @example (await getApprovalById("k-approver", id))?.decidedBy // "alice"
 */
export async function getApprovalById(
  apiKey: string,
  id: string,
  signal?: AbortSignal,
  baseUrl?: string,
): Promise<Approval | undefined> {
  try {
    return await callApi<Approval>("GET", `/approvals/${encodeURIComponent(id)}/decision`, {
      apiKey,
      signal,
      baseUrl,
    });
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

/** Which approval a decision is for: its id, and the link's one-time token when the approver opened the link. */
export interface DecisionTarget {
  id: string;
  token?: string;
}

/**
 * Where a decision goes: POST /approve/{token} for an approval opened through its link, else
 * POST /approvals/{id}/decision (same body, same answers).
 * @example decisionPath({ id: "ab12…" }) // "/approvals/ab12…/decision"
 */
export function decisionPath(target: DecisionTarget): string {
  return target.token
    ? `/approve/${encodeURIComponent(target.token)}`
    : `/approvals/${encodeURIComponent(target.id)}/decision`;
}

/**
 * Records a decision. Resolves with the API's answer ("decided", or "repeated" when the same decision was
 * already recorded, with `commentNotRecorded` when its comment differs from the recorded one); throws ApiError (409 decided differently, 410 expired or replaced, 403 no right,
 * 404 unknown approval).
 * @example await sendDecision("k-approver", { id, token }, "approve", "volume confirms it")
 */
export async function sendDecision(
  apiKey: string,
  target: DecisionTarget,
  decision: Decision,
  comment: string,
): Promise<DecisionAnswer> {
  const body = comment ? { decision, comment } : { decision };
  return callApi<DecisionAnswer>("POST", decisionPath(target), { apiKey }, { body });
}
