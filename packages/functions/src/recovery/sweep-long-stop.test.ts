// A local system stopped for longer than the sweep's look-back (a day), then started again on its data
// directory: the alerts its earlier run left QUEUED (their AlertQueue messages went with its in-memory
// queues) were older than the look-back, so the sweep at start never found them, and nothing else would
// ever route them. Told the run's start, the sweep now looks at every alert.

import { describe, expect, it } from "vitest";
import { getAlert, raiseAlert } from "#alerts";
import { DEFAULT_RECOVERY_TIMING } from "#config";
import { sweepHandler } from "#handlers/threshold-checker";
import { routeQueuedAlerts } from "#test/alert-queue";
import { deleteSucceeded, lambdaContext, queueUrl, receiveSqsEvent } from "#test/aws";
import { queuedAlert } from "#test/fixtures";
import { sweepStranded } from "./sweep";

const DAY_MS = 86_400_000;

describe("the sweep at a local system's start, after a stop longer than its look-back", () => {
  it("routes the alerts the earlier run left QUEUED, however long ago", async () => {
    const stoppedAt = new Date(Date.now() - 3 * DAY_MS);
    const alert = queuedAlert({ severity: "HIGH", createdAt: stoppedAt.toISOString() });
    await raiseAlert(alert, stoppedAt);
    // Its AlertQueue message went with the earlier run's queues.
    const lost = await receiveSqsEvent(queueUrl("AlertQueue"));
    expect(lost.Records).toHaveLength(1);
    await deleteSucceeded(queueUrl("AlertQueue"), lost, []);

    // Deployed, the schedule's sweep looks back a day only, as it always has.
    expect(await sweepStranded(new Date(), DEFAULT_RECOVERY_TIMING)).toMatchObject({ redriven: 0 });
    const runStartedAt = new Date().toISOString();
    const swept = await sweepHandler({ runStartedAt }, lambdaContext("ThresholdChecker"));
    expect(swept).toMatchObject({ redriven: 1, failed: 0 });
    await routeQueuedAlerts();
    expect(await getAlert(alert.alertId)).toMatchObject({ status: "PUBLISHED" });
  });
});
