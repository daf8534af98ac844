// Alerts kept for RECORD_RETENTION_DAYS, against dynalite and fauxqs: an alert carries its expiry only once
// a write finishes it for good (nothing more can be told or decided about it), the retention after that
// write, as long as its approvals when it waited on an approver, and only when the setting is given; an
// alert still unfinished never carries one; an expired alert DynamoDB has not deleted yet (dynalite never
// deletes) is not served nor routed.

import assert from "node:assert";
import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { keptClosedUntil, sha256Hex } from "@stock-patterns/core";
import { RECORD_RETENTION, TABLES } from "@stock-patterns/core/catalog";
import { afterEach, describe, expect, it, vi } from "vitest";
import { recordOutcomes } from "#analysis";
import {
  approvalsOfAlert,
  decideApproval,
  getApproval,
  requestApproval,
  settleAlert,
  watchApproval,
} from "#approvals";
import { dynamo } from "#aws";
import { DEFAULT_RECOVERY_TIMING, linked } from "#config";
import { sweepStranded } from "#recovery";
import { published } from "#test/aws";
import { storedDetection } from "#test/detections";
import { queuedAlert } from "#test/fixtures";
import { call } from "#test/http";
import { BREAKOUT_DAY, BROKE_OUT, RESOLVED_AT_TARGET } from "#test/outcomes";
import type { Alert } from "./alert";
import { type DetectionEvent, tellLifecycle } from "./lifecycle";
import { raiseAlert } from "./raise";
import { putAlertIfNew } from "./repository";
import { routeAlerts } from "./route";

const SPEC = TABLES.Alerts;
const DAY = 86_400;
const epoch = (at: Date) => Math.floor(at.getTime() / 1000);
const hoursAfter = (at: Date, hours: number) => new Date(at.getTime() + hours * 3_600_000);

afterEach(() => vi.unstubAllEnvs());

/** The alert's item as stored, TTL attribute and all. */
async function storedItem(alertId: string): Promise<Record<string, unknown>> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: linked("Alerts", "name"), Key: { [SPEC.partitionKey]: alertId } }),
  );
  assert(Item, `no alert ${alertId}`);
  return Item;
}

/** A price-move alert of `symbol`'s bar: an alert of no detection, as the ThresholdChecker raises it. */
function thresholdAlert(symbol: string, overrides: Partial<Alert> = {}): Alert {
  const { pattern: _p, patternId: _id, confidence: _c, ...alert } = queuedAlert({ symbol, ...overrides });
  return {
    ...alert,
    source: "threshold",
    message: "price up 6% at 2024-03-01",
    rule: "priceMove",
    measures: { movePct: 6, thresholdPct: 5 },
  };
}

const breakout = { time: BREAKOUT_DAY, direction: "up" as const };
const open = BROKE_OUT;
const resolved = RESOLVED_AT_TARGET;

/** The stream's event of `type` on `alert`'s detection, its outcome stored as the consumer stores it. */
async function streamEvent(alert: Alert, type: "breakout" | "resolved"): Promise<DetectionEvent> {
  const outcome = type === "breakout" ? open : resolved;
  const time = type === "breakout" ? breakout.time : (resolved.resolvedAt as string);
  const patternId = alert.patternId as string;
  const { interval, barTime: detectedAt } = alert;
  await recordOutcomes([{ patternId, interval, detectedAt, outcome, asOf: `${time}T00:00:00.000Z` }]);
  const seen = { pattern: "DBOT" as const, detectedAt, time, outcome };
  const event =
    type === "breakout"
      ? { ...seen, type, direction: breakout.direction, target: 130 }
      : { ...seen, type, status: "target" as const, succeeded: true };
  return { patternId, alertId: alert.alertId, event };
}

/** A CRITICAL alert stored and sent for approval at `at`; the approval's token hash from its link. */
async function awaitingApproval(alert: Alert, at: Date): Promise<string> {
  const critical = { ...alert, severity: "CRITICAL" as const };
  await putAlertIfNew(critical);
  expect(await requestApproval(critical, at)).toBe("requested");
  const link = (await published("AlertApprovalRequests")).find(
    (r) => r.message.alert?.alertId === alert.alertId,
  );
  const token = new URL(link?.message.approveUrl as string).searchParams.get("token") as string;
  return sha256Hex(token);
}

