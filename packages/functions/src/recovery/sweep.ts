// The sweep: whatever a crash left half-done (a write made, its send lost) is finished here, on the
// 5-minute schedule and when the local system starts. Every step is a conditional write or an
// idempotent re-drive, so sweeps may overlap, repeat, or race the processors without doing anything twice.

import {
  type Alert,
  catchUpLifecycles,
  claimStaleBefore,
  expiryOnFinish,
  getAlerts,
  logPastEventsTold,
  markRedriven,
  moveAlert,
  releaseClaim,
  unfinishedAlerts,
} from "#alerts";
import {
  type Approval,
  DUE_APPROVALS_A_PAGE,
  deadlineOf,
  getApprovals,
  inOpenIndex,
  pendingApprovalsExpiredBefore,
  releaseApprovalPublished,
  settleAlert,
  watchApproval,
} from "#approvals";
import { type RecoveryTiming, recoveryTiming } from "#config";
import { enqueueAlert } from "#messaging";
import { logger } from "#observability";
import { mapLimit, readAhead } from "#util";

/** Alerts or approvals healed at once; each takes a few calls. */
const CONCURRENCY = 8;

/** What one sweep did. */
export interface SweepResult {
  /** Alerts put back on AlertQueue (QUEUED ones, and CRITICAL ones whose approval request was never made). */
  redriven: number;
  /** Alerts brought in line with their approval's recorded decision or expiry. */
  settled: number;
  /** Approved alerts whose publication had not completed, published now. */
  published: number;
  /** Alerts out on TradingAlerts whose detection's past events their publisher had not told, told now. */
  caughtUp: number;
  /** Approvals past their hour (and the grace) marked EXPIRED, approvers told. */
  expired: number;
  /** Alerts or approvals whose healing failed (logged); the next sweep tries them again. */
  failed: number;
}

/**
 * A sweep's counts before it starts.
 *
 * @example
 * const swept = noneSwept(); // { redriven: 0, settled: 0, published: 0, caughtUp: 0, expired: 0, failed: 0 }
 */
export const noneSwept = (): SweepResult => ({
  redriven: 0,
  settled: 0,
  published: 0,
  caughtUp: 0,
  expired: 0,
  failed: 0,
});

type Healed = "redriven" | "settled" | "published" | "caughtUp" | "expired" | undefined;

/**
 * What the caller of a sweep knows beyond the clock. Deployed, processors of any age may still be running:
 * neither `claimsOrphanedBefore` nor `runStartedAt` is ever set (only the local runtime's own invocation at
 * its start sets them, never a schedule's event).
 */
export interface SweepScope {
  /**
   * (ISO) No routing claim, nor claim of an approval's expiry, taken before it has a live holder: every
   * processor that could hold one has stopped (a local system's runtime restarted after it died: all its
   * processors ran in the dead process), so such a claim is released or taken over at once instead of
   * waiting out its lease. The queues may still hold the dead runtime's messages: the grace and the
   * look-back stay.
   */
  claimsOrphanedBefore?: string;
  /**
   * (ISO) When the processors now running started on new, empty queues (a local system starting): implies
   * `claimsOrphanedBefore` at the same instant, and the sweep looks at every alert, not the look-back only,
   * as the earlier run may have stopped days before.
   */
  runStartedAt?: string;
  /**
   * Also the alerts stored before the unfinished index (unfinishedAlerts): each alert of the look-back is
   * read, as every sweep did before the index. For the first sweep after the upgrade to it (docs/deploy.md),
   * and always with `runStartedAt`, whose data directory an older version may have written.
   */
  unindexed?: boolean;
}

/**
 * Whether the AlertProcessor routes the alert again: QUEUED, or claimed for approval and never announced.
 * Any other alert with a token is healed from its approval.
 */
const routedAgain = (alert: Alert) =>
  alert.status === "QUEUED" || (alert.status === "PENDING_APPROVAL" && !alert.notifiedAt);

/** The later of the scope's instants before which a claim has no holder, if it has one. */
function claimsOrphanedBefore({
  claimsOrphanedBefore: orphaned,
  runStartedAt,
}: SweepScope): string | undefined {
  if (orphaned === undefined || runStartedAt === undefined) return orphaned ?? runStartedAt;
  return orphaned > runStartedAt ? orphaned : runStartedAt;
}

/** The token of the approval the alert is healed from, if any. */
const approvalTokenOf = (alert: Alert) => (routedAgain(alert) ? undefined : alert.approvalTokenHash);

