// A sweep run that fails on a read after it healed some alerts: the run fails (the function's errors see
// it), and what it did before is still told, in an ERROR line and in its metrics. On dynalite and fauxqs.

import { describe, expect, it, vi } from "vitest";
import { getAlert, putAlertIfNew } from "#alerts";
import { dynamo } from "#aws";
import { linked } from "#config";
import { metrics } from "#observability";
import { lambdaContext } from "#test/aws";
import { queuedAlert } from "#test/fixtures";
import { captureLogs } from "#test/logs";
import { total } from "#test/metrics";
import { sweepHandler } from "./threshold-checker";

describe("ThresholdChecker's sweep, failing on a read", () => {
  it("fails the run, and logs and counts the alerts it re-drove before", async () => {
    // Twenty minutes old: past the sweep's grace (10 minutes).
    const alert = queuedAlert({ createdAt: new Date(Date.now() - 20 * 60_000).toISOString() });
    await putAlertIfNew(alert);

    // The due approvals' read (the open index), refused as the SDK gives up after its retries.
    const FAULT = "openApprovalsUnreadable";
    const approvals = linked("ApprovalTracking", "name");
    dynamo().middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { TableName?: string; IndexName?: string };
        if (
          context.commandName === "QueryCommand" &&
          input.TableName === approvals &&
          input.IndexName === "openByDeadline"
        )
          throw new Error("ProvisionedThroughputExceededException");
        return next(args);
      },
      { step: "initialize", name: FAULT },
    );
    const added = vi.spyOn(metrics, "addMetric");
    try {
      const { result: failure, lines } = await captureLogs("ERROR", () =>
        sweepHandler({}, lambdaContext("ThresholdChecker")).then(
          () => undefined,
          (error: unknown) => error,
        ),
      );
      expect(failure).toEqual(new Error("ProvisionedThroughputExceededException"));
      const told = lines.filter((line) => line.level === "ERROR" && line.redriven !== undefined);
      expect(told).toEqual([
        expect.objectContaining({
          redriven: 1,
          expired: 0,
          failed: 0,
          error: expect.objectContaining({ message: "ProvisionedThroughputExceededException" }),
        }),
      ]);
      expect(total(added, "StrandedAlertsRedriven")).toBe(1);
      expect(total(added, "StrandedApprovalsExpired")).toBe(0);
    } finally {
      dynamo().middlewareStack.remove(FAULT);
      added.mockRestore();
    }
    // The re-drive itself was made: its mark is on the alert.
    expect(await getAlert(alert.alertId)).toMatchObject({ redrivenAt: expect.any(String) });
  });
});
