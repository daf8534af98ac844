// Why an approval's address (its id, without its link's token) finds no approval waiting: the console reads
// approvals by id only among the pending ones, so it reads on to tell an id no approval has from one that ended.
import { APPROVAL_STATUSES } from "@stock-patterns/core/vocabulary";
import { callApi } from "../api/client";
import type { Approval, Page } from "../api/types";

/** What stands behind an approval's address when no pending approval has its id. */
export type MissingApproval =
  /** Its alert's approval with this id, which no longer waits (decided, expired or replaced). */
  | { kind: "ended"; approval: Approval }
  /** The address's id is not of an approval id's form (cut short, mistyped): no approval has it. */
  | { kind: "notAnId" }
  /** None of its alert's approvals, in any status, has this id. */
  | { kind: "notOfAlert"; alertId: string }
  /** Without its alert the console reads no approval but the pending ones: ended and never issued look alike. */
  | { kind: "notPending" };

/** Approvals one alert holds in one status: one, as a rule (a reissue supersedes the one before). */
const OF_ALERT = 100;

/**
 * Looks for approval `id` (in lower case, as the API lists it) among every approval of `alertId` (the API's index of each alert's approvals, one
 * request per status, at once), since the API answers approvals by id in no other way; `notPending` without
 * the alert.
 * @example (await missingApproval("k-approver", id, "alr_…")).kind // "ended"
 */
export async function missingApproval(
  apiKey: string,
  id: string,
  alertId: string | undefined,
  signal?: AbortSignal,
): Promise<MissingApproval> {
  if (alertId === undefined) return { kind: "notPending" };
  const pages = await Promise.all(
    APPROVAL_STATUSES.map((status) =>
      callApi<Page<Approval>>(
        "GET",
        "/approvals",
        { apiKey, signal },
        { query: { status, alertId, limit: OF_ALERT } },
      ),
    ),
  );
  const approval = pages.flatMap((page) => page.items).find((item) => item.id === id);
  return approval ? { kind: "ended", approval } : { kind: "notOfAlert", alertId };
}