describe("alert retention: the write that finishes an alert", () => {
  it("writes no expiry when RECORD_RETENTION_DAYS is unset, finished or not", async () => {
    vi.stubEnv(RECORD_RETENTION.variable, undefined);
    const alert = thresholdAlert("KEEPA");
    await putAlertIfNew(alert);
    expect(await routeAlerts([alert])).toMatchObject([{ value: "published" }]);
    const item = await storedItem(alert.alertId);
    expect(item.status).toBe("PUBLISHED");
    expect(item).not.toHaveProperty(SPEC.ttlAttribute);
  });

  it("gives an alert of no detection the retention from the write that publishes it", async () => {
    vi.stubEnv(RECORD_RETENTION.variable, "30");
    const now = new Date("2026-06-01T12:00:00.000Z");
    const alert = thresholdAlert("KEEPB");
    await putAlertIfNew(alert);
    expect(await routeAlerts([alert], now)).toMatchObject([{ value: "published" }]);
    expect((await storedItem(alert.alertId))[SPEC.ttlAttribute]).toBe(epoch(now) + 30 * DAY);
  });

  it("starts a detection alert's retention at its resolution told, not at its publication or breakout", async () => {
    vi.stubEnv(RECORD_RETENTION.variable, "30");
    const alert = await storedDetection("KEEPC");
    await putAlertIfNew(alert);
    const publishedAt = new Date("2026-06-01T12:00:00.000Z");
    expect(await routeAlerts([alert], publishedAt)).toMatchObject([{ value: "published" }]);
    expect(await storedItem(alert.alertId)).not.toHaveProperty(SPEC.ttlAttribute);

    const brokeOut = hoursAfter(publishedAt, 24);
    expect(await tellLifecycle("KEEPC", "1d", [await streamEvent(alert, "breakout")], brokeOut)).toBe(1);
    expect(await storedItem(alert.alertId)).not.toHaveProperty(SPEC.ttlAttribute);

    const resolvedAt = hoursAfter(publishedAt, 24 * 8);
    expect(await tellLifecycle("KEEPC", "1d", [await streamEvent(alert, "resolved")], resolvedAt)).toBe(1);
    const item = await storedItem(alert.alertId);
    expect(item.resolvedSentAt).toBe(resolvedAt.toISOString());
    expect(item[SPEC.ttlAttribute]).toBe(epoch(resolvedAt) + 30 * DAY);
  });

  it("finishes an alert whose detection resolved before it went out with the catch-up that tells it", async () => {
    vi.stubEnv(RECORD_RETENTION.variable, "45");
    const alert = await storedDetection("KEEPD", resolved);
    await putAlertIfNew(alert);
    const now = new Date("2026-06-01T12:00:00.000Z");
    expect(await routeAlerts([alert], now)).toMatchObject([{ value: "published" }]);
    const item = await storedItem(alert.alertId);
    expect(item).toMatchObject({ breakoutSentAt: now.toISOString(), resolvedSentAt: now.toISOString() });
    expect(item[SPEC.ttlAttribute]).toBe(epoch(now) + 45 * DAY);
  });

  it("keeps a rejected alert as long as its approval, kept for the audit from its close", async () => {
    vi.stubEnv(RECORD_RETENTION.variable, "30");
    const alert = await storedDetection("KEEPE");
    const tokenHash = await awaitingApproval(alert, new Date());
    const before = epoch(new Date());
    expect(await decideApproval(tokenHash, "reject", "alice", "not this one")).toMatchObject({
      kind: "decided",
    });
    const after = epoch(new Date());
    const [approval] = await approvalsOfAlert(alert.alertId);
    const item = await storedItem(alert.alertId);
    expect(item.status).toBe("REJECTED");
    expect(item[SPEC.ttlAttribute]).toBeGreaterThanOrEqual(approval?.expiresAtEpoch as number);
    expect(item[SPEC.ttlAttribute]).toBeGreaterThanOrEqual(keptClosedUntil(new Date(before * 1000)));
    expect(item[SPEC.ttlAttribute]).toBeLessThanOrEqual(keptClosedUntil(new Date((after + 1) * 1000)));
  });

  it("keeps an expired alert as long as its approval; past the audit's 400 days, the retention", async () => {
    vi.stubEnv(RECORD_RETENTION.variable, "500");
    const requestedAt = new Date("2026-06-01T12:00:00.000Z");
    const alert = await storedDetection("KEEPF");
    const tokenHash = await awaitingApproval(alert, requestedAt);
    const due = hoursAfter(requestedAt, 2);
    expect(await watchApproval({ tokenHash, alertId: alert.alertId, expiresAt: "" }, due)).toEqual({
      kind: "expired",
    });
    const item = await storedItem(alert.alertId);
    expect(item.status).toBe("EXPIRED");
    // 500 days is longer than the approval's 400: the retention wins.
    expect(item[SPEC.ttlAttribute]).toBe(epoch(due) + 500 * DAY);
  });

  it("keeps an approved alert from its resolution told, at least as long as its approval", async () => {
    vi.stubEnv(RECORD_RETENTION.variable, "30");
    const alert = await storedDetection("KEEPG");
    const tokenHash = await awaitingApproval(alert, new Date());
    expect(await decideApproval(tokenHash, "approve", "alice", undefined)).toMatchObject({ kind: "decided" });
    // Out on TradingAlerts, its resolution still to come: not finished.
    expect(await storedItem(alert.alertId)).toMatchObject({ status: "APPROVED" });
    expect(await storedItem(alert.alertId)).not.toHaveProperty(SPEC.ttlAttribute);
    const resolvedAt = new Date(Date.now() + 3_600_000);
    expect(await tellLifecycle("KEEPG", "1d", [await streamEvent(alert, "resolved")], resolvedAt)).toBe(2);
    expect((await storedItem(alert.alertId))[SPEC.ttlAttribute]).toBe(keptClosedUntil(resolvedAt));
  });
});

