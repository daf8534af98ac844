// The Alerts table only takes moves of core's lifecycle table, each from the statuses the table allows.
import { describe, expect, it } from "vitest";
import { queuedAlert } from "#test/fixtures";
import { getAlert, getAlerts, moveAlert, putAlertIfNew } from "./repository";

describe("moveAlert", () => {
  it("makes a move only from the statuses the lifecycle table gives it", async () => {
    const alert = queuedAlert({ severity: "HIGH" });
    await putAlertIfNew(alert);
    expect(await moveAlert(alert.alertId, "approve")).toBe(false);
    expect(await moveAlert(alert.alertId, "publish", { publishedAt: "2024-03-04T21:00:00.000Z" })).toBe(true);
    expect(await getAlert(alert.alertId)).toMatchObject({
      status: "PUBLISHED",
      publishedAt: "2024-03-04T21:00:00.000Z",
    });
    expect(await moveAlert(alert.alertId, "publish")).toBe(false);
    expect(await moveAlert(alert.alertId, "expire")).toBe(false);
  });

  it("walks a CRITICAL alert through approval", async () => {
    const alert = queuedAlert({ severity: "CRITICAL" });
    await putAlertIfNew(alert);
    expect(await moveAlert(alert.alertId, "awaitApproval", { approvalTokenHash: "h1" })).toBe(true);
    expect(await moveAlert(alert.alertId, "approve", {}, { tokenHash: "other" })).toBe(false);
    expect(await moveAlert(alert.alertId, "approve", {}, { tokenHash: "h1" })).toBe(true);
    expect(await moveAlert(alert.alertId, "reject")).toBe(false);
    expect((await getAlert(alert.alertId))?.status).toBe("APPROVED");
  });
});

describe("getAlerts", () => {
  it("reads many alerts at once, each as getAlert reads it, and leaves out ids never stored", async () => {
    const stored = [queuedAlert(), queuedAlert({ severity: "CRITICAL" })];
    for (const alert of stored) await putAlertIfNew(alert);
    await moveAlert(stored[0]?.alertId ?? "", "publish", { publishedAt: "2024-03-04T21:00:00.000Z" });
    const ids = [...stored.map((a) => a.alertId), "alr_never_stored", stored[0]?.alertId ?? ""];
    const found = await getAlerts(ids);
    expect([...found.keys()].sort()).toEqual(stored.map((a) => a.alertId).sort());
    for (const alert of stored) expect(found.get(alert.alertId)).toEqual(await getAlert(alert.alertId));
    expect(found.get(stored[0]?.alertId ?? "")?.status).toBe("PUBLISHED");
    expect(await getAlerts([])).toEqual(new Map());
  });
});
