// GET /approvals?status=PENDING&decidable=true: approvals past their deadline that nothing has closed yet
// (the ApprovalProcessor, seconds after the hour; when it fails, the sweep, after a 10-minute grace) stay
// PENDING at the head of the open index; the console's list asks for the ones that can still be decided, so
// a page holds those, read from the index's key range after now.

import { beforeAll, describe, expect, it } from "vitest";
import { type Approval, createApproval } from "#approvals";
import { storedApproval } from "#test/fixtures";
import { call } from "#test/http";
import { watchTableReads } from "#test/table-calls";

/** Open approvals past their deadline, not swept yet: more than a page of the pending list. */
const OVERDUE = 150;
const now = Date.now();
const epoch = (ms: number) => Math.floor(ms / 1000);

/** A PENDING approval of its own alert whose hour ends at `deadline` (epoch ms), as the AlertProcessor stores one. */
const approval = (n: number, deadline: number): Approval =>
  storedApproval({
    token: `approvals-decidable-${n}-${now}`,
    alertId: `alr_decidable_${String(n).padStart(4, "0")}`,
    status: "PENDING",
    deadline,
  });

// Past their hour by 2 to 4.5 minutes (inside the sweep's grace): a second apart, the oldest first.
const overdue = Array.from({ length: OVERDUE }, (_, i) => approval(i, now - 270_000 + i * 1_000));
// Decidable for another 10, 20 and 30 minutes.
const decidable = [1, 2, 3].map((k) => approval(OVERDUE + k, now + k * 600_000));
const decidableIds = decidable.map((a) => a.tokenHash);

/** Each DynamoDB call of a request on ApprovalTracking, and the items its Queries examined. */
const readsOf = watchTableReads(["ApprovalTracking"]);

beforeAll(async () => {
  for (const each of [...overdue, ...decidable]) await createApproval(each);
}, 60_000);

async function listed(query: string) {
  const { answer, calls, examined } = await readsOf(() => call(`/approvals?${query}`, { key: "approver" }));
  expect(answer.status, JSON.stringify(answer.json)).toBe(200);
  const items = answer.json.items as { id: string; expired: boolean }[];
  return {
    ids: items.map((item) => item.id),
    expired: items.filter((item) => item.expired).length,
    cursor: answer.json.cursor as string | undefined,
    calls,
    examined,
  };
}

describe("GET /approvals?status=PENDING with approvals past their deadline at the head", () => {
  it("lists them first by default: a first page of 100 holds no approval that can still be decided", async () => {
    const page = await listed("status=PENDING&limit=100");
    expect(page.ids).toEqual(overdue.slice(0, 100).map((a) => a.tokenHash));
    expect(page.expired).toBe(100);
    expect(page.cursor).toBeDefined();
  });

  it("with decidable=true lists only those that can still be decided, from one Query that reads them alone", async () => {
    expect(await listed("status=PENDING&decidable=true&limit=100")).toEqual({
      ids: decidableIds,
      expired: 0,
      cursor: undefined,
      calls: ["QueryCommand"],
      examined: 3,
    });
    // PENDING is the default status.
    expect((await listed("decidable=true")).ids).toEqual(decidableIds);
  });

  it("pages them with a cursor", async () => {
    const first = await listed("decidable=true&limit=2");
    expect([first.ids, first.cursor !== undefined]).toEqual([decidableIds.slice(0, 2), true]);
    const next = await listed(`decidable=true&limit=2&cursor=${first.cursor}`);
    expect([next.ids, next.cursor]).toEqual([decidableIds.slice(2), undefined]);
    const refused = await call("/approvals?decidable=true&cursor=eyJ0b2tlbkhhc2giOiJ4In0", {
      key: "approver",
    });
    expect([refused.status, refused.json.errors]).toEqual([
      400,
      [expect.objectContaining({ path: "query.cursor" })],
    ]);
  });

  it("goes on after a page's last approval whose deadline passed before the next page was asked for", async () => {
    // Its hour ends within 2 s: the page that ends on it is read before, the next one after.
    const soon = approval(OVERDUE + 10, (epoch(Date.now()) + 2) * 1000);
    await createApproval(soon);
    const first = await listed("decidable=true&limit=1");
    expect(first.ids).toEqual([soon.tokenHash]);
    await new Promise((resolve) => setTimeout(resolve, (soon.deadlineEpoch ?? 0) * 1000 - Date.now() + 50));
    const next = await listed(`decidable=true&limit=100&cursor=${first.cursor}`);
    expect([next.ids, next.cursor]).toEqual([decidableIds, undefined]);
  });

  it("leaves out an alert's approval past its deadline with alertId too", async () => {
    const [late] = overdue;
    const { alertId } = late as Approval;
    expect((await listed(`alertId=${alertId}`)).ids).toEqual([late?.tokenHash]);
    expect((await listed(`alertId=${alertId}&decidable=true`)).ids).toEqual([]);
    const waiting = decidable[0] as Approval;
    expect((await listed(`alertId=${waiting.alertId}&decidable=true`)).ids).toEqual([waiting.tokenHash]);
  });

  it("refuses decidable with a status other than PENDING, and a value other than true or false", async () => {
    for (const query of ["status=APPROVED&decidable=true", "decidable=yes", "decidable=1"]) {
      const refused = await call(`/approvals?${query}`, { key: "approver" });
      expect([query, refused.status, refused.json.errors]).toEqual([
        query,
        400,
        [expect.objectContaining({ path: "query.decidable" })],
      ]);
    }
    expect((await listed("decidable=false&limit=100")).expired).toBe(100);
  });
});