/** One sweep run: what its heals go by, and what they gather for the run to say or finish after them. */
interface SweepRun {
  now: Date;
  /** `now` less the grace (ISO): what was written since may still be finished by its own writer. */
  graceBefore: string;
  timing: RecoveryTiming;
  /** A claim taken before it (ISO) has no holder left: released or taken over at once (SweepScope). */
  orphanedBefore: string | undefined;
  /** The past events each alert's catch-up told, by alert id: said in one line after the chunks. */
  told: Record<string, number>;
  /**
   * PENDING approvals past their hour and the grace that say they are in the open index, by token hash:
   * the run expires those the index's Query does not find, and all of them at once when they make a page.
   */
  dueOpen: Map<string, Approval>;
}

/**
 * Finishes one alert that may be stranded, in `run`; says what it did, if anything. `approval`: its
 * approval, read (with its chunk's others) after the alert was, where it has one and is not routed again.
 * Not one out on TradingAlerts (isOut): those are caught up together (catchUpChunk).
 */
async function healAlert(alert: Alert, approval: Approval | undefined, run: SweepRun): Promise<Healed> {
  const { now, graceBefore, timing, orphanedBefore } = run;
  if (routedAgain(alert)) {
    // Its AlertQueue message was lost (or its router stopped): the AlertProcessor routes it again,
    // taking over a stale claim, reissuing an approval request that was never marked announced (or
    // settling the alert, if an approver decided that request on its link).
    const stale = claimStaleBefore(now, timing.claimLeaseSeconds);
    const { claimedAt } = alert;
    // A live claim of a dead runtime's has no holder left: released, the AlertProcessor takes the alert now.
    const orphaned =
      claimedAt !== undefined &&
      orphanedBefore !== undefined &&
      claimedAt >= stale &&
      claimedAt < orphanedBefore;
    if (orphaned && !(await releaseClaim(alert.alertId, claimedAt))) return;
    if (!(await markRedriven(alert.alertId, alert.status, now.toISOString(), graceBefore, stale))) return;
    await enqueueAlert(alert);
    return "redriven";
  }
  if (!approval) return;
  if (alert.status === "PENDING_APPROVAL") {
    if (approval.status === "APPROVED" || approval.status === "REJECTED") {
      // Sweeps may overlap (a schedule run starting before the last ended): the one that moved it counts it.
      return (await settleAlert(approval)).moved ? "settled" : undefined;
    }
    if (approval.status === "EXPIRED") {
      const { tokenHash } = approval;
      const expiry = expiryOnFinish({ ...alert, status: "EXPIRED" }, now);
      const moved = await moveAlert(alert.alertId, "expire", expiry, { tokenHash });
      return moved ? "settled" : undefined;
    }
    // PENDING: decided or expired later. One in the open index is expired below, once it is due; one stored
    // before the index was is not in it, and its alert (PENDING_APPROVAL on its token until it closes) is
    // what leads here. Such an approval was open at most its hour when the index came, so the look-back
    // finds its alert for a day after; later, only a redriven PendingApprovals message's watch finds it.
    // Going through the alerts costs no read the sweep does not make already, where a fallback scan of
    // the table would read the 400 days of closed approvals again.
    if (approval.status !== "PENDING") return;
    if (deadlineOf(approval) >= Math.floor(Date.parse(graceBefore) / 1000)) return;
    // One whose item says it is in the index is left to the index's Query below, unless that misses it:
    // a `--data-dir` system killed inside its close (a decision, an expiry) after dynalite took it out of the
    // index and before it wrote the item leaves it PENDING, carrying `openFeed`, and out of the index
    // (sweep-torn-write.isolated.test.ts).
    if (inOpenIndex(approval)) {
      run.dueOpen.set(approval.tokenHash, approval);
      return;
    }
    const watched = await watchApproval(approval, now, orphanedBefore);
    return watched.kind === "expired" ? "expired" : undefined;
  }
  // APPROVED but not published: the publisher stopped after claiming the publication (a claim older
  // than the grace is released) or before claiming it.
  if (approval.status !== "APPROVED") return;
  if (approval.publishedAt) {
    if (approval.publishedAt >= graceBefore) return;
    await releaseApprovalPublished(approval.tokenHash, approval.publishedAt);
  }
  return (await settleAlert({ ...approval, publishedAt: undefined })).published ? "published" : undefined;
}

/**
 * One chunk of the sweep's alerts healed, each from its approval where it has one: their approvals read
 * together (one call per 100) after the alerts were, as each alert's own read was; each is acted on only
 * through conditional writes, so one decided, expired or published since is refused there. When the read
 * fails, the chunk's alerts that wait on it are counted failed and left to the next sweep, the others
 * healed now. Those out on TradingAlerts are caught up together (catchUpChunk).
 */
