// An overdue approval's expiry stopped dead (SIGKILL: a crash, a Lambda timeout) on dynalite and fauxqs:
// the ApprovalProcessor, in a process of its own, is killed once it has claimed the expiry, before or after
// its notice reaches SNS. The approvers are still told, by the sweep once the claim is stale, and no more
// than once more.

import assert from "node:assert";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { getAlert } from "#alerts";
import { DEFAULT_RECOVERY_TIMING } from "#config";
import { sweepStranded } from "#recovery";
import { published, queueUrl, receiveSqsEvent } from "#test/aws";
import { type KillPoint, killedAtCall } from "#test/killed-at-call";
import { overdueApproval } from "#test/overdue-approval";
import type { Approval } from "./approval";
import { EXPIRY_CLAIM_LEASE_SECONDS, watchApproval } from "./expire";
import { getApproval } from "./repository";

const PROCESSOR = fileURLToPath(new URL("../handlers/approval-processor.ts", import.meta.url));
const timing = { ...DEFAULT_RECOVERY_TIMING, graceSeconds: 600 };
const later = (from: Date, seconds: number) => new Date(from.getTime() + seconds * 1000);

/** Past its hour, within the grace. */
const OVERDUE_BY_SECONDS = 30;

/**
 * An approval requested and announced two hours ago (or past its hour by `seconds`), and its
 * PendingApprovals message, received.
 */
async function overdue(seconds?: number) {
  const approval = await overdueApproval(seconds);
  const { Records } = await receiveSqsEvent(queueUrl("PendingApprovals"));
  const watch = Records.filter((r) => JSON.parse(r.body).tokenHash === approval.tokenHash);
  expect(watch).toHaveLength(1);
  return { approval, event: { Records: watch } };
}

/** The approvalExpired notices approvers got since the last look, by alert. */
async function expiryNotices(): Promise<string[]> {
  return (await published("AlertApprovalRequests"))
    .filter((n) => n.message.type === "approvalExpired")
    .map((n) => n.message.alertId);
}

async function stored(approval: Approval): Promise<Approval> {
  const current = await getApproval(approval.tokenHash);
  assert(current, `no approval ${approval.tokenHash}`);
  return current;
}

const claimWritten: KillPoint = { call: (operation) => operation === "DYNAMODB.UpdateItem", when: "after" };
const beforeNotice: KillPoint = { call: (operation) => operation === "SNS.Publish", when: "before" };
const afterNotice: KillPoint = { call: (operation) => operation === "SNS.Publish", when: "after" };

