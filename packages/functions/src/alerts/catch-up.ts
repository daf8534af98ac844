// Catching an alert up once it went out: the lifecycle events its detection went through before its
// people were told (the stream saw them while the alert was not yet published) are told now, in order.

import type { Outcome } from "@stock-patterns/core";
import { storedOutcome, storedOutcomes } from "#analysis";
import { count, logger } from "#observability";
import type { Alert } from "./alert";
import { isDue, isTold, pastEvents, type Told, type ToldEvent, tellInRounds, tellOnce } from "./lifecycle";
import { markAlertOnce } from "./repository";

/**
 * Tells a detection alert just published (`alert` as it stands after its `publishedAt` was written, its
 * marks as read) of the events its stored detection has already been through: the consumer saw them
 * while the alert was not yet told, and skipped them. The same send-then-mark as the consumer's, so an event both send goes out
 * twice with one eventId (at least once). The outcome is read strongly consistent, after the alert's
 * `publishedAt` is written. Call it after the alert's own message, and again on a retry of the publish: events
 * whose mark is set are not sent again. Then marks the alert caught up (`caughtUpAt`), so the sweep does
 * not read it again: `by` the sweep always, by a publisher when nothing else is left to tell (below).
 * Answers how many were sent; the caller says so (logPastEventsTold), once for its batch or run.
 *
 * @example
 * await catchUpLifecycle({ ...alert, status: "PUBLISHED", publishedAt }); // 1: its breakout
 */
export async function catchUpLifecycle(
  alert: Alert,
  now = new Date(),
  link?: string,
  by: "publisher" | "sweep" = "publisher",
): Promise<number> {
  if (!isTold(alert) || alert.caughtUpAt) return 0;
  const ends = endsCatchUp(alert, by);
  const { sent, caughtUp } = await tellPastEvents(alert, now, link, ends);
  // Caught up, when each event is told by now or will be without the sweep: one stored before the outcome
  // read above (which follows the `publishedAt` write) was told just now or before; one stored after it
  // is stored after `publishedAt`, by a KinesisConsumer that reads the alert after that write, finds it
  // told and tells it, its batch retried until it has. Such a consumer reads the alert at the start of
  // every batch once it is stored (one that read before, beside the batch that stored it, finds its window
  // moved and applies its bars again, reading afresh), and the KinesisConsumer stores its own alerts after
  // its outcome writes: so a stream alert (`raisedBy`) is caught up, as is one of no detection (no
  // events). Another producer's (an analysis) may be stored and published inside a batch that read it
  // absent, and that batch tells it only if it raises the alert too (apply-bars): such an alert is the
  // sweep's, whose catch-up comes a grace after it went out, when every batch reads it. The mark, which
  // takes the alert out of the sweep's unfinished index, comes after every send: a caller stopped or
  // failed before it leaves the alert to the sweep. It rides the last event's mark where there is one.
  if (ends && !caughtUp) await markAlertOnce(alert.alertId, "caughtUpAt", now.toISOString());
  return sent;
}

/** Whether a catch-up `by` marks `alert` caught up once it has told it everything (catchUpLifecycle). */
const endsCatchUp = (alert: Alert, by: "publisher" | "sweep"): boolean =>
  by === "sweep" || alert.raisedBy === "stream" || alert.patternId === undefined;

/** Who catches several alerts up (catchUpLifecycles), and the console pages their messages link. */
export interface CatchingUp {
  /** Their publisher (the default), or the sweep: see catchUpLifecycle's `by`. */
  by?: "publisher" | "sweep";
  /** An alert's page by alertId, where it is not alertUrl's: the one its approval stored (the sweep's). */
  links?: ReadonlyMap<string, string>;
}

/**
 * Catches up several alerts, as catchUpLifecycle does each (the same guarantees: nothing for one not
 * told or already caught up, its outcome read after its `publishedAt` write, sent then marked, caught up
 * only after every send and only when endsCatchUp), their outcomes read together (one BatchGetItem per
 * 100) and their past events sent together in rounds (tellInRounds, ten a PublishBatch): an alert's
 * breakout taken by SNS and marked before its resolution goes out. A refused message or a failed mark
 * stops its alert's catch-up alone (not marked caught up, its later events not sent, so its retry tells
 * them in order) and the others go on; a failed read stops the catch-up of every alert it was for.
 * Answers each alert's count of events sent, or why it failed, in order.
 *
 * @example
 * const [caughtUp] = await catchUpLifecycles([{ ...alert, status: "PUBLISHED", publishedAt }]);
 * // { status: "fulfilled", value: 2 }: its breakout, then its resolution
 */