async function healChunk(
  alerts: readonly Alert[],
  attempt: <T>(what: Record<string, unknown>, work: () => Promise<T>) => Promise<T | undefined>,
  result: SweepResult,
  run: SweepRun,
): Promise<void> {
  const tokens = alerts.flatMap((alert) => approvalTokenOf(alert) ?? []);
  const approvals = await getApprovals(tokens).catch((error: unknown) => {
    result.failed += tokens.length;
    logger.error("Sweep could not read approvals", { alerts: tokens.length, error: error as Error });
    return undefined;
  });
  const healable = alerts.filter((alert) => !(approvalTokenOf(alert) && !approvals));
  const approvalOf = (alert: Alert) => {
    const token = approvalTokenOf(alert);
    return token ? approvals?.get(token) : undefined;
  };
  const out = healable.filter(isOut);
  await Promise.all([
    catchUpChunk(
      out.filter(({ publishedAt }) => (publishedAt as string) < run.graceBefore),
      approvalOf,
      result,
      run,
    ),
    mapLimit(
      healable.filter((alert) => !isOut(alert)),
      CONCURRENCY,
      async (alert) => {
        const healed = await attempt({ alertId: alert.alertId }, () =>
          healAlert(alert, approvalOf(alert), run),
        );
        if (healed) result[healed]++;
      },
    ),
  ]);
}

/** Whether the alert is out on TradingAlerts (and not routed again): the sweep's part is its catch-up. */
const isOut = (alert: Alert) => !routedAgain(alert) && alert.publishedAt !== undefined;

/**
 * Catches up a chunk's alerts out on TradingAlerts and not caught up, each a grace after it went out (until
 * then its publisher may still be telling them): another producer than the stream raised it
 * (catchUpLifecycle says why its publisher leaves it here), or its publisher stopped (or failed) before
 * its catch-up was done, and nothing retries that (an approval's decision was an API call; an AlertQueue
 * message may be lost with a local system's queues). Events told already are marked, and `caughtUpAt`
 * takes an alert out of the unfinished index. Their marks as they stand now, so an event the consumer
 * told since the query is not told again: read together just before (one strongly consistent BatchGetItem
 * per 100; the chunk's read may be a minute old by now), where each was a GetItem. Then catchUpLifecycles
 * by the sweep: their outcomes in one batch read, their events in rounds of PublishBatch, each linking the
 * page its approval stored. An alert whose catch-up fails is counted failed and logged; the others go on.
 */
async function catchUpChunk(
  alerts: readonly Alert[],
  approvalOf: (alert: Alert) => Approval | undefined,
  result: SweepResult,
  run: SweepRun,
): Promise<void> {
  if (alerts.length === 0) return;
  const failed = (alertIds: readonly string[], error: unknown) => {
    result.failed += alertIds.length;
    for (const alertId of alertIds) logger.error("Sweep could not heal", { alertId, error: error as Error });
  };
  const ids = alerts.map(({ alertId }) => alertId);
  try {
    const stored = await getAlerts(ids);
    const current = alerts.flatMap(({ alertId }) => stored.get(alertId) ?? []);
    const links = new Map(
      alerts.flatMap((alert) => {
        const link = approvalOf(alert)?.alertUrl;
        return link ? [[alert.alertId, link] as const] : [];
      }),
    );
    const caughtUp = await catchUpLifecycles(current, run.now, { by: "sweep", links });
    caughtUp.forEach((caught, n) => {
      const { alertId } = current[n] as Alert;
      if (caught.status === "rejected") failed([alertId], caught.reason);
      else {
        run.told[alertId] = caught.value;
        if (caught.value > 0) result.caughtUp++;
      }
    });
  } catch (error) {
    // The read of their marks failed, or a send failed outright: none is caught up, all tried next sweep.
    failed(ids, error);
  }
}

/**
 * One sweep at `now`: alerts created in the lookback (any time, given a run's start: SweepScope) and
 * unfinished for longer than the grace are
 * re-driven or settled; PENDING approvals expired for longer than the grace are expired. So nothing
 * stays stranded longer than the grace plus one schedule period. `scope`: see SweepScope. A read that fails
 * (the alerts' or a page of the due approvals') is thrown, after the due approvals were expired where they
 * could be read; a heal that fails is counted `failed` and logged. `result`: where the counts go as each is
 * made, so a caller still has what was done when the sweep throws.
 *
 * @example
 * await sweepStranded() // { redriven: 2, settled: 0, published: 0, caughtUp: 0, expired: 1, failed: 0 }
 */
