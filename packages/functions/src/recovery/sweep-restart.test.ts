// The sweep of a local runtime restarted after a crash, on dynalite and fauxqs: told when it started, it
// releases at once the routing claims the dead runtime held within their lease, and waits them out when not
// told; its queues kept, it keeps the grace and the look-back. (An approval's expiry claim taken over
// likewise: approvals/expire-crash.test.ts.)

import { describe, expect, it } from "vitest";
import { getAlert, moveAlert, raiseAlert } from "#alerts";
import { DEFAULT_RECOVERY_TIMING } from "#config";
import { handler as routeAlerts } from "#handlers/alert-processor";
import { deleteSucceeded, lambdaContext, loseMessages, queueUrl, receiveSqsEvent } from "#test/aws";
import { queuedAlert } from "#test/fixtures";
import { sweepStranded } from "./sweep";

const timing = { ...DEFAULT_RECOVERY_TIMING, graceSeconds: 20 };
const ago = (now: Date, seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

describe("the sweep of a runtime restarted after a crash", () => {
  it("releases the dead runtime's live routing claim at once, told the restart, keeping grace and look-back", async () => {
    const now = new Date();
    // Raised a minute ago, past the grace; claimed by the dead runtime's AlertProcessor 30 s ago (lease 120 s).
    const alert = queuedAlert({ severity: "HIGH", createdAt: ago(now, 60) });
    await raiseAlert(alert, new Date(alert.createdAt));
    await moveAlert(alert.alertId, "claim", { claimedAt: ago(now, 30) });
    // Stranded two days ago, beyond the look-back: only a system started on fresh queues looks that far.
    const old = queuedAlert({ severity: "HIGH", createdAt: ago(now, 2 * 86_400) });
    await raiseAlert(old, new Date(old.createdAt));
    expect(await loseMessages("AlertQueue")).toBe(2);

    expect(await sweepStranded(now, timing)).toMatchObject({ redriven: 0, failed: 0 });
    expect(await sweepStranded(now, timing, { claimsOrphanedBefore: ago(now, 31) })).toMatchObject({
      redriven: 0,
    });
    expect(await sweepStranded(now, timing, { claimsOrphanedBefore: ago(now, 1) })).toMatchObject({
      redriven: 1,
      failed: 0,
    });
    const event = await receiveSqsEvent(queueUrl("AlertQueue"));
    expect(event.Records.map((r) => JSON.parse(r.body).alertId)).toEqual([alert.alertId]);
    const routed = await routeAlerts(event, lambdaContext("AlertProcessor"));
    await deleteSucceeded(queueUrl("AlertQueue"), event, routed.batchItemFailures);
    expect(await getAlert(alert.alertId)).toMatchObject({ status: "PUBLISHED" });
    expect(await getAlert(old.alertId)).toMatchObject({ status: "QUEUED" });
  });
});
