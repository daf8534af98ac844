// GET /alerts: newest first across symbols, filtered, paged; bad filters answer 400.

import { codeUnitOrder } from "@stock-patterns/core";
import { beforeAll, describe, expect, it } from "vitest";
import { type Alert, putAlertIfNew } from "#alerts";
import { queuedAlert } from "#test/fixtures";
import { call } from "#test/http";

const seeded: Alert[] = [
  queuedAlert({ symbol: "AAA", severity: "HIGH", status: "PUBLISHED" }),
  queuedAlert({ symbol: "BBB", severity: "MEDIUM", status: "QUEUED" }),
  queuedAlert({ symbol: "AAA", severity: "CRITICAL", status: "PENDING_APPROVAL" }),
  queuedAlert({ symbol: "CCC", severity: "HIGH", status: "PUBLISHED" }),
  queuedAlert({ symbol: "AAA", severity: "HIGH", status: "PUBLISHED" }),
];
const newestFirst = [...seeded].sort((a, b) => codeUnitOrder(b.createdAt, a.createdAt)).map((a) => a.alertId);

describe("GET /alerts", () => {
  beforeAll(async () => {
    for (const alert of seeded) await putAlertIfNew(alert);
  });

  it("lists alerts newest first", async () => {
    const { status, json } = await call("/alerts", { key: "reader" });
    expect(status).toBe(200);
    expect(json.items.map((a: Alert) => a.alertId)).toEqual(newestFirst);
    expect(json.items[0]).not.toHaveProperty("feed");
  });

  it("filters by status, severity and symbol together", async () => {
    const { json } = await call("/alerts?status=PUBLISHED&severity=HIGH&symbol=aaa", { key: "reader" });
    const expected = seeded.filter(
      (a) => a.status === "PUBLISHED" && a.severity === "HIGH" && a.symbol === "AAA",
    );
    expect(json.items.map((a: Alert) => a.alertId).sort()).toEqual(expected.map((a) => a.alertId).sort());
    expect(expected).toHaveLength(2);
  });

  it("pages with a cursor, filling pages even when the filter skips items", async () => {
    const first = await call("/alerts?symbol=AAA&limit=2", { key: "reader" });
    expect(first.json.items).toHaveLength(2);
    expect(first.json.cursor).toBeTruthy();
    const second = await call(`/alerts?symbol=AAA&limit=2&cursor=${first.json.cursor}`, { key: "reader" });
    const ids = [...first.json.items, ...second.json.items].map((a: Alert) => a.alertId);
    expect(ids).toEqual(newestFirst.filter((id) => seeded.find((a) => a.alertId === id)?.symbol === "AAA"));
  });

  it("answers 400 for an unknown status or severity and a bad limit", async () => {
    for (const query of ["status=DONE", "severity=LOW", "limit=0", "limit=1000"]) {
      const { status, json } = await call(`/alerts?${query}`, { key: "reader" });
      expect(status, query).toBe(400);
      expect(json.errors[0].path, query).toMatch(/^query\./);
    }
  });

  it("shows readers no processor bookkeeping, such as a pending alert's approval id", async () => {
    // The approval id (its token's hash) is an approver's to see, on GET /approvals.
    const pending = queuedAlert({
      symbol: "DDD",
      severity: "CRITICAL",
      status: "PENDING_APPROVAL",
      approvalTokenHash: "c".repeat(64),
      claimedAt: "2024-01-01T00:00:00.000Z",
      enqueuedAt: "2024-01-01T00:00:00.000Z",
      notifiedAt: "2024-01-01T00:00:01.000Z",
    });
    await putAlertIfNew(pending);
    const one = await call(`/alerts/${pending.alertId}`, { key: "reader" });
    const listed = await call("/alerts?symbol=DDD", { key: "reader" });
    for (const answer of [one.json, listed.json.items[0]]) {
      expect(answer).toMatchObject({ alertId: pending.alertId, status: "PENDING_APPROVAL" });
      for (const field of ["approvalTokenHash", "claimedAt", "enqueuedAt", "notifiedAt"])
        expect(answer, field).not.toHaveProperty(field);
    }
  });

  it("answers 401 with an unknown key and 405 for POST", async () => {
    expect((await call("/alerts", { key: { literal: "guess" } })).status).toBe(401);
    expect((await call("/alerts", { key: "reader", body: {} })).status).toBe(405);
  });
});
