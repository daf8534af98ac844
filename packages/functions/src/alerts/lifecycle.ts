// After the alert: a published or approved alert's detection broke out or was resolved, so the people
// acting on it get a lifecycle message on TradingAlerts, once per event. What an alert's detection went
// through before it went out is told by its catch-up (catch-up.ts), through the same rounds.

import {
  lifecycleEventId,
  type Outcome,
  type OutcomeEvent,
  type PatternCode,
  statusesAfter,
} from "@stock-patterns/core";
import { LIFECYCLE_EVENTS, type LifecycleEvent, type LifecycleMessage } from "@stock-patterns/core/contracts";
import { patternIdentities } from "#analysis";
import { publishLifecycle, publishLifecycles } from "#messaging";
import type { Alert, AlertStatus } from "./alert";
import { alertUrl } from "./link";
import { storedAlertIds } from "./raise";
import { alertsAmong, getAlerts, type KnownAlerts, markAlertOnce } from "./repository";
import { expiryOnFinish } from "./retention";
import { SENT_AT } from "./sent-at";

/** The statuses whose people are told: the alerts that go out on TradingAlerts. */
const TOLD: readonly AlertStatus[] = ["PUBLISHED", "APPROVED"];

/**
 * Whether an alert's people are told of its events: its own message has gone out (`publishedAt`, which
 * the publish and publishApproved moves set after it). An alert APPROVED before its message went out (or
 * whose publish failed) is not yet: a subscriber never gets an event before the alert it belongs to.
 */
export const isTold = (alert: Alert): boolean =>
  TOLD.includes(alert.status) && alert.publishedAt !== undefined;

/** Whether `event` is still to tell `alert`: the alert is told, and its mark for the event is not set. */
export const isDue = (alert: Alert, event: ToldEvent): boolean =>
  isTold(alert) && !alert[SENT_AT[event.type]];

/** Whether the lifecycle table still leads an alert in `status` to a told status (or it is in one). */
function mayBeTold(status: AlertStatus): boolean {
  const seen = new Set<AlertStatus>([status]);
  for (const reached of seen) for (const next of statusesAfter(reached)) seen.add(next);
  return TOLD.some((told) => seen.has(told));
}

/** An outcome event of a stored detection, with its alert's id when the caller knows it. */
export interface DetectionEvent {
  patternId: string;
  /** patternAlertId of the detection; absent, it is found from the stored detection. */
  alertId?: string;
  event: OutcomeEvent;
}

/** What a lifecycle message tells of an event: its detection, its bar and the outcome after that bar. */
export type ToldEvent = Pick<OutcomeEvent, "pattern" | "detectedAt" | "time" | "outcome"> & {
  type: LifecycleEvent;
};

function isLifecycle(event: OutcomeEvent): event is OutcomeEvent & { type: LifecycleEvent } {
  return (LIFECYCLE_EVENTS as readonly string[]).includes(event.type);
}

/**
 * The message of one event for one alert; `link` is the alert's console page (by default from
 * APPROVAL_BASE_URL; the Api has none and takes the one its approval stored).
 */
export function lifecycleMessage(
  alert: Alert,
  event: ToldEvent,
  link = alertUrl(alert.alertId),
): LifecycleMessage {
  const { outcome } = event;
  return {
    type: "lifecycle",
    eventId: lifecycleEventId(alert.alertId, event.type),
    event: event.type,
    alertId: alert.alertId,
    alertUrl: link,
    symbol: alert.symbol,
    interval: alert.interval,
    pattern: event.pattern,
    detectedAt: event.detectedAt,
    time: event.time,
    status: outcome.status,
    direction: outcome.breakout?.direction ?? null,
    ceiling: outcome.ceiling,
    floor: outcome.floor,
    target: outcome.target,
    resolvedAt: outcome.resolvedAt,
  };
}

/**
 * The ids each event's alert may be stored under, by patternId: the one the caller gave, else those of
 * the stored detection (storedAlertIds: its id, and the one a release before instant ids gave it, which a
 * window saved then without alert ids still reaches). One batch read of those detections, none when every
 * event came with its id.
 */
async function alertIdsOf(
  symbol: string,
  interval: string,
  events: readonly DetectionEvent[],
): Promise<Map<string, string[]>> {
  const alertIds = new Map<string, string[]>();
  for (const { patternId, alertId } of events) if (alertId) alertIds.set(patternId, [alertId]);
  const unknown = events.filter(({ patternId }) => !alertIds.has(patternId));
  if (unknown.length === 0) return alertIds;
  const detections = await patternIdentities(
    unknown.map(({ patternId, event }) => ({ patternId, detectedAt: event.detectedAt })),
  );
  for (const [patternId, detection] of detections)
    alertIds.set(patternId, storedAlertIds(symbol, interval, detection));
  return alertIds;
}

