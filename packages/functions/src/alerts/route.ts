// Routing a queued alert: non-critical ones go to TradingAlerts, CRITICAL ones wait for an approver.

import { requiresApproval } from "@stock-patterns/core";
import { type ApprovalRequestOutcome, requestApproval } from "#approvals";
import { publishTradingAlerts } from "#messaging";
import { type Alert, claimStaleBefore } from "./alert";
import { catchUpLifecycle, catchUpLifecycles, logPastEventsTold } from "./catch-up";
import { getAlert, moveAlert, moveAlertAndRead, putAlertIfNew } from "./repository";
import { expiryOnFinish } from "./retention";

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
 * Takes a queued alert as far as its publication: claims it (storing it first if it arrived without having
 * been stored: another producer), answering it as claimed; or answers the outcome when it is not this
 * delivery's to publish. A CRITICAL alert goes to an approver instead.
 */
async function claimToPublish(
  alert: Alert,
  now: Date,
  catchUp: (alert: Alert) => Promise<void>,
): Promise<Alert | RouteOutcome> {
  if (requiresApproval(alert.severity)) {
    // Its raiser stored it (almost always): read it once; store it first only when it arrived unstored.
    const stored = await getAlert(alert.alertId);
    if (stored) return requestApproval(alert, now, stored);
    if (await putAlertIfNew({ ...alert, status: "QUEUED" })) return requestApproval(alert, now);
    // Stored meanwhile by another raiser, or there but past its retention: finished, so routed no more.
    const raced = await getAlert(alert.alertId);
    return raced ? requestApproval(alert, now, raced) : "alreadyClosed";
  }
  const claimed = await claim(alert, now);
  if (claimed) return claimed;
  let current = await getAlert(alert.alertId);
  if (!current) {
    await putAlertIfNew({ ...alert, status: "QUEUED" });
    const stored = await claim(alert, now);
    if (stored) return stored;
    current = await getAlert(alert.alertId);
  }
  if (current?.status === "QUEUED") return "inProgress";
  // A delivery again after its publish (a retry after the catch-up failed, a duplicate): what it has
  // not told yet goes out now.
  if (current) await catchUp(current);
  return "alreadyPublished";
}

/**
 * Routes a batch of alerts from AlertQueue; safe to repeat and to run concurrently for duplicate messages.
 * A delivery first claims its alert (conditional write, answering the alert as claimed); one that finds a
 * fresh claim leaves it to its holder, whose own message comes back if it stops before finishing. The
 * claimed ones are published together (PublishBatch, ten a call), then each marked PUBLISHED, then caught
 * up together (catchUpLifecycles: their past events in rounds of PublishBatch). Answers each alert's
 * outcome, or why it failed (its message is retried; a failed catch-up fails its alert alone), in order.
 * The past events the batch told are said in one line.
 *
 * @example
 * const [routed] = await routeAlerts([alert]); // { status: "fulfilled", value: "published" }
 */
export async function routeAlerts(
  alerts: readonly Alert[],
  now = new Date(),
): Promise<PromiseSettledResult<RouteOutcome>[]> {
  const told: Record<string, number> = {};
  const catchUp = async (alert: Alert) => {
    told[alert.alertId] = (told[alert.alertId] ?? 0) + (await catchUpLifecycle(alert, now));
  };
  const claims = await Promise.allSettled(alerts.map((alert) => claimToPublish(alert, now, catchUp)));
  const claimed = claims.flatMap((result, index) =>
    result.status === "fulfilled" && typeof result.value === "object" ? [{ index, alert: result.value }] : [],
  );
  // Each goes out as PUBLISHED, the status it is published under (an approved alert goes out APPROVED).
  const refused = await publishTradingAlerts(
    claimed.map(({ alert }) => ({ ...alert, status: "PUBLISHED" as const })),
  );
  const publishing = new Map(
    claimed.map(({ index, alert }, n) => [index, { alert, refused: refused.get(n) }]),
  );
  const moved = await Promise.allSettled(
    claims.map(async (result, index): Promise<RouteOutcome | Alert> => {
      if (result.status === "rejected") throw result.reason;
      const published = publishing.get(index);
      if (!published) return result.value as RouteOutcome;
      if (published.refused) throw published.refused;
      const publishedAt = now.toISOString();
      // An alert of no detection has nothing left to tell: this write finishes it (expiryOnFinish).
      const after = { ...published.alert, status: "PUBLISHED" as const, publishedAt };
      await moveAlert(published.alert.alertId, "publish", { publishedAt, ...expiryOnFinish(after, now) });
      return after;
    }),
  );
  // Their detections' events the stream saw before now, after the alerts' own messages: together, in
  // rounds of PublishBatch; one that fails fails its alert alone.
  const justPublished = moved.flatMap((result) =>
    result.status === "fulfilled" && typeof result.value === "object" ? [result.value] : [],
  );
  const caughtUp = new Map(
    (await catchUpLifecycles(justPublished, now)).map((result, n) => [justPublished[n]?.alertId, result]),
  );
  const routed = moved.map((result): PromiseSettledResult<RouteOutcome> => {
    if (result.status === "rejected" || typeof result.value !== "object")
      return result as PromiseSettledResult<RouteOutcome>;
    const catchUpResult = caughtUp.get(result.value.alertId);
    if (catchUpResult?.status === "rejected") return catchUpResult;
    told[result.value.alertId] = (told[result.value.alertId] ?? 0) + (catchUpResult?.value ?? 0);
    return { status: "fulfilled", value: "published" };
  });
  logPastEventsTold(told);
  return routed;
}