describe("alert retention: an approval at the end of its audit", () => {
  it("answers any decision as gone (notFound), and settles nothing when its alert, expired with it, is gone", async () => {
    vi.stubEnv(RECORD_RETENTION.variable, "30");
    const alert = await storedDetection("KEEPJ");
    const token = await awaitingApproval(alert, new Date());
    expect(await decideApproval(token, "approve", "alice", undefined)).toMatchObject({ kind: "decided" });
    await tellLifecycle("KEEPJ", "1d", [await streamEvent(alert, "resolved")]);
    // 400 days on: both past their expiry, TTL has deleted neither yet (or only the alert).
    const past = epoch(new Date()) - 60;
    for (const [table, key] of [
      ["ApprovalTracking", { tokenHash: token }],
      ["Alerts", { alertId: alert.alertId }],
    ] as const)
      await dynamo().send(
        new UpdateCommand({
          TableName: linked(table, "name"),
          Key: key,
          UpdateExpression: "SET #expires = :past",
          ExpressionAttributeNames: { "#expires": "expiresAtEpoch" },
          ExpressionAttributeValues: { ":past": past },
        }),
      );
    // Its link answers as once TTL deletes it, the same decision as a different one.
    expect(await decideApproval(token, "approve", "alice", undefined)).toEqual({ kind: "notFound" });
    expect(await decideApproval(token, "reject", "alice", undefined)).toEqual({ kind: "notFound" });
    // The sweep reads it as stored (getApproval): settling it finds nothing to do, and does not throw.
    const stored = await getApproval(token);
    assert(stored?.status === "APPROVED");
    expect(await settleAlert(stored)).toEqual({ moved: false, published: false });
  });
});

describe("alert retention: an alert not finished", () => {
  it("never carries an expiry, through its routing, its approval, its breakout and the sweep", async () => {
    vi.stubEnv(RECORD_RETENTION.variable, "30");
    const now = new Date();
    const createdAt = hoursAfter(now, -2).toISOString();
    // QUEUED, its message lost (the sweep redrives it); PENDING_APPROVAL; approved on its link while the
    // alert waited, its move lost (the sweep settles and publishes it); published by the stream and caught
    // up, its breakout told and its resolution to come; published by another producer, not caught up (the
    // sweep catches it up): each within the sweep's look-back.
    const queued = queuedAlert({ symbol: "OPENA", createdAt });
    await putAlertIfNew(queued);
    const pending = { ...(await storedDetection("OPENB")), createdAt };
    await awaitingApproval(pending, now);
    const approved = { ...(await storedDetection("OPENC")), createdAt };
    await awaitingApproval(approved, now);
    const [approval] = await approvalsOfAlert(approved.alertId);
    assert(approval);
    await dynamo().send(
      new PutCommand({
        TableName: linked("ApprovalTracking", "name"),
        Item: { ...approval, status: "APPROVED", decidedBy: "alice", decidedAt: now.toISOString() },
      }),
    );
    const streamRaised = { ...(await storedDetection("OPEND")), createdAt, raisedBy: "stream" as const };
    await putAlertIfNew(streamRaised);
    await routeAlerts([streamRaised], now);
    await tellLifecycle("OPEND", "1d", [await streamEvent(streamRaised, "breakout")], now);
    const analysed = { ...(await storedDetection("OPENE")), createdAt };
    await putAlertIfNew(analysed);
    await routeAlerts([analysed], hoursAfter(now, -1));

    const timing = { ...DEFAULT_RECOVERY_TIMING, graceSeconds: 600 };
    expect(await sweepStranded(now, timing)).toMatchObject({ redriven: 1, settled: 1, failed: 0 });
    await sweepStranded(new Date(now.getTime() + 300_000), timing);
    const items = await Promise.all(
      [queued, pending, approved, streamRaised, analysed].map((a) => storedItem(a.alertId)),
    );
    expect(items.map((item) => item.status)).toEqual([
      "QUEUED",
      "PENDING_APPROVAL",
      "APPROVED",
      "PUBLISHED",
      "PUBLISHED",
    ]);
    expect(items.map((item) => item.publishedAt !== undefined)).toEqual([false, false, true, true, true]);
    expect(items[3]?.breakoutSentAt).toBeDefined();
    expect(items[4]?.caughtUpAt).toBeDefined();
    for (const item of items) expect(item, item.alertId as string).not.toHaveProperty(SPEC.ttlAttribute);
  });
});

