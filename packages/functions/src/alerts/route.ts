// Routing a queued alert: non-critical ones go to TradingAlerts, CRITICAL ones wait for an approver.

import { requiresApproval } from "@stock-patterns/core";
import { type ApprovalRequestOutcome, requestApproval } from "../approvals/request";
import type { Alert } from "../domain/alert";
import { publishTradingAlert } from "../messaging/topics";
import { getAlert, moveAlert, putAlertIfNew } from "../repositories/alerts";

export type RouteOutcome = "published" | "alreadyPublished" | ApprovalRequestOutcome;

/**
 * Routes one alert from AlertQueue; safe to repeat for a redelivered message. An alert that arrives
 * without having been stored (sent by another producer) is stored first, under its own id.
 */
export async function routeAlert(alert: Alert, now = new Date()): Promise<RouteOutcome> {
  await putAlertIfNew({ ...alert, status: "QUEUED" });
  if (requiresApproval(alert.severity)) return requestApproval(alert, now);
  const current = await getAlert(alert.alertId);
  if (current?.status !== "QUEUED") return "alreadyPublished";
  await publishTradingAlert(current);
  await moveAlert(alert.alertId, ["QUEUED"], "PUBLISHED", { publishedAt: now.toISOString() });
  return "published";
}
