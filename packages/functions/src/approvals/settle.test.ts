// settleAlert on dynalite and fauxqs: only the approval an alert waits on moves or publishes it; an
// approval of a replaced link, decided, leaves the alert to the live one.

import assert from "node:assert";
import { sha256Hex } from "@stock-patterns/core";
import { expect, it } from "vitest";
import { getAlert, putAlertIfNew } from "#alerts";
import { published } from "#test/aws";
import { queuedAlert } from "#test/fixtures";
import { settleAlert } from "./decide";
import { approvalsOfAlert, createApproval, getApproval, recordDecision } from "./repository";
import { requestApproval } from "./request";

it("publishes nothing for an approval the alert no longer waits on", async () => {
  const alert = queuedAlert({ severity: "CRITICAL" });
  await putAlertIfNew(alert);
  expect(await requestApproval(alert)).toBe("requested");
  const [live] = await approvalsOfAlert(alert.alertId);
  assert(live, "requestApproval stored an approval");
  await published("TradingAlerts");

  // Another approval of the same alert, not the one it waits on (a replaced link), approved.
  const replaced = { ...live, tokenHash: sha256Hex("a replaced link"), status: "PENDING" as const };
  expect(await createApproval(replaced)).toBe(true);
  await recordDecision(replaced.tokenHash, "APPROVED", "alice", undefined, new Date());
  const decided = await getApproval(replaced.tokenHash);
  assert(decided?.status === "APPROVED", "the replaced link's approval is decided");
  await settleAlert(decided);

  expect(await published("TradingAlerts")).toEqual([]);
  expect(await getAlert(alert.alertId)).toMatchObject({
    status: "PENDING_APPROVAL",
    approvalTokenHash: live.tokenHash,
  });
  expect(await getApproval(replaced.tokenHash)).not.toHaveProperty("publishedAt");
});