describe("alert retention: raised again", () => {
  it("pushes a finished alert's expiry on when a producer finds it again a day or more later", async () => {
    vi.stubEnv(RECORD_RETENTION.variable, "30");
    const raisedAt = new Date(Date.now() - 3 * DAY * 1000);
    const alert = thresholdAlert("KEEPH", { createdAt: raisedAt.toISOString() });
    await putAlertIfNew(alert);
    await routeAlerts([alert], raisedAt);
    // The ThresholdChecker finds the same breach every 5 minutes while its bar is the window's newest.
    await raiseAlert(alert, hoursAfter(raisedAt, 12));
    expect((await storedItem(alert.alertId))[SPEC.ttlAttribute]).toBe(epoch(raisedAt) + 30 * DAY);
    const dayAndHalf = hoursAfter(raisedAt, 36);
    expect(await raiseAlert(alert, dayAndHalf)).toMatchObject({ created: false, status: "PUBLISHED" });
    expect((await storedItem(alert.alertId))[SPEC.ttlAttribute]).toBe(epoch(dayAndHalf) + 30 * DAY);
  });
});

describe("alert retention: an expired alert DynamoDB has not deleted yet", () => {
  it("is neither listed, nor shown, nor routed, nor raised again", async () => {
    vi.stubEnv(RECORD_RETENTION.variable, "30");
    const longAgo = new Date(Date.now() - 31 * DAY * 1000);
    const recently = new Date(Date.now() - 29 * DAY * 1000);
    const gone = thresholdAlert("KEEPI", { createdAt: longAgo.toISOString() });
    const kept = thresholdAlert("KEEPI", { createdAt: recently.toISOString() });
    for (const [alert, at] of [
      [gone, longAgo],
      [kept, recently],
    ] as const) {
      await putAlertIfNew(alert);
      await routeAlerts([alert], at);
    }
    const expired = await storedItem(gone.alertId);
    // dynalite, like DynamoDB until it gets to it, still holds the expired item.
    expect(expired[SPEC.ttlAttribute]).toBeLessThan(epoch(new Date()));

    const listed = await call("/alerts?symbol=KEEPI", { key: "reader" });
    expect(listed.status).toBe(200);
    expect(listed.json.items.map((a: Alert) => a.alertId)).toEqual([kept.alertId]);
    expect(listed.json.items[0]).not.toHaveProperty(SPEC.ttlAttribute);
    expect((await call(`/alerts/${gone.alertId}`, { key: "reader" })).status).toBe(404);
    expect((await call(`/alerts/${kept.alertId}`, { key: "reader" })).status).toBe(200);

    // An AlertQueue delivery of it changes nothing and sends nothing; nor does a producer's raise.
    await published("TradingAlerts");
    expect(await routeAlerts([gone])).toMatchObject([{ value: "alreadyPublished" }]);
    expect(await raiseAlert(gone)).toMatchObject({ created: false });
    expect(await storedItem(gone.alertId)).toEqual(expired);
    expect(await published("TradingAlerts")).toEqual([]);
    // A CRITICAL one is closed for the routing: no approval is requested.
    const rejected = { ...gone, alertId: `${gone.alertId}_c`, severity: "CRITICAL" as const };
    await dynamo().send(
      new PutCommand({
        TableName: linked("Alerts", "name"),
        Item: { ...rejected, status: "REJECTED", [SPEC.ttlAttribute]: epoch(longAgo) },
      }),
    );
    expect(await routeAlerts([rejected])).toMatchObject([{ value: "alreadyClosed" }]);
    expect(await approvalsOfAlert(rejected.alertId)).toEqual([]);
  });
});
