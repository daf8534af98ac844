// The sweep takes its candidates a chunk at a time: each chunk's alerts read, then their approvals read and
// the chunk healed while the next chunk's alerts are read, so a run holds two chunks, not every alert
// waiting (docs/capacity.md, "Every read, as the tables fill"). Counted on dynalite and fauxqs.

import { beforeEach, describe, expect, it } from "vitest";
import { type Alert, getAlert, putAlertIfNew, UNFINISHED_CHUNK } from "#alerts";
import { approvalsOfAlert, DUE_APPROVALS_A_PAGE, recordDecision, requestApproval } from "#approvals";
import { DEFAULT_RECOVERY_TIMING } from "#config";
import { published } from "#test/aws";
import { queuedAlert } from "#test/fixtures";
import { captureLogs } from "#test/logs";
import { watchTableCalls, whileTableCallsRefused } from "#test/table-calls";
import { noneSwept, sweepStranded } from "./sweep";

const CHUNK = UNFINISHED_CHUNK;
/** The Alerts batch reads of a chunk: BatchGetItem takes 100 keys a call. */
const READS_A_CHUNK = CHUNK / 100;
const timing = DEFAULT_RECOVERY_TIMING;
/** Half an hour before a sweep: past its grace, inside an approval's hour. */
const HALF_HOUR = 30 * 60_000;

/** DynamoDB calls in the order they were made (`BatchGetItemCommand Alerts`). */
const calls: string[] = [];
watchTableCalls(["Alerts", "ApprovalTracking"], (command, table) => calls.push(`${command} ${table}`));
beforeEach(() => {
  calls.length = 0;
});

/** `count` alerts created one second apart from `from` on, so the oldest are the first chunk's. */
const createdFrom = (from: Date, count: number, overrides: Partial<Alert> = {}) =>
  Array.from({ length: count }, (_, i) =>
    queuedAlert({ createdAt: new Date(from.getTime() + i * 1000).toISOString(), ...overrides }),
  );

async function store(alerts: Alert[]): Promise<void> {
  for (let i = 0; i < alerts.length; i += 50) await Promise.all(alerts.slice(i, i + 50).map(putAlertIfNew));
}

/** A CRITICAL alert waiting on its announced approval, which an approver decided; its alert left unmoved. */
async function decidedWhileWaiting(alert: Alert, requested: Date): Promise<void> {
  await putAlertIfNew(alert);
  expect(await requestApproval(alert, requested)).toBe("requested");
  const token = (await getAlert(alert.alertId))?.approvalTokenHash;
  expect(token).toEqual(expect.any(String));
  await recordDecision(
    token as string,
    "APPROVED",
    "alice",
    undefined,
    new Date(requested.getTime() + 60_000),
  );
}

