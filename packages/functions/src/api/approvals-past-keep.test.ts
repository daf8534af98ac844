// An approval past its keep (its TTL attribute, expiresAtEpoch, passed) that DynamoDB has not deleted yet
// (dynalite never does): the API answers as it will once TTL deletes it, not as if it were still kept.

import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { sha256Hex } from "@stock-patterns/core";
import { TABLES } from "@stock-patterns/core/catalog";
import { describe, expect, it } from "vitest";
import { raiseAlert } from "#alerts";
import { requestApproval } from "#approvals";
import { dynamo } from "#aws";
import { linked } from "#config";
import { published } from "#test/aws";
import { queuedAlert } from "#test/fixtures";
import { call } from "#test/http";

/** A CRITICAL alert's approval requested at `at`; the token from its link. */
async function requested(at = new Date()) {
  const alert = queuedAlert({ severity: "CRITICAL" });
  await raiseAlert(alert);
  expect(await requestApproval(alert, at)).toBe("requested");
  const link = (await published("AlertApprovalRequests")).find(
    (r) => r.message.alert?.alertId === alert.alertId,
  );
  const token = new URL(link?.message.approveUrl as string).searchParams.get("token") as string;
  return { alert, token, id: sha256Hex(token) };
}

/** Moves an approval's TTL attribute a minute into the past, as 400 days after its close would. */
async function pastItsKeep(id: string): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: linked("ApprovalTracking", "name"),
      Key: { [TABLES.ApprovalTracking.partitionKey]: id },
      UpdateExpression: "SET #kept = :past",
      ExpressionAttributeNames: { "#kept": TABLES.ApprovalTracking.ttlAttribute },
      ExpressionAttributeValues: { ":past": Math.floor(Date.now() / 1000) - 60 },
    }),
  );
}

/** Every id `GET /approvals?status=` lists, page after page. */
async function listedIds(status: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const query = `/approvals?status=${status}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const page = await call(query, { key: "approver" });
    expect(page.status).toBe(200);
    ids.push(...page.json.items.map((item: { id: string }) => item.id));
    cursor = page.json.cursor;
  } while (cursor);
  return ids;
}

const decide = (path: string, decision: "approve" | "reject") =>
  call(path, { key: "approver", body: { decision } });

describe("an approval past its keep, not yet deleted by TTL", () => {
  it("is left out of its status's list and answers 404, with why, by its token", async () => {
    const kept = await requested();
    const gone = await requested();
    for (const { token } of [kept, gone])
      expect((await decide(`/approve/${token}`, "reject")).status).toBe(200);
    await pastItsKeep(gone.id);
    const listed = await listedIds("REJECTED");
    expect(listed).toContain(kept.id);
    expect(listed).not.toContain(gone.id);
    expect((await call(`/approvals/${kept.token}`, { key: "approver" })).status).toBe(200);
    const one = await call(`/approvals/${gone.token}`, { key: "approver" });
    expect(one.status).toBe(404);
    expect(one.json.detail).toMatch(/past its keep/);
  });

  it("is left out of the open list when no close rewrote its keep", async () => {
    const open = await requested();
    const overdue = await requested(new Date(Date.now() - 2 * 3600_000));
    await pastItsKeep(overdue.id);
    const listed = await listedIds("PENDING");
    expect(listed).toContain(open.id);
    expect(listed).not.toContain(overdue.id);
  });

  it("answers a decision on its link or id 404, the same decision as a different one", async () => {
    const { token, id } = await requested();
    expect((await decide(`/approve/${token}`, "approve")).json.outcome).toBe("decided");
    await pastItsKeep(id);
    for (const path of [`/approve/${token}`, `/approvals/${id}/decision`])
      for (const decision of ["approve", "reject"] as const) {
        const answer = await decide(path, decision);
        expect(answer.status, `${decision} on ${path}`).toBe(404);
        expect(answer.json.detail).toMatch(/past its keep/);
      }
  });
});
