// GET /approvals?alertId=: one alert's approvals in a status, read from the index of each alert's approvals,
// so a pending alert's page finds its approval from reads of that alert's alone, however many others wait.

import { beforeAll, describe, expect, it } from "vitest";
import { type Approval, createApproval } from "#approvals";
import { storedApproval } from "#test/fixtures";
import { call } from "#test/http";
import { watchTableReads } from "#test/table-calls";

/** Open approvals of other alerts: more than a page of the pending list. */
const OTHERS = 120;
const ALERT_ID = "alr_of_alert_0001";
const now = Date.now();

/** An approval of `alertId` in `status`, requested `minutesAgo`, as the AlertProcessor stores one. */
const approval = (n: number, alertId: string, status: Approval["status"], minutesAgo: number): Approval =>
  storedApproval({
    token: `approvals-of-alert-${n}-${now}`,
    alertId,
    status,
    deadline: now - minutesAgo * 60_000 + 3_600_000,
    closedAt: now,
  });

const replaced = approval(OTHERS, ALERT_ID, "SUPERSEDED", 30);
const waiting = approval(OTHERS + 1, ALERT_ID, "PENDING", 5);

/** Each DynamoDB call of a request on ApprovalTracking, and the items its Queries examined. */
const readsOf = watchTableReads(["ApprovalTracking"]);

beforeAll(async () => {
  const others = Array.from({ length: OTHERS }, (_, i) =>
    approval(i, `alr_other_${String(i).padStart(4, "0")}`, "PENDING", 50 - i / 10),
  );
  for (const each of [...others, replaced, waiting]) await createApproval(each);
}, 60_000);

async function listed(query: string) {
  const { answer, calls, examined } = await readsOf(() => call(`/approvals?${query}`, { key: "approver" }));
  expect(answer.status).toBe(200);
  return {
    ids: answer.json.items.map((item: { id: string }) => item.id),
    cursor: answer.json.cursor,
    calls,
    examined,
  };
}

describe("GET /approvals?alertId=", () => {
  it("answers that alert's pending approval from one Query of its own approvals", async () => {
    expect(await listed(`alertId=${ALERT_ID}`)).toEqual({
      ids: [waiting.tokenHash],
      cursor: undefined,
      calls: ["QueryCommand"],
      examined: 2,
    });
  });

  it("answers its approvals of another status the same way", async () => {
    expect(await listed(`alertId=${ALERT_ID}&status=SUPERSEDED`)).toEqual({
      ids: [replaced.tokenHash],
      cursor: undefined,
      calls: ["QueryCommand"],
      examined: 2,
    });
  });

  it("pages through them with a cursor, and refuses what is not an alert id", async () => {
    const first = await listed(`alertId=alr_other_0007&limit=1`);
    expect(first.ids).toHaveLength(1);
    if (first.cursor)
      expect((await listed(`alertId=alr_other_0007&limit=1&cursor=${first.cursor}`)).ids).toEqual([]);
    const refused = await call("/approvals?alertId=SPX", { key: "approver" });
    expect(refused.status).toBe(400);
    expect(refused.json.errors).toEqual([expect.objectContaining({ path: "query.alertId" })]);
  });
});
