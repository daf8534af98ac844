// An overdue approval's expiry on dynalite and fauxqs when runs overlap: the ThresholdChecker's sweep on two
// runs at once (an EventBridge delivery repeated, a retry meeting the next firing), or the PendingApprovals
// watch and the sweep together. Each run reads the approval PENDING before any of them writes (the reads
// are held until all were made), the order under which both used to tell the approvers.

import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getAlert } from "#alerts";
import { dynamo } from "#aws";
import { DEFAULT_RECOVERY_TIMING, linked } from "#config";
import { handler as approvalProcessor } from "#handlers/approval-processor";
import { sweepStranded } from "#recovery";
import { lambdaContext, published, queueUrl, receiveSqsEvent } from "#test/aws";
import { overdueApproval } from "#test/overdue-approval";
import { watchApproval } from "./expire";
import { approvalsOfAlert } from "./repository";

afterEach(() => vi.restoreAllMocks());

const timing = { ...DEFAULT_RECOVERY_TIMING, graceSeconds: 600 };

/**
 * Holds the answer to each consistent read of an approval (watchApproval's) until `runs` of them were
 * answered: every run has then seen it PENDING before any goes on to write or publish.
 */
function readTogether(runs: number): void {
  const client = dynamo();
  const send = client.send.bind(client) as (command: unknown) => Promise<unknown>;
  const held: (() => void)[] = [];
  vi.spyOn(client, "send").mockImplementation((async (command: unknown) => {
    const answer = await send(command);
    const approvalRead =
      command instanceof GetCommand && command.input.TableName === linked("ApprovalTracking", "name");
    if (approvalRead && held.length < runs) {
      await new Promise<void>((release) => {
        held.push(release);
        if (held.length === runs) for (const go of held) go();
      });
    }
    return answer;
  }) as never);
}

/** The approvalExpired notices approvers got since the last look, by alert. */
async function expiryNotices(): Promise<string[]> {
  return (await published("AlertApprovalRequests"))
    .filter((n) => n.message.type === "approvalExpired")
    .map((n) => n.message.alertId);
}

describe("an overdue approval's expiry on overlapping runs", () => {
  it("tells the approvers once when two watches read it PENDING together", async () => {
    const approval = await overdueApproval();
    readTogether(2);
    const outcomes = await Promise.all([watchApproval(approval), watchApproval(approval)]);
    expect(outcomes.filter((o) => o.kind === "expired")).toHaveLength(1);
    expect(await expiryNotices()).toEqual([approval.alertId]);
    expect((await approvalsOfAlert(approval.alertId))[0]).toMatchObject({ status: "EXPIRED" });
    expect(await getAlert(approval.alertId)).toMatchObject({ status: "EXPIRED" });
  });

  it("tells the approvers once when two sweeps find it together", async () => {
    const approval = await overdueApproval();
    readTogether(2);
    const runs = await Promise.all([sweepStranded(new Date(), timing), sweepStranded(new Date(), timing)]);
    expect(runs.map((run) => run.failed)).toEqual([0, 0]);
    expect(runs.reduce((n, run) => n + run.expired, 0)).toBe(1);
    expect(await expiryNotices()).toEqual([approval.alertId]);
  });

  it("tells the approvers once when its PendingApprovals watch and the sweep meet", async () => {
    const approval = await overdueApproval();
    const event = await receiveSqsEvent(queueUrl("PendingApprovals"));
    const ours = event.Records.filter((r) => JSON.parse(r.body).tokenHash === approval.tokenHash);
    expect(ours).toHaveLength(1);
    readTogether(2);
    const [, swept] = await Promise.all([
      approvalProcessor({ Records: ours }, lambdaContext("ApprovalProcessor")),
      sweepStranded(new Date(), timing),
    ]);
    expect(swept.failed).toBe(0);
    expect(await expiryNotices()).toEqual([approval.alertId]);
    expect((await approvalsOfAlert(approval.alertId))[0]).toMatchObject({ status: "EXPIRED" });
  });
});