export async function catchUpLifecycles(
  alerts: readonly Alert[],
  now = new Date(),
  { by = "publisher", links }: CatchingUp = {},
): Promise<PromiseSettledResult<number>[]> {
  const due = alerts.filter((alert) => isTold(alert) && !alert.caughtUpAt);
  // Those this call marks caught up: in the write of the last event it tells each, or after (below).
  const finishing = new Set(due.flatMap((alert) => (endsCatchUp(alert, by) ? [alert.alertId] : [])));
  const current = new Map<string, Alert | null>();
  const byAlert = new Map<string, ToldEvent[]>();
  const told: Told = { sent: new Map(), failed: new Map() };
  // Their outcomes in one batch read (per 100), not a GetItem each; a read that fails fails every alert
  // that needed it (each retried, as one failed alone was), and those that needed none go on.
  const reading = due.filter(needsOutcome);
  const outcomes = await storedOutcomes(
    reading.map(({ patternId, barTime }) => ({ patternId: patternId as string, detectedAt: barTime })),
  ).catch((error: unknown) => {
    for (const { alertId } of reading) told.failed.set(alertId, error as Error);
    return new Map<string, Outcome>();
  });
  for (const alert of due) {
    if (told.failed.has(alert.alertId)) continue;
    current.set(alert.alertId, alert);
    byAlert.set(alert.alertId, eventsOf(alert, outcomes.get(alert.patternId ?? "")));
  }
  // Each call stops at a round with a failure, the failed alerts taken out: the others' rounds go on.
  for (let going = true; going; ) {
    const round = await tellInRounds(current, byAlert, now, { links, finishing });
    for (const [alertId, sent] of round.sent) told.sent.set(alertId, (told.sent.get(alertId) ?? 0) + sent);
    for (const [alertId, failure] of round.failed) told.failed.set(alertId, failure);
    going = round.failed.size > 0;
  }
  const sent = [...told.sent.values()].reduce((sum, n) => sum + n, 0);
  if (sent > 0) count("LifecycleMessagesSent", sent);
  const at = now.toISOString();
  const marks = await Promise.allSettled(
    due.map(async (alert) => {
      const { alertId } = alert;
      if (!told.failed.has(alertId) && finishing.has(alertId) && !current.get(alertId)?.caughtUpAt)
        await markAlertOnce(alert.alertId, "caughtUpAt", at);
    }),
  );
  marks.forEach((mark, n) => {
    const { alertId } = due[n] as Alert;
    if (mark.status === "rejected" && !told.failed.has(alertId))
      told.failed.set(alertId, mark.reason as Error);
  });
  return alerts.map(({ alertId }): PromiseSettledResult<number> => {
    const failure = told.failed.get(alertId);
    return failure
      ? { status: "rejected", reason: failure }
      : { status: "fulfilled", value: told.sent.get(alertId) ?? 0 };
  });
}

/** Whether a told alert's events need its stored outcome: it has a detection and is not told both. */
const needsOutcome = (alert: Alert): boolean =>
  Boolean(alert.patternId && alert.pattern) && !(alert.breakoutSentAt && alert.resolvedSentAt);

/** The events an alert's detection has been through by its stored `outcome`, in order (see eventsToTell). */
const eventsOf = (alert: Alert, outcome: Outcome | undefined): ToldEvent[] =>
  needsOutcome(alert) && alert.pattern && outcome ? pastEvents(alert.pattern, alert.barTime, outcome) : [];

/**
 * The events a told alert's stored detection has been through, in order (none of an alert of no
 * detection, or told both): the stored outcome read strongly consistent.
 */
async function eventsToTell(alert: Alert): Promise<ToldEvent[]> {
  if (!needsOutcome(alert)) return [];
  return eventsOf(alert, await storedOutcome(alert.patternId as string, alert.barTime));
}

/**
 * The events a told alert's stored detection has been through and the alert was not told: told now, in
 * order. `finishing`: the last one's mark also marks the alert caught up (tellOnce); answers how many were
 * sent and whether that mark was made.
 */
async function tellPastEvents(
  alert: Alert,
  now: Date,
  link: string | undefined,
  finishing: boolean,
): Promise<{ sent: number; caughtUp: boolean }> {
  const events = await eventsToTell(alert);
  const last = events.findLastIndex((event) => isDue(alert, event));
  let sent = 0;
  let caughtUp = false;
  for (const [n, event] of events.entries()) {
    const telling = await tellOnce(alert, event, now, link, finishing && n === last);
    if (telling !== "told before") sent++;
    if (n === last) caughtUp = telling === "sent and caught up";
  }
  if (sent > 0) count("LifecycleMessagesSent", sent);
  return { sent, caughtUp };
}

/**
 * Says in one INFO line the past events told by a batch, a run or a decision (`alerts`: how many each
 * alert's catch-up sent; nothing said when none was sent). A line per alert told was 420 bytes each,
 * printed for 230 of 240 alerts in bench:pipeline; which events an alert was told stays on its marks.
 *
 * @example
 * logPastEventsTold({ [alertId]: await catchUpLifecycle(alert) }); // { sent: 1, alerts: { alr_…: 1 } }
 */
export function logPastEventsTold(alerts: Readonly<Record<string, number>>): void {
  const told = Object.entries(alerts).filter(([, sent]) => sent > 0);
  if (told.length === 0) return;
  const sent = told.reduce((sum, [, n]) => sum + n, 0);
  logger.info("Past lifecycle events told", { sent, alerts: Object.fromEntries(told) });
}
