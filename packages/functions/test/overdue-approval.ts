// A CRITICAL alert whose approval was requested two hours ago: past its hour and the sweep's grace.

import assert from "node:assert";
import { expect } from "vitest";
import { putAlertIfNew } from "#alerts";
import { type Approval, approvalsOfAlert, requestApproval } from "#approvals";
import { published } from "#test/aws";
import { queuedAlert } from "#test/fixtures";

/**
 * Stores a CRITICAL alert created two hours ago, requests its approval then (announced to the approvers,
 * whose notice is taken off the topic), and answers the approval as stored.
 *
 * @example
 * const approval = await overdueApproval(); // PENDING, its deadline an hour gone
 */
export async function overdueApproval(): Promise<Approval> {
  const at = new Date(Date.now() - 2 * 3600_000);
  const alert = queuedAlert({ severity: "CRITICAL", createdAt: at.toISOString() });
  await putAlertIfNew(alert);
  expect(await requestApproval(alert, at)).toBe("requested");
  await published("AlertApprovalRequests");
  const [approval] = await approvalsOfAlert(alert.alertId);
  assert(approval, `requestApproval stored no approval for ${alert.alertId}`);
  return approval;
}