describe("the sweep with more candidates than a chunk", () => {
  it("reads the second chunk while it heals the first, and the third only once the first is healed", async () => {
    const now = new Date("2026-08-01T12:00:00.000Z");
    await store(createdFrom(new Date(now.getTime() - 2 * HALF_HOUR), 2 * CHUNK + 1));
    calls.length = 0;
    expect(await sweepStranded(now, timing)).toMatchObject({ redriven: 2 * CHUNK + 1, failed: 0 });
    // A re-drive's mark (an UpdateItem of the alert) is a heal; the alerts are read in BatchGetItems. The
    // first chunk's heals are the first CHUNK marks: the second chunk's are made once they are done.
    const at = (call: string, nth: number) => calls.findIndex((made) => made === call && --nth === 0);
    const firstChunkHealed = at("UpdateItemCommand Alerts", CHUNK);
    const secondChunkRead = at("BatchGetItemCommand Alerts", READS_A_CHUNK + 1);
    const thirdChunkRead = at("BatchGetItemCommand Alerts", 2 * READS_A_CHUNK + 1);
    expect(firstChunkHealed).toBeGreaterThanOrEqual(0);
    expect(secondChunkRead).toBeGreaterThanOrEqual(0);
    // Before: the 9th batch read (the second chunk's) came after the 800th mark, one call later.
    expect(secondChunkRead, "the second chunk's read begun before the first's last heal").toBeLessThan(
      firstChunkHealed,
    );
    // At most two chunks held: the third is read after the first is healed.
    expect(thirdChunkRead).toBeGreaterThan(firstChunkHealed);
  }, 180_000);

  it("fails only the chunk whose approvals could not be read, and heals the others", async () => {
    // Four days on: the earlier test's alerts are out of the look-back.
    const now = new Date("2026-08-05T12:00:00.000Z");
    const requested = new Date(now.getTime() - HALF_HOUR);
    const [first, ...rest] = createdFrom(new Date(requested.getTime() - HALF_HOUR), CHUNK + 2, {
      severity: "CRITICAL",
    });
    // The oldest (the first chunk's) and the two newest (the second chunk's) wait on decided approvals.
    const queued = rest.slice(0, CHUNK - 1);
    const later = rest.slice(CHUNK - 1);
    await decidedWhileWaiting(first as Alert, requested);
    for (const alert of later) await decidedWhileWaiting(alert, requested);
    await store(queued);

    // The first approvals read is refused, as the SDK gives up after its retries.
    let refused = 0;
    const firstApprovalsRead = (command: string, table: string) =>
      command === "BatchGetItemCommand" && table === "ApprovalTracking" && refused++ === 0
        ? "ProvisionedThroughputExceededException"
        : undefined;
    expect(
      await whileTableCallsRefused(["ApprovalTracking"], firstApprovalsRead, () =>
        sweepStranded(now, timing),
      ),
    ).toEqual({
      redriven: CHUNK - 1,
      settled: later.length,
      published: 0,
      caughtUp: 0,
      expired: 0,
      failed: 1,
    });
    for (const alert of later)
      expect(await getAlert(alert.alertId)).toMatchObject({
        status: "APPROVED",
        publishedAt: expect.any(String),
      });
    expect(await getAlert((first as Alert).alertId)).toMatchObject({ status: "PENDING_APPROVAL" });
    // The next run settles the one left.
    expect(await sweepStranded(new Date(now.getTime() + 5 * 60_000), timing)).toMatchObject({
      redriven: 0,
      settled: 1,
      failed: 0,
    });
  }, 180_000);

  it("expires the due approvals when a later chunk's read fails, then fails the run", async () => {
    // Eight days on: the earlier tests' alerts are out of the look-back.
    const now = new Date("2026-08-09T12:00:00.000Z");
    // Requested two hours before the sweep: past its hour and the grace. Its alert is the first chunk's oldest.
    const requested = new Date(now.getTime() - 4 * HALF_HOUR);
    const waiting = queuedAlert({ severity: "CRITICAL", createdAt: requested.toISOString() });
    await putAlertIfNew(waiting);
    expect(await requestApproval(waiting, requested)).toBe("requested");
    await store(createdFrom(new Date(now.getTime() - 2 * HALF_HOUR), CHUNK));

    // The first Alerts batch read after the first chunk's is the second chunk's: refused, as the SDK gives
    // up after its retries (while the first chunk is healed: the second is read meanwhile).
    let reads = 0;
    let refused = 0;
    const secondChunksRead = (command: string) =>
      command === "BatchGetItemCommand" && ++reads > READS_A_CHUNK && refused++ === 0
        ? "ProvisionedThroughputExceededException"
        : undefined;
    await expect(
      whileTableCallsRefused(["Alerts"], secondChunksRead, () => sweepStranded(now, timing)),
    ).rejects.toThrow("ProvisionedThroughputExceededException");
    expect(refused).toBeGreaterThan(0);
    // Its expiry does not wait on the alerts' read: done in the run that failed.
    expect(await approvalsOfAlert(waiting.alertId)).toEqual([expect.objectContaining({ status: "EXPIRED" })]);
    expect(calls.filter((call) => call === "UpdateItemCommand Alerts").length).toBeGreaterThanOrEqual(
      CHUNK - 1,
    );
  }, 180_000);
  it("says both causes when the alerts' read and the due approvals' read fail in one run", async () => {
    // Sixteen days on: the earlier tests' alerts and approvals are out of the look-back or closed.
    const now = new Date("2026-08-17T12:00:00.000Z");
    await store(createdFrom(new Date(now.getTime() - 2 * HALF_HOUR), 1));
    const refusing = new Map([
      ["BatchGetItemCommand Alerts", "alerts read refused"],
      ["QueryCommand ApprovalTracking", "due approvals read refused"],
    ]);
    const { result, lines } = await whileTableCallsRefused(
      ["Alerts", "ApprovalTracking"],
      (command, table) => refusing.get(`${command} ${table}`),
      () =>
        captureLogs("ERROR", () =>
          sweepStranded(now, timing).then(
            () => "swept",
            (error: Error) => error.message,
          ),
        ),
    );
    // The run fails on the first cause, the alerts' read; the other is logged, not lost.
    expect(result).toBe("alerts read refused");
    expect(JSON.stringify(lines)).toContain("due approvals read refused");
  }, 60_000);
});

