// How long ApprovalTracking keeps an approval, on dynalite and fauxqs. The emulator runs no TTL, so what is
// checked is the TTL attribute's value each write leaves: an open request kept a while past its deadline,
// a decided or expired one kept for the audit from its close; and the deadline, stored apart from the TTL
// attribute (or, on an approval stored before that, read from it), still refusing a late decision.

import assert from "node:assert";
import { sha256Hex } from "@stock-patterns/core";
import {
  APPROVAL_AUDIT_RETENTION_SECONDS,
  APPROVAL_OPEN_RETENTION_SECONDS,
  APPROVAL_TTL_SECONDS,
} from "@stock-patterns/core/catalog";
import { describe, expect, it } from "vitest";
import { putAlertIfNew } from "#alerts";
import { DEFAULT_RECOVERY_TIMING } from "#config";
import { sweepStranded } from "#recovery";
import { storedBeforeOpenIndex } from "#test/approval-shapes";
import { loseMessages, published } from "#test/aws";
import { queuedAlert } from "#test/fixtures";
import { call } from "#test/http";
import type { Approval } from "./approval";
import { getApproval } from "./repository";
import { requestApproval } from "./request";

const DAY = 86_400;
const epoch = (at: Date | string) => Math.floor(new Date(at).getTime() / 1000);
const timing = { ...DEFAULT_RECOVERY_TIMING, graceSeconds: 600 };
/** An approval stored before `deadlineEpoch` was: its TTL attribute its deadline (and before the open index). */
const OLD = { beforeDeadlineEpoch: true };

/** A CRITICAL alert whose approval was requested at `at` and announced; the token from its link. */
async function requested(at = new Date()) {
  const alert = queuedAlert({ severity: "CRITICAL", createdAt: at.toISOString() });
  await putAlertIfNew(alert);
  expect(await requestApproval(alert, at)).toBe("requested");
  const link = (await published("AlertApprovalRequests")).find(
    (r) => r.message.alert?.alertId === alert.alertId,
  );
  const token = new URL(link?.message.approveUrl as string).searchParams.get("token") as string;
  return { alert, token, tokenHash: sha256Hex(token) };
}

async function stored(tokenHash: string): Promise<Approval> {
  const approval = await getApproval(tokenHash);
  assert(approval, `no approval ${tokenHash}`);
  return approval;
}

const decide = (token: string, decision: "approve" | "reject", comment?: string) =>
  call(`/approve/${token}`, { key: "approver", body: { decision, comment } });

describe("an approval's stay in ApprovalTracking", () => {
  it("keeps a request its hour as deadline, and 14 days past it before TTL may delete it undecided", async () => {
    const now = new Date();
    const { tokenHash } = await requested(now);
    const deadline = epoch(now) + APPROVAL_TTL_SECONDS;
    expect(APPROVAL_OPEN_RETENTION_SECONDS).toBe(14 * DAY);
    expect(await stored(tokenHash)).toMatchObject({
      status: "PENDING",
      deadlineEpoch: deadline,
      expiresAt: new Date(now.getTime() + APPROVAL_TTL_SECONDS * 1000).toISOString(),
      expiresAtEpoch: deadline + 14 * DAY,
    });
  });

  it.each([
    ["approve", "APPROVED"],
    ["reject", "REJECTED"],
  ] as const)(
    "keeps an approval decided by %s for 400 days from the decision, and a repeat changes nothing",
    async (decision, status) => {
      const { token, tokenHash } = await requested();
      const deadline = (await stored(tokenHash)).deadlineEpoch;
      const first = await decide(token, decision, "levels hold");
      expect(first.status).toBe(200);
      const decided = await stored(tokenHash);
      expect(APPROVAL_AUDIT_RETENTION_SECONDS).toBe(400 * DAY);
      expect(decided).toMatchObject({
        status,
        decidedBy: "alice",
        comment: "levels hold",
        deadlineEpoch: deadline,
      });
      expect(decided.expiresAtEpoch).toBe(epoch(decided.decidedAt as string) + 400 * DAY);

      const repeat = await decide(token, decision);
      expect(repeat.status).toBe(200);
      expect(repeat.json.outcome).toBe("repeated");
      expect(await stored(tokenHash)).toEqual(decided);
    },
  );

  it("keeps an approval the sweep expired for 400 days from the expiry; a later sweep leaves it", async () => {
    const created = new Date("2025-03-01T09:30:00.000Z");
    const { tokenHash } = await requested(created);
    await loseMessages("PendingApprovals");
    const sweptAt = new Date(created.getTime() + (APPROVAL_TTL_SECONDS + 601) * 1000);
    expect(await sweepStranded(sweptAt, timing)).toMatchObject({ expired: 1 });
    const expired = await stored(tokenHash);
    expect(expired).toMatchObject({
      status: "EXPIRED",
      closedAt: sweptAt.toISOString(),
      deadlineEpoch: epoch(created) + APPROVAL_TTL_SECONDS,
      expiresAtEpoch: epoch(sweptAt) + 400 * DAY,
    });
    expect(await sweepStranded(new Date(sweptAt.getTime() + 3_600_000), timing)).toMatchObject({
      expired: 0,
    });
    expect(await stored(tokenHash)).toEqual(expired);
  });

  it("refuses a decision after the hour (410) and keeps the request as it was", async () => {
    const { token, tokenHash } = await requested(new Date(Date.now() - (APPROVAL_TTL_SECONDS + 60) * 1000));
    const before = await stored(tokenHash);
    const late = await decide(token, "approve");
    expect(late.status).toBe(410);
    expect(await stored(tokenHash)).toEqual(before);
  });

  describe("stored before deadlineEpoch (its TTL attribute the deadline)", () => {
    it("refuses a decision after the hour (410)", async () => {
      const token = "old-shape-late-0123456789abcdef";
      const before = await storedBeforeOpenIndex(token, new Date(Date.now() - 60_000), OLD);
      const late = await decide(token, "reject");
      expect(late.status).toBe(410);
      expect(await stored(before.tokenHash)).toEqual(before);
    });

    it("takes a decision within the hour, keeping its deadline and 400 days from the decision", async () => {
      const token = "old-shape-in-time-0123456789abcdef";
      const deadline = new Date(Date.now() + 600_000);
      const before = await storedBeforeOpenIndex(token, deadline, OLD);
      expect((await decide(token, "reject", "stale print")).status).toBe(200);
      const decided = await stored(before.tokenHash);
      expect(decided).toMatchObject({
        status: "REJECTED",
        comment: "stale print",
        deadlineEpoch: epoch(deadline),
      });
      expect(decided.expiresAtEpoch).toBe(epoch(decided.decidedAt as string) + 400 * DAY);
    });

    it("is expired by the sweep once past its hour, keeping its deadline and 400 days from the expiry", async () => {
      const deadline = new Date("2025-03-02T10:00:00.000Z");
      const before = await storedBeforeOpenIndex("old-shape-swept-0123456789abcdef", deadline, OLD);
      const sweptAt = new Date(deadline.getTime() + 601_000);
      expect(await sweepStranded(new Date(deadline.getTime() + 599_000), timing)).toMatchObject({
        expired: 0,
      });
      expect(await sweepStranded(sweptAt, timing)).toMatchObject({ expired: 1 });
      expect(await stored(before.tokenHash)).toMatchObject({
        status: "EXPIRED",
        deadlineEpoch: epoch(deadline),
        expiresAtEpoch: epoch(sweptAt) + 400 * DAY,
      });
    });
  });
});
