// Test data: real daily S&P 500 bars from data/, and alerts and approvals built the way the producers build them.

import { readFileSync } from "node:fs";
import { type Bar, keptClosedUntil, keptOpenUntil, parseBarsCsv, sha256Hex } from "@stock-patterns/core";
import type { Alert } from "#alerts";
import { type Approval, createApproval } from "#approvals";

let cached: Bar[] | undefined;

/** The repository's sample series (S&P 500 daily bars from 2000). */
export function sp500(): Bar[] {
  cached ??= parseBarsCsv(readFileSync(new URL("../../../data/sp500-2000.csv", import.meta.url), "utf8"));
  return cached;
}

let serial = 0;

/** A queued alert with a fresh id, as the AlertDecision step would raise it. */
export function queuedAlert(overrides: Partial<Alert> = {}): Alert {
  serial++;
  return {
    // The shape a raiser gives an id (core's ALERT_ID), which a listing's cursor is checked against.
    alertId: `alr_${sha256Hex(`test ${serial} ${Date.now()}`).slice(0, 32)}`,
    source: "pattern",
    symbol: "SPX",
    interval: "1d",
    severity: "HIGH",
    barTime: "2000-03-10",
    createdAt: new Date(Date.UTC(2024, 0, 1, 0, 0, serial)).toISOString(),
    message: "head-and-shoulders (HS) ending 2000-03-07, confidence 80",
    status: "QUEUED",
    pattern: "HS",
    confidence: 80,
    patternId: `pat_test_${serial}`,
    ...overrides,
  };
}

/**
 * A PENDING approval of token `token` with an hour to go, stored (createApproval): what a test of a decision's
 * request (its body, its bytes) decides on. Answers its id (the token's hash).
 * @example const id = await storePendingApproval(`strict-bodies-${Date.now()}`);
 */
export async function storePendingApproval(token: string): Promise<string> {
  const approval = storedApproval({
    token,
    alertId: "alr_0123456789abcdef0123456789abcdef",
    status: "PENDING",
    deadline: Date.now() + 3_600_000,
  });
  await createApproval(approval);
  return approval.tokenHash;
}

/**
 * An approval of `alertId` whose hour ends at `deadline` (epoch ms), as the AlertProcessor stores one: kept
 * as an open one while PENDING, as a closed one (closed at `closedAt`) otherwise. `token` makes its token
 * hash, unique per test.
 * @example storedApproval({ token: "decidable-1", alertId: "alr_1", status: "PENDING", deadline: Date.now() })
 */
export function storedApproval({
  token,
  alertId,
  status,
  deadline,
  closedAt = deadline,
}: {
  token: string;
  alertId: string;
  status: Approval["status"];
  deadline: number;
  closedAt?: number;
}): Approval {
  const epoch = Math.floor(deadline / 1000);
  return {
    tokenHash: sha256Hex(token),
    alertId,
    status,
    createdAt: new Date(deadline - 3_600_000).toISOString(),
    expiresAt: new Date(deadline).toISOString(),
    symbol: "NOISE",
    interval: "1d",
    severity: "CRITICAL",
    summary: "close moved 9.1 %",
    deadlineEpoch: epoch,
    expiresAtEpoch: status === "PENDING" ? keptOpenUntil(epoch) : keptClosedUntil(new Date(closedAt)),
    ...(status === "SUPERSEDED" ? { closedAt: new Date(closedAt).toISOString() } : {}),
  };
}
