// The sweep catches up a chunk's published alerts together: their marks read in one BatchGetItem, their
// detections' outcomes in another, their past events in rounds of PublishBatch; not a GetItem of each
// alert and each outcome, and a Publish of each event.

import type { LifecycleMessage } from "@stock-patterns/core/contracts";
import { describe, expect, it } from "vitest";
import { type Alert, getAlert } from "#alerts";
import { DEFAULT_RECOVERY_TIMING } from "#config";
import { published } from "#test/aws";
import { resolvedAlerts } from "#test/detections";
import { snsCalls } from "#test/sns-calls";
import { watchTableCalls } from "#test/table-calls";
import { sweepStranded } from "./sweep";

const timing = { ...DEFAULT_RECOVERY_TIMING, graceSeconds: 600 };

/**
 * `n` alerts an analysis raised (no `raisedBy`) an hour ago on `symbol`'s detections, published then and
 * never caught up (an analysis' alerts are the sweep's), each detection already broken out and resolved.
 */
function publishedUncaughtAlerts(symbol: string, n: number): Promise<Alert[]> {
  const anHourAgo = new Date(Date.now() - 3600_000).toISOString();
  return resolvedAlerts(symbol, n, "api", {
    status: "PUBLISHED",
    createdAt: anHourAgo,
    publishedAt: anHourAgo,
  });
}

/** The calls the sweep makes on the alerts' and detections' tables, each with the ids it names. */
const calls: { command: string; table: string; ids: string[] }[] = [];
watchTableCalls(["Alerts", "TradingPatterns"], (command, table, input) =>
  calls.push({ command, table, ids: idsNamed(input) }),
);

/** The alert and pattern ids a call's input names (its Key, or its RequestItems' Keys). */
function idsNamed(input: Record<string, unknown>): string[] {
  const text = JSON.stringify(input);
  return [...text.matchAll(/"(alr_[0-9a-f]{32}|pat_[^"]+)"/g)].map(([, id]) => id as string);
}

describe("the sweep's catch-up of a chunk", () => {
  it("reads the published alerts' marks and outcomes in one batch call each and tells them in PublishBatch rounds", async () => {
    const alerts = await publishedUncaughtAlerts("CUX", 12);
    const ours = new Set(alerts.flatMap(({ alertId, patternId }) => [alertId, patternId as string]));
    calls.length = 0;
    const sent = await snsCalls(async () => {
      const swept = await sweepStranded(new Date(Date.now() + (timing.graceSeconds + 1) * 1000), timing);
      expect(swept).toMatchObject({ caughtUp: alerts.length, failed: 0 });
    });

    const naming = calls.filter(({ ids }) => ids.some((id) => ours.has(id)));
    expect(naming.filter(({ command }) => command === "GetItemCommand")).toEqual([]);
    // The chunk's read of the alerts, the catch-up's read of their marks, then of their outcomes.
    expect(
      naming.filter(({ command }) => command === "BatchGetItemCommand").map(({ table }) => table),
    ).toEqual(["Alerts", "Alerts", "TradingPatterns"]);

    const lifecycle = (await published("TradingAlerts"))
      .map(({ message }) => message as unknown as LifecycleMessage)
      .filter((message) => message.type === "lifecycle" && ours.has(message.alertId));
    for (const { alertId } of alerts)
      expect(lifecycle.filter((m) => m.alertId === alertId).map((m) => m.event)).toEqual([
        "breakout",
        "resolved",
      ]);
    // Two rounds (breakouts, then resolutions) of twelve, each in two calls at once: ten and two.
    expect(sent.map(({ command, told }) => `${command} ${told.length}`).sort()).toEqual([
      "PublishBatchCommand 10",
      "PublishBatchCommand 10",
      "PublishBatchCommand 2",
      "PublishBatchCommand 2",
    ]);
    for (const { alertId } of alerts) expect((await getAlert(alertId))?.caughtUpAt).toBeDefined();
  }, 60_000);
});
