// Raising a batch's alerts against dynalite and fauxqs: each stored and queued once; a batch raised again
// (a repeated analysis, a replayed stream batch) costs one batch read, not a failed put and a read each;
// a send refused gives the queued marks back.

import { SendMessageBatchCommand } from "@aws-sdk/client-sqs";
import { BatchGetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { patternAlertId } from "@stock-patterns/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { EvidencedDetection } from "#analysis";
import { dynamo, sqs } from "#aws";
import { raiseDetectionAlerts } from "./raise";
import { getAlert } from "./repository";

const detection = (day: number, confidence: number): EvidencedDetection => ({
  patternId: `pat_raise_${day}`,
  pattern: "DTOP",
  name: "double top",
  start: "2024-05-01",
  end: `2024-05-${String(day).padStart(2, "0")}`,
  detectedAt: `2024-05-${String(day + 1).padStart(2, "0")}`,
  confidence,
  severity: confidence >= 90 ? "CRITICAL" : confidence >= 75 ? "HIGH" : "MEDIUM",
});

afterEach(() => vi.restoreAllMocks());

describe("raiseDetectionAlerts", () => {
  it("stores and queues each alert once; raised again, it reads them in one call and writes nothing", async () => {
    const detections = [detection(10, 80), detection(12, 65), detection(14, 95)];
    const sends = vi.spyOn(sqs(), "send");
    const writes = vi.spyOn(dynamo(), "send");
    const first = await raiseDetectionAlerts("RAISE", "1d", detections);
    expect(first.map((a) => a.created)).toEqual([true, true, true]);
    // One read, then one put each: the put marks the alert queued.
    expect(writes.mock.calls.map(([command]) => command.constructor.name)).toEqual([
      BatchGetCommand.name,
      ...detections.map(() => PutCommand.name),
    ]);
    writes.mockRestore();
    // The three are queued with one call.
    expect(sends.mock.calls.map(([command]) => command.constructor.name)).toEqual([
      SendMessageBatchCommand.name,
    ]);
    sends.mockRestore();
    for (const d of detections) {
      const stored = await getAlert(patternAlertId("RAISE", "1d", d));
      expect(stored?.enqueuedAt).toBeDefined();
    }
    const before = await Promise.all(detections.map((d) => getAlert(patternAlertId("RAISE", "1d", d))));

    const send = vi.spyOn(dynamo(), "send");
    const again = await raiseDetectionAlerts("RAISE", "1d", detections);
    expect(again.map((a) => a.created)).toEqual([false, false, false]);
    expect(again.map((a) => a.alertId)).toEqual(first.map((a) => a.alertId));
    expect(send.mock.calls.map(([command]) => command.constructor.name)).toEqual([BatchGetCommand.name]);
    send.mockRestore();
    expect(await Promise.all(detections.map((d) => getAlert(patternAlertId("RAISE", "1d", d))))).toEqual(
      before,
    );
  });
});

describe("raiseDetectionAlerts when AlertQueue refuses", () => {
  it("gives back the queued marks of the alerts it stored, so a retry queues them", async () => {
    const detections = [detection(16, 80), detection(18, 70)];
    const ids = detections.map((d) => patternAlertId("REFUSED", "1d", d));
    const refusal = vi.spyOn(sqs(), "send").mockRejectedValueOnce(new Error("AlertQueue unavailable"));
    await expect(raiseDetectionAlerts("REFUSED", "1d", detections)).rejects.toThrow("AlertQueue unavailable");
    refusal.mockRestore();
    const left = await Promise.all(ids.map(getAlert));
    expect(left.map((alert) => [alert?.status, alert?.enqueuedAt])).toEqual([
      ["QUEUED", undefined],
      ["QUEUED", undefined],
    ]);

    const sends = vi.spyOn(sqs(), "send");
    const retry = await raiseDetectionAlerts("REFUSED", "1d", detections);
    expect(retry.map((a) => a.created)).toEqual([false, false]);
    expect(sends.mock.calls.map(([command]) => command.constructor.name)).toEqual([
      SendMessageBatchCommand.name,
    ]);
    expect((await Promise.all(ids.map(getAlert))).every((alert) => alert?.enqueuedAt !== undefined)).toBe(
      true,
    );
  });
});
