// An approver's decision: one conditional write; the first decision wins and an approval is published once.

import {
  type Alert,
  catchUpLifecycle,
  consoleAddressKnown,
  expiryOnFinish,
  getAlert,
  logPastEventsTold,
  moveAlert,
} from "#alerts";
import { publishTradingAlert } from "#messaging";
import { logger } from "#observability";
import { type Approval, type Decision, isExpired, statusOf } from "./approval";
import { pastKeep } from "./approval-table";
import { markApprovalPublished, releaseApprovalPublished } from "./claims";
import { keptApproval, recordDecision } from "./repository";

/** What became of a decision, for the API to answer. */
export type DecisionOutcome =
  | { kind: "decided"; approval: Approval }
  | { kind: "repeated"; approval: Approval; commentNotRecorded?: string }
  | { kind: "conflict"; approval: Approval }
  | { kind: "expired"; approval: Approval }
  | { kind: "notFound" };

/**
 * Applies `decision` to the approval whose token hashes to `tokenHash`, on behalf of `approver`
 * (the API finds it from the link's token, or by the id approvers see in the list).
 * decided: this call's write won; repeated: the same decision was already recorded (answered as before,
 * with `commentNotRecorded` when this call's comment differs from the recorded one, which stands);
 * conflict: a different decision was recorded first; expired: too late (or the token was reissued);
 * notFound: no approval has the hash, or it is past its keep (pastKeep), whatever the decision.
 */
export async function decideApproval(
  tokenHash: string,
  decision: Decision,
  approver: string,
  comment: string | undefined,
  now = new Date(),
): Promise<DecisionOutcome> {
  // One past its keep is gone to approvers (keptApproval): its link answers as once DynamoDB deletes it.
  let approval = await keptApproval(tokenHash, now);
  if (!approval) return { kind: "notFound" };
  if (approval.status === "PENDING" && !isExpired(approval, now)) {
    const decided = await recordDecision(tokenHash, statusOf(decision), approver, comment, now);
    if (decided) {
      await settleAlert(decided);
      return { kind: "decided", approval: decided };
    }
    approval = (await keptApproval(tokenHash, now)) ?? approval;
  }
  if (approval.status === statusOf(decision)) {
    await settleAlert(approval);
    // A repeat writes nothing: a comment other than the recorded one is named, not silently dropped.
    const dropped = comment !== undefined && comment !== approval.comment;
    return { kind: "repeated", approval, ...(dropped ? { commentNotRecorded: comment } : {}) };
  }
  if (approval.status === "APPROVED" || approval.status === "REJECTED") return { kind: "conflict", approval };
  return { kind: "expired", approval };
}

/** What one settleAlert call did itself: moved the alert, published it (false where another call had). */
export interface Settled {
  moved: boolean;
  published: boolean;
}

/**
 * Brings the alert in line with a recorded decision; safe to repeat, and to run beside another call. An
 * approved alert is published to TradingAlerts once: `publishedAt` is claimed before publishing and
 * released if the publish fails. Then (on a repeat too, so a failed catch-up is retried) its detection's
 * events already past are told.
 */
export async function settleAlert(approval: Approval): Promise<Settled> {
  const move = approval.status === "APPROVED" ? "approve" : "reject";
  // A rejection finishes the alert: kept as long as its approval (expiryOnFinish), under a retention.
  const rejected = { status: "REJECTED" as const, approvalTokenHash: approval.tokenHash };
  const fields = move === "reject" ? expiryOnFinish(rejected, new Date()) : {};
  const moved = await moveAlert(approval.alertId, move, fields, { tokenHash: approval.tokenHash });
  const settled = { moved, published: false };
  if (approval.status !== "APPROVED") return settled;
  const alert = await getAlert(approval.alertId);
  if (!alert) {
    // An alert that waited on an approver is kept at least as long as its approvals (RECORD_RETENTION_DAYS):
    // it is gone only beside an approval past its own keep that TTL has not deleted yet, nothing to settle.
    if (pastKeep(approval, new Date())) return settled;
    throw new Error(`alert ${approval.alertId} of an approval is missing`);
  }
  // Only the approval the alert waits on publishes it: an approval of a replaced link moved nothing above.
  if (alert.status !== "APPROVED" || alert.approvalTokenHash !== approval.tokenHash) return settled;
  let published: Alert | undefined;
  if (!approval.publishedAt) {
    published = await publishApproved(approval, alert);
    settled.published = published !== undefined;
  }
  // Published by an earlier call, or another's publish under way: it catches up once the alert shows it.
  else if (alert.publishedAt) published = alert;
  if (!published) return settled;
  // The Api has no console address of its own (the console is built with the Api's): the approval stored
  // its alert's page. One requested before approvals stored it, decided there, cannot link: logged.
  if (!approval.alertUrl && !consoleAddressKnown()) {
    logger.warn("Past lifecycle events of an approved alert not told: no alert link", {
      alertId: approval.alertId,
    });
    return settled;
  }
  logPastEventsTold({
    [published.alertId]: await catchUpLifecycle(published, new Date(), approval.alertUrl),
  });
  return settled;
}

/**
 * Publishes an approved alert once; answers it as it now stands (with `publishedAt`, so its events can be
 * told), or undefined when another caller holds the publish.
 */
async function publishApproved(approval: Approval, alert: Alert): Promise<Alert | undefined> {
  const at = new Date().toISOString();
  if (!(await markApprovalPublished(approval.tokenHash, at))) return undefined;
  try {
    await publishTradingAlert({ ...alert, status: "APPROVED" }, approval.decidedBy);
    const after = { ...alert, publishedAt: at };
    await moveAlert(approval.alertId, "publishApproved", {
      publishedAt: at,
      ...expiryOnFinish(after, new Date(at)),
    });
  } catch (error) {
    await releaseApprovalPublished(approval.tokenHash, at);
    throw error;
  }
  return { ...alert, publishedAt: at };
}
