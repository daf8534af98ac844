// What a sweep calls for the CRITICAL alerts waiting for an approver: each run reads every one of them and
// its approval until it closes (docs/capacity.md, "Every read, as the tables fill"), so the run's round
// trips grow with them; the approvals are read together, 100 keys a call, not one GetItem each.

import { feedValues } from "@stock-patterns/core/catalog";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getAlert, putAlertIfNew } from "#alerts";
import { requestApproval } from "#approvals";
import { DEFAULT_RECOVERY_TIMING } from "#config";
import { queuedAlert } from "#test/fixtures";
import { NOTHING_HEALED } from "#test/sweep-results";
import { watchTableCalls, whileTableCallsRefused } from "#test/table-calls";
import { sweepStranded } from "./sweep";

const timing = DEFAULT_RECOVERY_TIMING;
const NOW = new Date("2026-07-01T12:00:00.000Z");
/** Requested half an hour before the sweep: past its grace, inside the approval's hour. */
const REQUESTED = new Date(NOW.getTime() - 30 * 60_000);
/** docs/capacity.md's 1,200 waiting a run at 1-minute bars, scaled by 1/6. */
const WAITING = 200;
/** BatchGetItem's keys a call (repositories/batch.ts). */
const GET_LIMIT = 100;

/** DynamoDB calls by command and table (`GetCommand ApprovalTracking`). */
const calls: Record<string, number> = {};

beforeAll(async () => {
  const alerts = Array.from({ length: WAITING }, () =>
    queuedAlert({ severity: "CRITICAL", createdAt: REQUESTED.toISOString() }),
  );
  for (let i = 0; i < alerts.length; i += 25)
    await Promise.all(
      alerts.slice(i, i + 25).map(async (alert) => {
        await putAlertIfNew(alert);
        expect(await requestApproval(alert, REQUESTED)).toBe("requested");
      }),
    );
}, 120_000);

watchTableCalls(["Alerts", "ApprovalTracking"], (command, table) => {
  const key = `${command} ${table}`;
  calls[key] = (calls[key] ?? 0) + 1;
});
beforeEach(() => {
  for (const key of Object.keys(calls)) delete calls[key];
});

describe("the sweep with CRITICAL alerts waiting for an approver", () => {
  it("reads their approvals in one BatchGetItem per 100, not a GetItem each, and changes nothing", async () => {
    const batches = Math.ceil(WAITING / GET_LIMIT);
    for (const at of [NOW, new Date(NOW.getTime() + 5 * 60_000)]) {
      for (const key of Object.keys(calls)) delete calls[key];
      expect(await sweepStranded(at, timing)).toEqual(NOTHING_HEALED);
      // The unfinished index's keys (a Query of each of its key values: the shards' and the one before
      // them), the alerts read together, their approvals read together, the due ones.
      expect(calls).toEqual({
        "QueryCommand Alerts": feedValues("unfinished").length,
        "BatchGetItemCommand Alerts": batches,
        "BatchGetItemCommand ApprovalTracking": batches,
        "QueryCommand ApprovalTracking": 1,
      });
    }
  });

  it("heals the others when the approvals cannot be read, and counts the alerts waiting on them failed", async () => {
    const stranded = queuedAlert({ createdAt: REQUESTED.toISOString() });
    await putAlertIfNew(stranded);
    const approvalsRead = (command: string) =>
      command === "BatchGetItemCommand" ? "ProvisionedThroughputExceededException" : undefined;
    expect(
      await whileTableCallsRefused(["ApprovalTracking"], approvalsRead, () =>
        sweepStranded(new Date(NOW.getTime() + 10 * 60_000), timing),
      ),
    ).toEqual({
      redriven: 1,
      settled: 0,
      published: 0,
      caughtUp: 0,
      expired: 0,
      failed: WAITING,
    });
    expect((await getAlert(stranded.alertId))?.redrivenAt).toEqual(expect.any(String));
    expect(await sweepStranded(new Date(NOW.getTime() + 15 * 60_000), timing)).toMatchObject({
      redriven: 0,
      failed: 0,
    });
  });
});