/**
 * Sends the lifecycle messages of a batch's events, in order. Their alerts are read in one batch call
 * (none when no event is a breakout or resolution, or when `known` holds them all: read with the rest of
 * a stream batch), and their detections only for events that came without their alert's id. Called
 * after the batch's outcomes are written: an alert in `known` that was not told yet (read before that
 * write) may have been published since, and its catch-up then read the outcomes from before the write,
 * so the alerts skipped so are read again (one batch call, none when none was skipped) and told now.
 * The messages go out in rounds (tellInRounds): an alert's events in order, a resolution after the breakout
 * it followed whoever was to tell that breakout, and the alerts side by side, ten messages a PublishBatch.
 * Each message is marked on its alert once sent, so a replay or a retry of a batch that told it sends
 * nothing; a message SNS did not take fails the call once the others are marked, so the batch is retried
 * and tells that one. At least once: a consumer stopped between a send and its mark (or two consumers of
 * one symbol at once), or an alert told both by its catch-up and by this second look, sends it again,
 * with the same eventId. Returns how many were sent.
 */
export async function tellLifecycle(
  symbol: string,
  interval: string,
  events: readonly DetectionEvent[],
  now = new Date(),
  known?: KnownAlerts,
): Promise<number> {
  const told = events.filter((e): e is DetectionEvent & { event: { type: LifecycleEvent } } =>
    isLifecycle(e.event),
  );
  if (told.length === 0) return 0;
  const alertIds = await alertIdsOf(symbol, interval, told);
  const alerts = await alertsAmong([...new Set([...alertIds.values()].flat())], known);
  const alertOf = (e: DetectionEvent) => {
    const ids = alertIds.get(e.patternId) ?? [];
    return ids.find((id) => alerts.get(id)) ?? ids[0] ?? "";
  };
  let sent = 0;
  // One absent when read is not published since: the consumer raises its detections' alerts after this,
  // and leaves out of `known` one it found raised by another producer meanwhile (apply-bars: unraced).
  const skipped = told.filter((e) => {
    const alert = alerts.get(alertOf(e));
    return alert && !isTold(alert) && known?.has(alert.alertId) === true && mayBeTold(alert.status);
  });
  sent += toldOrThrow(await tellInRounds(alerts, inOrder(told, alertOf), now));
  if (skipped.length === 0) return sent;
  const current = await getAlerts(skipped.map(alertOf));
  sent += toldOrThrow(await tellInRounds(current, inOrder(skipped, alertOf), now));
  return sent;
}

/** How many messages `told` sent, or the first of its failures: a stream batch fails whole, to be retried. */
function toldOrThrow({ sent, failed }: Told): number {
  const [failure] = failed.values();
  if (failure !== undefined) throw failure;
  return [...sent.values()].reduce((sum, n) => sum + n, 0);
}

/**
 * The events to tell each alert, by alertId, in the order they came: a resolution after the breakout its
 * outcome went through, which a publisher stopped after its alert went out and before its catch-up told
 * that breakout leaves unsent (its mark, set, drops it in tellInRounds); the alert's resolution mark then
 * finishes it for the sweep (mayBeStranded).
 */
function inOrder(
  events: readonly (DetectionEvent & { event: ToldEvent })[],
  alertOf: (e: DetectionEvent) => string,
): Map<string, ToldEvent[]> {
  const byAlert = new Map<string, ToldEvent[]>();
  for (const e of events) {
    const { type, pattern, detectedAt, outcome } = e.event;
    const past = type === "resolved" ? pastEvents(pattern, detectedAt, outcome) : [];
    const queue = byAlert.get(alertOf(e)) ?? [];
    queue.push(...past.filter((earlier) => earlier.type === "breakout"), e.event);
    byAlert.set(alertOf(e), queue);
  }
  return byAlert;
}

/** What rounds of messages did, by alertId: how many each alert was sent (and marked), why each failed. */
export interface Told {
  sent: Map<string, number>;
  failed: Map<string, Error>;
}

/**
 * Tells each alert `alerts` holds the events `byAlert` lists for it, in rounds: each alert's first event
 * still due goes out in one round (tellRound), the next only once SNS took that one and it is marked, so
 * an alert's events arrive in order. An event no longer due (not told, marked) is dropped, as is every
 * event of an alert `alerts` does not hold. Each mark made is kept on the alert in `alerts`, so a later
 * event of the batch does not tell it again. Stops after the first round in which an alert failed (SNS
 * refused its message, or its mark failed), that alert's events taken out of `byAlert`: its later ones
 * wait for its retry, the others' for the caller, who goes on (catchUpLifecycles) or fails (tellLifecycle).
 * `also`: see TellingAlso.
 */
export async function tellInRounds(
  alerts: Map<string, Alert | null>,
  byAlert: Map<string, ToldEvent[]>,
  now: Date,
  also: TellingAlso = {},
): Promise<Told> {
  const told: Told = { sent: new Map(), failed: new Map() };
  for (;;) {
    const round: Telling[] = [];
    for (const [alertId, events] of byAlert) {
      const alert = alerts.get(alertId);
      let event = events.shift();
      while (event && !(alert && isDue(alert, event))) event = events.shift();
      if (!alert || !event) continue;
      const marked = { ...alert, [SENT_AT[event.type]]: now.toISOString() };
      round.push({ alert, event, last: !events.some((later) => isDue(marked, later)) });
    }
    if (round.length === 0) return told;
    const failed = await tellRound(alerts, round, now, also);
    for (const { alert } of round) {
      const failure = failed.get(alert.alertId);
      if (failure) {
        told.failed.set(alert.alertId, failure);
        byAlert.delete(alert.alertId);
      } else told.sent.set(alert.alertId, (told.sent.get(alert.alertId) ?? 0) + 1);
    }
    if (failed.size > 0) return told;
  }
}

