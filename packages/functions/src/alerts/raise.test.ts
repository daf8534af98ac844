// Raising a batch's alerts against dynalite and fauxqs: each stored and queued once; a batch raised again
// (a repeated analysis, a replayed stream batch) costs one batch read, not a failed put and a read each.

import { SendMessageBatchCommand } from "@aws-sdk/client-sqs";
import { BatchGetCommand } from "@aws-sdk/lib-dynamodb";
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
    const first = await raiseDetectionAlerts("RAISE", "1d", detections);
    expect(first.map((a) => a.created)).toEqual([true, true, true]);
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
