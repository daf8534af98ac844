// The approval calls: list what waits for a decision, and send a decision.
import { callApi } from "../api/client";
import type { Approval, Decision, Page } from "../api/types";

/**
 * Pending approvals, oldest first (the one closest to expiry on top).
 * @example await listPendingApprovals("k-approver")
 */
export async function listPendingApprovals(apiKey: string, signal?: AbortSignal): Promise<Approval[]> {
  const page = await callApi<Page<Approval>>(
    "GET",
    "/approvals",
    { apiKey, signal },
    { query: { status: "PENDING" } },
  );
  return oldestFirst(page.items);
}

/** Sorts approvals by when they were requested, oldest first. */
export function oldestFirst(approvals: readonly Approval[]): Approval[] {
  return [...approvals].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
}

/**
 * Records a decision; resolves on success, throws ApiError (409 already decided, 410 expired, 403 no right).
 * @example await sendDecision("k-approver", token, "approve", "looks right")
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