/** What rounds of messages do beyond sending and marking each event (tellInRounds). */
export interface TellingAlso {
  /** An alert's console page by alertId, where its messages are not to link alertUrl's (lifecycleMessage). */
  links?: ReadonlyMap<string, string>;
  /**
   * The alerts (by alertId) whose catch-up these rounds finish: the mark of an alert's last event sets its
   * `caughtUpAt` too, in the same write (markAlertOnce's `finishesCatchUp`), and the copy in `alerts`
   * carries it when that write was made; one whose last mark was refused (another sender marked the
   * event) is left for its caller to mark.
   */
  finishing?: ReadonlySet<string>;
}

/** One alert's event in a round, and whether it is the last event due to it there. */
interface Telling {
  alert: Alert;
  event: ToldEvent;
  last: boolean;
}

/**
 * Sends one event to each of several alerts (PublishBatch, ten a call), then marks each event SNS took,
 * the marks at once (one alert each): sent, then marked, as tellOnce. A message SNS did not take is not
 * marked. Answers the failure of each alert whose message was refused or whose mark failed, by alertId.
 */
async function tellRound(
  alerts: Map<string, Alert | null>,
  round: readonly Telling[],
  now: Date,
  { links, finishing }: TellingAlso,
): Promise<Map<string, Error>> {
  const refused = await publishLifecycles(
    round.map(({ alert, event }) => lifecycleMessage(alert, event, links?.get(alert.alertId))),
  );
  const at = now.toISOString();
  const marks = await Promise.allSettled(
    round.map(async ({ alert, event, last }, n) => {
      const failure = refused.get(n);
      if (failure) throw failure;
      const marked: Alert = { ...alert, [SENT_AT[event.type]]: at };
      const finishes = last && finishing?.has(alert.alertId) === true;
      // The resolution is the last event told: its mark finishes the alert (expiryOnFinish).
      const made = await markAlertOnce(
        alert.alertId,
        SENT_AT[event.type],
        at,
        undefined,
        expiryOnFinish(marked, now),
        finishes,
      );
      alerts.set(
        alert.alertId,
        made && finishes ? { ...marked, caughtUpAt: alert.caughtUpAt ?? at } : marked,
      );
    }),
  );
  const failed = new Map<string, Error>();
  marks.forEach((mark, n) => {
    if (mark.status === "rejected") failed.set(round[n]?.alert.alertId ?? "", mark.reason as Error);
  });
  return failed;
}

/** What tellOnce did: nothing (the event was told before), sent it, or sent it and marked the alert caught up too. */
export type TellingOnce = "told before" | "sent" | "sent and caught up";

/**
 * Sends one event's message to a told alert whose mark for it is not set, then sets the mark. Sent, then
 * marked: a sender that stops between the two (a crash, a timeout) sends it again on its retry, where a
 * mark made first would have stood with the message never sent. `finishesCatchUp`: the event is the last
 * its catch-up tells, so its mark sets `caughtUpAt` too (markAlertOnce); a mark refused (another sender
 * marked the event) leaves that to the caller.
 */
export async function tellOnce(
  alert: Alert,
  event: ToldEvent,
  now: Date,
  link?: string,
  finishesCatchUp = false,
): Promise<TellingOnce> {
  if (!isDue(alert, event)) return "told before";
  await publishLifecycle(lifecycleMessage(alert, event, link));
  const at = now.toISOString();
  // The resolution is the last event told: its mark finishes the alert (expiryOnFinish).
  const expiry = expiryOnFinish({ ...alert, [SENT_AT[event.type]]: at }, now);
  const made = await markAlertOnce(
    alert.alertId,
    SENT_AT[event.type],
    at,
    undefined,
    expiry,
    finishesCatchUp,
  );
  return made && finishesCatchUp ? "sent and caught up" : "sent";
}

/**
 * The lifecycle events a stored outcome has been through, in order, each as the consumer told it on its
 * bar: the breakout with the outcome after that bar (still open, unless the same bar resolved it), then
 * the resolution with the outcome as it ended.
 */
export function pastEvents(pattern: PatternCode, detectedAt: string, outcome: Outcome): ToldEvent[] {
  const events: ToldEvent[] = [];
  const { breakout, resolvedAt } = outcome;
  if (breakout) {
    const after =
      resolvedAt === breakout.time ? outcome : { ...outcome, status: "open" as const, resolvedAt: null };
    events.push({ type: "breakout", pattern, detectedAt, time: breakout.time, outcome: after });
  }
  if (resolvedAt) events.push({ type: "resolved", pattern, detectedAt, time: resolvedAt, outcome });
  return events;
}
