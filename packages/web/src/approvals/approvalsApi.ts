// The approval calls: list what waits for a decision, and send a decision with an approve link's token.
import { callApi } from "../api/client";
import type { Approval, Decision, Page } from "../api/types";

/** Pages read at most for one refresh of the pending list (the list is short: approvals expire in an hour). */
const MAX_PAGES = 20;

/** Sorts approvals by when they were requested, oldest first. */
export function oldestFirst(approvals: readonly Approval[]): Approval[] {
  return [...approvals].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
}

/**
 * Every pending approval (all pages), oldest first.
 * @example (await listPendingApprovals("k-approver"))[0].expiresAt
 */
export async function listPendingApprovals(apiKey: string, signal?: AbortSignal): Promise<Approval[]> {
  const approvals: Approval[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await callApi<Page<Approval>>(
      "GET",
      "/approvals",
      { apiKey, signal },
      { query: { status: "PENDING", cursor } },
    );
    approvals.push(...result.items);
    cursor = result.cursor ?? undefined;
    if (!cursor) break;
  }
  return oldestFirst(approvals);
}

/**
 * Records a decision with the approval's one-time token; resolves on success, throws ApiError
 * (409 already decided differently, 410 expired, 403 no right, 404 unknown token).
 * @example await sendDecision("k-approver", token, "approve", "volume confirms it")
 */
export async function sendDecision(
  apiKey: string,
  token: string,
  decision: Decision,
  comment: string,
): Promise<void> {
  await callApi(
    "POST",
    `/approve/${encodeURIComponent(token)}`,
    { apiKey },
    {
      body: comment ? { decision, comment } : { decision },
    },
  );
}