describe("an expiry whose run stopped dead", () => {
  it.each([
    ["its claim written, the answer lost", claimWritten],
    ["after its claim, before its notice", beforeNotice],
  ])("%s: the sweep tells the approvers once, after the claim's lease", async (_, at) => {
    const { approval, event } = await overdue();
    const run = await killedAtCall(PROCESSOR, event, at);
    expect(run.killed).toBe(true);
    expect(run.calls).toContain("DYNAMODB.UpdateItem");
    expect(await expiryNotices()).toEqual([]);
    const left = await stored(approval);
    expect(left.status).toBe("PENDING");
    const claimed = new Date(left.expiryClaimedAt as string);

    // Within the lease the dead run's claim holds: nobody tells them yet.
    const held = later(claimed, EXPIRY_CLAIM_LEASE_SECONDS - 1);
    expect(await sweepStranded(held, timing)).toMatchObject({ expired: 0, failed: 0 });
    expect(await watchApproval(approval, held)).toMatchObject({ kind: "claimed" });
    expect(await expiryNotices()).toEqual([]);

    const stale = later(claimed, EXPIRY_CLAIM_LEASE_SECONDS + 1);
    expect(await sweepStranded(stale, timing)).toMatchObject({ expired: 1, failed: 0 });
    expect(await expiryNotices()).toEqual([approval.alertId]);
    expect(await stored(approval)).toMatchObject({ status: "EXPIRED" });
    expect(await getAlert(approval.alertId)).toMatchObject({ status: "EXPIRED" });
    expect(await sweepStranded(later(stale, 300), timing)).toMatchObject({ expired: 0, failed: 0 });
    expect(await expiryNotices()).toEqual([]);
  });

  it("after its claim, on a local system started again: its first sweep tells them at once", async () => {
    const { approval, event } = await overdue();
    expect((await killedAtCall(PROCESSOR, event, beforeNotice)).killed).toBe(true);
    const claimed = new Date((await stored(approval)).expiryClaimedAt as string);
    const fresh = { ...timing, graceSeconds: 0 };

    // A run started before the claim may hold it still: it waits out its lease.
    const before = new Date(claimed.getTime() - 1000).toISOString();
    expect(await sweepStranded(new Date(), fresh, { runStartedAt: before })).toMatchObject({ expired: 0 });
    expect(await expiryNotices()).toEqual([]);
    // Started after it: nothing of the run that claimed it is left (its queues and emulators stopped).
    const restarted = new Date();
    const runStartedAt = restarted.toISOString();
    expect(await sweepStranded(restarted, fresh, { runStartedAt })).toMatchObject({ expired: 1, failed: 0 });
    expect(await expiryNotices()).toEqual([approval.alertId]);
    expect(await stored(approval)).toMatchObject({ status: "EXPIRED" });
  });

  it("after its claim, in a local runtime restarted after it died: its first sweep tells them at once", async () => {
    // Past its hour by 30 s, within the grace (10 minutes here): claimed by its watch, which was killed.
    const { approval, event } = await overdue(OVERDUE_BY_SECONDS);
    expect((await killedAtCall(PROCESSOR, event, beforeNotice)).killed).toBe(true);
    const claimed = new Date((await stored(approval)).expiryClaimedAt as string);
    // And one past its hour as long, whose watch has not run yet: the grace leaves it to that watch.
    const unwatched = await overdue(OVERDUE_BY_SECONDS);

    expect(await sweepStranded(new Date(), timing)).toMatchObject({ expired: 0, failed: 0 });
    // A runtime started before the claim may hold it still: it waits out its lease.
    const before = new Date(claimed.getTime() - 1000).toISOString();
    expect(await sweepStranded(new Date(), timing, { claimsOrphanedBefore: before })).toMatchObject({
      expired: 0,
    });
    expect(await expiryNotices()).toEqual([]);
    // Started after it: every processor of the system ran in the runtime that died.
    const restarted = new Date();
    const claimsOrphanedBefore = restarted.toISOString();
    expect(await sweepStranded(restarted, timing, { claimsOrphanedBefore })).toMatchObject({
      expired: 1,
      failed: 0,
    });
    expect(await expiryNotices()).toEqual([approval.alertId]);
    expect(await stored(approval)).toMatchObject({ status: "EXPIRED" });
    expect(await getAlert(approval.alertId)).toMatchObject({ status: "EXPIRED" });
    expect(await stored(unwatched.approval)).toMatchObject({ status: "PENDING" });
    expect(await watchApproval(unwatched.approval)).toMatchObject({ kind: "expired" });
    expect(await expiryNotices()).toEqual([unwatched.approval.alertId]);
  });

  it("after its notice, before the close: told once more after the lease, and no more", async () => {
    const { approval, event } = await overdue();
    expect((await killedAtCall(PROCESSOR, event, afterNotice)).killed).toBe(true);
    expect(await expiryNotices()).toEqual([approval.alertId]);
    const left = await stored(approval);
    expect(left.status).toBe("PENDING");
    const claimed = new Date(left.expiryClaimedAt as string);

    expect(await sweepStranded(later(claimed, EXPIRY_CLAIM_LEASE_SECONDS - 1), timing)).toMatchObject({
      expired: 0,
    });
    expect(await expiryNotices()).toEqual([]);
    // The window a notice and the close after it leave (docs/reliability.md): the next run cannot know the
    // notice went out, and tells them again, once.
    const stale = later(claimed, EXPIRY_CLAIM_LEASE_SECONDS + 1);
    expect(await sweepStranded(stale, timing)).toMatchObject({ expired: 1, failed: 0 });
    expect(await expiryNotices()).toEqual([approval.alertId]);
    expect(await stored(approval)).toMatchObject({ status: "EXPIRED" });
    expect(await sweepStranded(later(stale, 300), timing)).toMatchObject({ expired: 0 });
    expect(await expiryNotices()).toEqual([]);
  });
});
