// A CRITICAL alert whose approval was requested two hours ago (past its hour and the sweep's grace), or just
// past its hour.

import assert from "node:assert";
import { expect } from "vitest";
import { putAlertIfNew } from "#alerts";
import { type Approval, approvalsOfAlert, requestApproval } from "#approvals";
import { recoveryTiming } from "#config";
import { published } from "#test/aws";
import { queuedAlert } from "#test/fixtures";

/**
 * Stores a CRITICAL alert created two hours ago, requests its approval then (announced to the approvers,
 * whose notice is taken off the topic), and answers the approval as stored. `overdueBySeconds`: created
 * instead the approval's hour and that long ago.
 *
 * @example
 * const approval = await overdueApproval(); // PENDING, its deadline an hour gone
 */
export async function overdueApproval(overdueBySeconds?: number): Promise<Approval> {
  const ago =
    overdueBySeconds === undefined ? 2 * 3600 : recoveryTiming().approvalTtlSeconds + overdueBySeconds;
  const at = new Date(Date.now() - ago * 1000);
  const alert = queuedAlert({ severity: "CRITICAL", createdAt: at.toISOString() });
  await putAlertIfNew(alert);
  expect(await requestApproval(alert, at)).toBe("requested");
  await published("AlertApprovalRequests");
  const [approval] = await approvalsOfAlert(alert.alertId);
  assert(approval, `requestApproval stored no approval for ${alert.alertId}`);
  return approval;
}
