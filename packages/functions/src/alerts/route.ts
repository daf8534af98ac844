// Routing a queued alert: non-critical ones go to TradingAlerts, CRITICAL ones wait for an approver.

import { requiresApproval } from "@stock-patterns/core";
import { type ApprovalRequestOutcome, requestApproval } from "../approvals/request";
import { publishTradingAlert } from "../messaging/topics";
import { type Alert, claimStaleBefore } from "./alert";
import { getAlert, moveAlert, putAlertIfNew } from "./repository";

export type RouteOutcome = "published" | "alreadyPublished" | "inProgress" | ApprovalRequestOutcome;

/**
 * Routes one alert from AlertQueue; safe to repeat and to run concurrently for duplicate messages.
 * A delivery first claims the alert (conditional write); one that finds a fresh claim leaves it to
 * its holder, whose own message comes back if it stops before finishing. An alert that arrives without
 * having been stored (another producer) is stored first, under its own id.
 */
export async function routeAlert(alert: Alert, now = new Date()): Promise<RouteOutcome> {
  await putAlertIfNew({ ...alert, status: "QUEUED" });
  if (requiresApproval(alert.severity)) return requestApproval(alert, now);
  const claimed = await moveAlert(
    alert.alertId,
    "claim",
    { claimedAt: now.toISOString() },
    {
      claimStaleBefore: claimStaleBefore(now),
    },
  );
  if (!claimed) {
    const current = await getAlert(alert.alertId);
    return current?.status === "QUEUED" ? "inProgress" : "alreadyPublished";
  }
  const current = (await getAlert(alert.alertId)) ?? alert;
  await publishTradingAlert(current);
  await moveAlert(alert.alertId, "publish", { publishedAt: now.toISOString() });
  return "published";
}