export async function sweepStranded(
  now = new Date(),
  timing = recoveryTiming(),
  scope: SweepScope = {},
  result: SweepResult = noneSwept(),
): Promise<SweepResult> {
  const graceBefore = new Date(now.getTime() - timing.graceSeconds * 1000);
  // A run started on fresh queues: what its earlier run left may be older than the look-back, and the
  // queues that held it are gone; nothing else would find it.
  const since =
    scope.runStartedAt === undefined
      ? new Date(now.getTime() - timing.lookbackSeconds * 1000).toISOString()
      : new Date(0).toISOString();
  // One that cannot be healed now must not keep the others waiting: logged, counted, tried next sweep.
  const attempt = async <T>(what: Record<string, unknown>, work: () => Promise<T>) => {
    try {
      return await work();
    } catch (error) {
      result.failed++;
      logger.error("Sweep could not heal", { ...what, error: error as Error });
      return undefined;
    }
  };
  const unindexed = scope.unindexed === true || scope.runStartedAt !== undefined;
  // What its heals go by, and what they gather: said (told) or finished (dueOpen) after the chunks.
  const run: SweepRun = {
    now,
    graceBefore: graceBefore.toISOString(),
    timing,
    orphanedBefore: claimsOrphanedBefore(scope),
    told: {},
    dueOpen: new Map(),
  };
  // A read of the alerts that fails (a Query page or a chunk's batch read, refused after the SDK's retries)
  // stops the chunks, not the approvals' expiry, which reads apart from them: the due approvals are expired
  // in this run, then the read's error fails it.
  let unread: { error: unknown } | undefined;
  const expire = (approvals: Iterable<Approval>) =>
    mapLimit([...approvals], CONCURRENCY, async (approval) => {
      const watched = await attempt({ alertId: approval.alertId }, () =>
        watchApproval(approval, now, run.orphanedBefore),
      );
      if (watched?.kind === "expired") result.expired++;
    });
  try {
    // A chunk at a time (UNFINISHED_CHUNK), the next one's keys and alerts read while this one's approvals
    // are read and its alerts healed: a run holds two chunks' alerts and one's approvals, and fewer than a
    // page of due approvals beyond them, however many wait. A failed read of the next chunk is thrown once
    // this one is healed.
    for await (const alerts of readAhead(unfinishedAlerts(since, run.graceBefore, unindexed))) {
      await healChunk(alerts, attempt, result, run);
      // After a stop longer than their hour every open approval is due and its alert leads here: held for
      // the index's pages, a run held them all (72,000 at 1-second bars). Once they make a page they are
      // expired now; the index's pages then hold them no more, or find them closed.
      if (run.dueOpen.size < DUE_APPROVALS_A_PAGE) continue;
      const held = [...run.dueOpen.values()];
      run.dueOpen.clear();
      await expire(held);
    }
  } catch (error) {
    unread = { error };
  } finally {
    logPastEventsTold(run.told);
  }
  // Due: past its hour and the grace; or past its hour only, its expiry claimed by a run that is gone
  // (SweepScope): the grace leaves an approval to its watch, and its watch was that run's (a later one would
  // meet the claim and wait out its lease).
  const graceEpoch = Math.floor(graceBefore.getTime() / 1000);
  const { orphanedBefore } = run;
  const orphanedClaim = ({ expiryClaimedAt: claimed }: Approval) =>
    claimed !== undefined && orphanedBefore !== undefined && claimed < orphanedBefore;
  const dueNow = (approval: Approval) => deadlineOf(approval) < graceEpoch || orphanedClaim(approval);
  const dueBefore = orphanedBefore === undefined ? graceEpoch : Math.floor(now.getTime() / 1000);
  // A page of the due approvals at a time (DUE_APPROVALS_A_PAGE), expired before the next is read: the
  // expiries, not the Query, are what a page waits on. A failed page read stops the expiry there.
  try {
    for await (const page of pendingApprovalsExpiredBefore(dueBefore)) {
      const due = page.filter(dueNow);
      for (const { tokenHash } of due) run.dueOpen.delete(tokenHash);
      await expire(due);
    }
    // Those the alerts led to that the index does not hold.
    await expire(run.dueOpen.values());
  } catch (error) {
    if (!unread) throw error;
    // Both reads failed: the run fails on the first, and this one is said here, not lost.
    logger.error("Sweep could not read the due approvals", { error: error as Error });
  }
  if (unread) throw unread.error;
  return result;
}
