// Routing a queued alert: non-critical ones go to TradingAlerts, CRITICAL ones wait for an approver.

import { requiresApproval } from "@stock-patterns/core";
import { type ApprovalRequestOutcome, requestApproval } from "#approvals";
import { publishTradingAlert } from "#messaging";
import { type Alert, claimStaleBefore } from "./alert";
import { getAlert, moveAlert, moveAlertAndRead, putAlertIfNew } from "./repository";

export type RouteOutcome = "published" | "alreadyPublished" | "inProgress" | ApprovalRequestOutcome;

/** Claims a queued alert for routing; answers it as claimed, or undefined when the claim did not hold. */
function claim(alert: Alert, now: Date): Promise<Alert | undefined> {
  return moveAlertAndRead(
    alert.alertId,
    "claim",
    { claimedAt: now.toISOString() },
    { claimStaleBefore: claimStaleBefore(now) },
  );
}

/**
 * Routes one alert from AlertQueue; safe to repeat and to run concurrently for duplicate messages.
 * A delivery first claims the alert (conditional write, answering the alert as claimed); one that finds
 * a fresh claim leaves it to its holder, whose own message comes back if it stops before finishing. An
 * alert that arrives without having been stored (another producer) is stored first, under its own id:
 * its producer usually stored it, so the claim is tried first and the store only when it found nothing.
 */
export async function routeAlert(alert: Alert, now = new Date()): Promise<RouteOutcome> {
  if (requiresApproval(alert.severity)) {
    await putAlertIfNew({ ...alert, status: "QUEUED" });
    return requestApproval(alert, now);
  }
  let claimed = await claim(alert, now);
  if (!claimed && !(await getAlert(alert.alertId))) {
    await putAlertIfNew({ ...alert, status: "QUEUED" });
    claimed = await claim(alert, now);
  }
  if (!claimed) {
    const current = await getAlert(alert.alertId);
    return current?.status === "QUEUED" ? "inProgress" : "alreadyPublished";
  }
  await publishTradingAlert(claimed);
  await moveAlert(alert.alertId, "publish", { publishedAt: now.toISOString() });
  return "published";
}