describe("the sweep with more due approvals than a page", () => {
  it("expires a page of them before it reads the next", async () => {
    // Twenty days on: the earlier tests' alerts are out of the look-back, their approvals closed.
    const now = new Date("2026-08-21T12:00:00.000Z");
    // Requested two hours before the look-back: past their hour and the grace; their watches never run here.
    // Only the open index leads to them: the sweep's alerts lead to their own due approvals too, and expire
    // them once they make a page (sweep-due-held.test.ts).
    const requested = new Date(now.getTime() - timing.lookbackSeconds * 1000 - 4 * HALF_HOUR);
    const alerts = createdFrom(requested, DUE_APPROVALS_A_PAGE + 1, { severity: "CRITICAL" });
    for (let i = 0; i < alerts.length; i += 25)
      await Promise.all(
        alerts.slice(i, i + 25).map(async (alert) => {
          await putAlertIfNew(alert);
          expect(await requestApproval(alert, requested)).toBe("requested");
        }),
      );
    calls.length = 0;

    expect(await sweepStranded(now, timing)).toMatchObject({ expired: alerts.length, failed: 0 });
    const swept = [...calls];
    for (const alert of alerts)
      expect(await approvalsOfAlert(alert.alertId)).toEqual([expect.objectContaining({ status: "EXPIRED" })]);
    // The due approvals' Queries (the sweep makes no other of ApprovalTracking): a page, then the one left.
    const pages = swept.flatMap((call, at) => (call === "QueryCommand ApprovalTracking" ? [at] : []));
    expect(pages).toHaveLength(2);
    // Each expiry claims, then closes, its approval (an UpdateItem each): the first page's were made before
    // the second page was read. Before: one Query read all 101, and every expiry came after it.
    const expiryWrites = swept
      .slice(0, pages[1])
      .filter((call) => call === "UpdateItemCommand ApprovalTracking");
    expect(expiryWrites.length).toBeGreaterThanOrEqual(2 * DUE_APPROVALS_A_PAGE);
  }, 120_000);

  it("fails the run when a later page's read fails, its first page expired, and the next run expires the rest", async () => {
    // Twenty-four days on. Their alerts are older than the look-back (a stop of more than a day), so only the
    // open index's pages lead to their approvals.
    const now = new Date("2026-08-25T12:00:00.000Z");
    const alerts = createdFrom(
      new Date(now.getTime() - timing.lookbackSeconds * 1000 - 4 * HALF_HOUR),
      DUE_APPROVALS_A_PAGE + 50,
      { severity: "CRITICAL" },
    );
    // Each requested as it was created, a second after the one before: the index holds them in that order.
    for (let i = 0; i < alerts.length; i += 25)
      await Promise.all(
        alerts.slice(i, i + 25).map(async (alert) => {
          await putAlertIfNew(alert);
          expect(await requestApproval(alert, new Date(alert.createdAt))).toBe("requested");
        }),
      );
    await published("AlertApprovalRequests");
    const statuses = async (some: readonly Alert[]) =>
      Promise.all(some.map(async ({ alertId }) => (await approvalsOfAlert(alertId)).map((a) => a.status)));
    const firstPage = alerts.slice(0, DUE_APPROVALS_A_PAGE);
    const rest = alerts.slice(DUE_APPROVALS_A_PAGE);

    // The second Query of the open index is refused, as the SDK gives up after its retries.
    let queries = 0;
    const secondPage = (command: string) =>
      command === "QueryCommand" && ++queries === 2 ? "ProvisionedThroughputExceededException" : undefined;
    const result = noneSwept();
    await expect(
      whileTableCallsRefused(["ApprovalTracking"], secondPage, () => sweepStranded(now, timing, {}, result)),
    ).rejects.toThrow("ProvisionedThroughputExceededException");
    expect(queries).toBe(2);
    expect(result).toMatchObject({ expired: DUE_APPROVALS_A_PAGE, failed: 0 });
    expect(await statuses(firstPage)).toEqual(firstPage.map(() => ["EXPIRED"]));
    for (const { alertId } of firstPage) expect(await getAlert(alertId)).toMatchObject({ status: "EXPIRED" });
    // The rest untouched: still PENDING, no claim of an expiry on them to wait out.
    for (const { alertId } of rest)
      expect(await approvalsOfAlert(alertId)).toEqual([
        expect.not.objectContaining({ expiryClaimedAt: expect.anything() }),
      ]);
    expect(await statuses(rest)).toEqual(rest.map(() => ["PENDING"]));

    expect(await sweepStranded(new Date(now.getTime() + 5 * 60_000), timing)).toMatchObject({
      expired: rest.length,
      failed: 0,
    });
    expect(await statuses(alerts)).toEqual(alerts.map(() => ["EXPIRED"]));
    for (const { alertId } of rest) expect(await getAlert(alertId)).toMatchObject({ status: "EXPIRED" });
    // The approvers of each told once, over the two runs.
    const told = (await published("AlertApprovalRequests")).flatMap(({ message }) =>
      message.type === "approvalExpired" ? [message.alertId] : [],
    );
    expect(told.sort()).toEqual(alerts.map(({ alertId }) => alertId).sort());
  }, 120_000);
});
