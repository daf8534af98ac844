// ApprovalTracking's sparse openByDeadline index on dynalite: an approval is in it from its request until
// any close; the sweep and GET /approvals?status=PENDING read open approvals through it, not the table of
// closed ones kept 400 days; approvals stored before it are still expired; and a stale index copy of one
// decided meanwhile (a global index is eventually consistent) is not expired.

import assert from "node:assert";
import { BatchWriteCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { sha256Hex } from "@stock-patterns/core";
import { APPROVAL_TTL_SECONDS } from "@stock-patterns/core/catalog";
import { beforeEach, describe, expect, it } from "vitest";
import { putAlertIfNew } from "#alerts";
import { dynamo } from "#aws";
import { DEFAULT_RECOVERY_TIMING, linked } from "#config";
import { sweepStranded } from "#recovery";
import { storedBeforeOpenIndex } from "#test/approval-shapes";
import { loseMessages, published } from "#test/aws";
import { queuedAlert } from "#test/fixtures";
import { call } from "#test/http";
import { watchTableAnswers } from "#test/table-calls";
import type { Approval } from "./approval";
import { watchApproval } from "./expire";
import {
  closeApproval,
  getApproval,
  listApprovals,
  pendingApprovalsExpiredBefore,
  recordDecision,
} from "./repository";
import { requestApproval } from "./request";

const timing = { ...DEFAULT_RECOVERY_TIMING, graceSeconds: 600 };
const seconds = (from: Date, by: number) => new Date(from.getTime() + by * 1000);
const epoch = (at: Date) => Math.floor(at.getTime() / 1000);
const TABLE = () => linked("ApprovalTracking", "name");

/** A CRITICAL alert whose approval was requested at `at` and announced; its stored approval. */
async function requested(at: Date): Promise<Approval> {
  const alert = queuedAlert({ severity: "CRITICAL", createdAt: at.toISOString() });
  await putAlertIfNew(alert);
  expect(await requestApproval(alert, at)).toBe("requested");
  const approval = (await published("AlertApprovalRequests")).find(
    (r) => r.message.alert?.alertId === alert.alertId,
  );
  assert(approval, "no approval request announced");
  const token = new URL(approval.message.approveUrl as string).searchParams.get("token") as string;
  return stored(sha256Hex(token));
}

async function stored(tokenHash: string): Promise<Approval> {
  const approval = await getApproval(tokenHash);
  assert(approval, `no approval ${tokenHash}`);
  return approval;
}

/** The approvals the open index holds with a deadline before `epoch`, every page of them. */
async function dueBefore(epoch: number): Promise<Approval[]> {
  const due: Approval[] = [];
  for await (const page of pendingApprovalsExpiredBefore(epoch)) due.push(...page);
  return due;
}

/** The token hashes the open index holds. */
async function inIndex(): Promise<string[]> {
  return (await dueBefore(Number.MAX_SAFE_INTEGER)).map((a) => a.tokenHash).sort();
}

/** `count` approvals closed long ago (APPROVED), written raw in batches: the 400 days kept for the audit. */
async function closedApprovals(count: number, closedAt: Date): Promise<void> {
  const items = Array.from({ length: count }, (_, i) => ({
    tokenHash: sha256Hex(`closed-${i}-${closedAt.toISOString()}`),
    alertId: `alr_closed_${i}`,
    status: "APPROVED",
    createdAt: closedAt.toISOString(),
    expiresAt: closedAt.toISOString(),
    deadlineEpoch: epoch(closedAt),
    expiresAtEpoch: epoch(closedAt) + 400 * 86_400,
    symbol: "SPX",
    interval: "1d",
    severity: "CRITICAL",
    summary: "head-and-shoulders (HS), confidence 93",
    decidedBy: "alice",
    decidedAt: closedAt.toISOString(),
  }));
  for (let i = 0; i < items.length; i += 25) {
    await dynamo().send(
      new BatchWriteCommand({
        RequestItems: { [TABLE()]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
      }),
    );
  }
}

/** Each Query or Scan sent to ApprovalTracking while installed: its kind, the items it read, its read units. */
interface Read {
  command: string;
  index?: string;
  scanned: number;
  units: number;
}
const reads: Read[] = [];
beforeEach(() => {
  reads.length = 0;
});
watchTableAnswers(["ApprovalTracking"], (command, _table, input, { scanned, units }) => {
  if (/^(Query|Scan)Command$/.test(command))
    reads.push({ command, index: input.IndexName as string | undefined, scanned, units });
});

describe("the open index holds an approval from its request until its close", () => {
  const created = new Date("2021-06-01T14:00:00.000Z");
  const due = seconds(created, APPROVAL_TTL_SECONDS + 601);

  it.each([
    [
      "approved",
      (a: Approval) => recordDecision(a.tokenHash, "APPROVED", "alice", undefined, seconds(created, 60)),
    ],
    [
      "rejected",
      (a: Approval) => recordDecision(a.tokenHash, "REJECTED", "alice", "no", seconds(created, 60)),
    ],
    ["expired by its watch", (a: Approval) => watchApproval(a, due)],
    [
      "expired by the sweep",
      async () => expect(await sweepStranded(due, timing)).toMatchObject({ expired: 1 }),
    ],
    ["superseded", (a: Approval) => closeApproval(a.tokenHash, "SUPERSEDED", seconds(created, 60))],
  ] as const)("out of it once %s", async (_, close) => {
    const approval = await requested(created);
    await loseMessages("PendingApprovals");
    expect(approval).toMatchObject({
      status: "PENDING",
      openFeed: "open",
      deadlineEpoch: epoch(created) + 3600,
    });
    expect(await inIndex()).toEqual([approval.tokenHash]);

    await close(approval);
    const closed = await stored(approval.tokenHash);
    expect(closed.status).not.toBe("PENDING");
    expect(closed).not.toHaveProperty("openFeed");
    expect(closed.deadlineEpoch).toBe(approval.deadlineEpoch);
    expect(await inIndex()).toEqual([]);
  });
});

describe("the sweep", () => {
  it("reads open approvals past their deadline through the index, none of the closed ones", async () => {
    const created = new Date("2021-07-01T14:00:00.000Z");
    await closedApprovals(120, seconds(created, -86_400));
    const overdue = [
      await requested(created),
      await requested(seconds(created, 60)),
      await requested(seconds(created, 120)),
    ];
    const open = [await requested(seconds(created, 3000)), await requested(seconds(created, 3100))];
    await loseMessages("PendingApprovals");
    const sweptAt = seconds(created, APPROVAL_TTL_SECONDS + 721);
    reads.length = 0;

    expect(await sweepStranded(sweptAt, timing)).toMatchObject({ expired: 3, failed: 0 });

    // One Query of the index, reading the three overdue approvals; no Scan of the 125 items.
    expect(reads.map(({ command, index, scanned }) => ({ command, index, scanned }))).toEqual([
      { command: "QueryCommand", index: "openByDeadline", scanned: 3 },
    ]);
    for (const approval of overdue) expect((await stored(approval.tokenHash)).status).toBe("EXPIRED");
    for (const approval of open) expect((await stored(approval.tokenHash)).status).toBe("PENDING");
    expect(await inIndex()).toEqual(open.map((a) => a.tokenHash).sort());

    // What the sweep's scan of the table read before, at this table: every item, consistently.
    const { scanned, units } = await scannedWhole();
    // (130: the five closed by the cases above are in the table too.)
    expect(scanned).toBe(130);
    expect(reads[0]?.units).toBeLessThan(units);

    // The two still open once past their hour, on a later run.
    expect(await sweepStranded(seconds(created, 2 * APPROVAL_TTL_SECONDS + 721), timing)).toMatchObject({
      expired: 2,
    });
  });

  it.each([
    ["before deadlineEpoch (its TTL attribute the deadline)", true],
    ["with deadlineEpoch, before the index", false],
  ])(
    "expires an open approval stored %s, through its alert, once past its hour",
    async (_, beforeDeadlineEpoch) => {
      const deadline = new Date(`2021-08-0${beforeDeadlineEpoch ? 1 : 2}T15:00:00.000Z`);
      const before = await storedBeforeOpenIndex(`old-${deadline.toISOString()}`, deadline, {
        beforeDeadlineEpoch,
      });
      expect(await inIndex()).not.toContain(before.tokenHash);

      expect(await sweepStranded(seconds(deadline, 599), timing)).toMatchObject({ expired: 0 });
      expect((await stored(before.tokenHash)).status).toBe("PENDING");
      expect(await sweepStranded(seconds(deadline, 601), timing)).toMatchObject({ expired: 1 });
      const alert = await call(`/alerts/${before.alertId}`, { key: "reader" });
      expect(await stored(before.tokenHash)).toMatchObject({
        status: "EXPIRED",
        deadlineEpoch: epoch(deadline),
      });
      expect(alert.json.status).toBe("EXPIRED");
      expect(await sweepStranded(seconds(deadline, 1200), timing)).toMatchObject({ expired: 0 });
    },
  );

  it("leaves an approval decided after the index's copy was read: the consistent read and the condition", async () => {
    const created = new Date("2021-09-01T14:00:00.000Z");
    const approval = await requested(created);
    await loseMessages("PendingApprovals");
    // The copy a lagging index still serves after the decision (a global index is eventually consistent).
    const [copy] = await dueBefore(epoch(seconds(created, APPROVAL_TTL_SECONDS + 1)));
    expect(copy).toMatchObject({ tokenHash: approval.tokenHash, status: "PENDING" });
    assert(copy);
    const decided = await recordDecision(
      approval.tokenHash,
      "APPROVED",
      "alice",
      undefined,
      seconds(created, 3590),
    );
    assert(decided);
    const due = seconds(created, APPROVAL_TTL_SECONDS + 700);

    // The sweep's step on that copy reads the approval again (strongly consistent) and leaves it.
    expect(await watchApproval(copy, due)).toEqual({ kind: "closed" });
    // Had the decision landed between that read and the write, the write's condition (still PENDING) refuses.
    expect(await closeApproval(copy.tokenHash, "EXPIRED", due)).toBe(false);
    expect(await stored(approval.tokenHash)).toEqual(decided);
    expect(await published("AlertApprovalRequests")).toEqual([]);
  });
});

describe("GET /approvals?status=PENDING", () => {
  it("answers full pages of open approvals, soonest deadline first, reading none of the closed ones", async () => {
    const created = new Date(Date.now() - 600_000);
    await closedApprovals(150, seconds(created, -86_400));
    const open: Approval[] = [];
    for (let i = 0; i < 7; i++) open.push(await requested(seconds(created, i * 10)));
    reads.length = 0;

    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const query = `/approvals?status=PENDING&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
      const answer = await call(query, { key: "approver" });
      expect(answer.status).toBe(200);
      expect(answer.json.items.every((a: { status: string }) => a.status === "PENDING")).toBe(true);
      expect(answer.json.items[0]).not.toHaveProperty("openFeed");
      pages.push(answer.json.items.map((a: { id: string }) => a.id));
      cursor = answer.json.cursor;
    } while (cursor);

    expect(pages.slice(0, -1).map((page) => page.length)).toEqual([3, 3]);
    expect(pages.flat()).toEqual(open.map((a) => a.tokenHash));
    expect(reads.every((r) => r.index === "openByDeadline")).toBe(true);
    expect(reads.reduce((sum, r) => sum + r.scanned, 0)).toBeLessThanOrEqual(open.length + 2);

    // Closed ones are still listed (a filtered scan): these 150; the sweep test's 120, closed in 2021, are
    // past their 400 days' keep and left out.
    const approved = (await listApprovals("APPROVED", 500)).items;
    expect(approved.filter((a) => a.alertId.startsWith("alr_closed_"))).toHaveLength(150);
  });
});

/** A strongly consistent Scan of the whole table, as the sweep made before the index: items and read units. */
async function scannedWhole(): Promise<{ scanned: number; units: number }> {
  let scanned = 0;
  let units = 0;
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new ScanCommand({
        TableName: TABLE(),
        ConsistentRead: true,
        ReturnConsumedCapacity: "TOTAL",
        ExclusiveStartKey,
      }),
    );
    scanned += page.ScannedCount ?? 0;
    units += page.ConsumedCapacity?.CapacityUnits ?? 0;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return { scanned, units };
}
