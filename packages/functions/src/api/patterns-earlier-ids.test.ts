// A deploy over stored data: the release before 04e93d9 made a detection's and an alert's id from its
// times as written ("2020-01-02"), this one from their instants. POST /patterns of a series that release
// analysed already must find its detections and alerts, not store a detection a second time (listed twice)
// nor raise an alert a second time (queued, published or sent to an approver again).

import type { Bar } from "@stock-patterns/core";
import { describe, expect, it } from "vitest";
import { listAlerts } from "#alerts";
import { listPatterns } from "#analysis";
import { deleteSucceeded, queueUrl, receiveSqsEvent } from "#test/aws";
import { storeAsBeforeInstantIds } from "#test/earlier-ids";
import { sp500 } from "#test/fixtures";
import { call } from "#test/http";

const asJson = (list: readonly Bar[]) =>
  list.map(({ time, open, high, low, close, volume }) => ({ time, open, high, low, close, volume }));

const analyse = (symbol: string, bars: readonly Bar[]) =>
  call("/patterns", { key: "analyst", body: { symbol, interval: "1d", bars: asJson(bars) } });

/** Takes every message off AlertQueue; answers their alert ids. */
async function drainAlertQueue(): Promise<string[]> {
  const url = queueUrl("AlertQueue");
  const ids: string[] = [];
  for (;;) {
    const event = await receiveSqsEvent(url);
    if (event.Records.length === 0) return ids;
    ids.push(...event.Records.map((record) => JSON.parse(record.body).alertId as string));
    await deleteSucceeded(url, event, []);
  }
}

describe("POST /patterns over the detections and alerts of the release before instant ids", () => {
  it("finds each alert under the id that release gave it and raises none again", async () => {
    const symbol = "ERLY";
    const bars = sp500().slice(0, 400);
    // The earlier release's analysis: its detections and alerts, stored under the ids of their times' text.
    const first = await analyse(symbol, bars);
    expect(first.status).toBe(200);
    await drainAlertQueue();
    const earlier = await storeAsBeforeInstantIds(symbol);
    const currentIds = (first.json.alerts as { alertId: string }[]).map((a) => a.alertId);
    const earlierIds = currentIds.map((id) => earlier.get(id) as string);
    expect(earlierIds.length).toBeGreaterThan(3);
    // Times written as dates: every earlier id differs from the id this release makes.
    expect(earlierIds.filter((id) => currentIds.includes(id))).toEqual([]);

    // The same series analysed by this release.
    const again = await analyse(symbol, bars);
    expect(again.status).toBe(200);
    const answered = again.json.alerts as { alertId: string; created: boolean }[];
    expect(answered.filter((a) => a.created)).toEqual([]);
    expect(answered.map((a) => a.alertId).sort()).toEqual([...earlierIds].sort());
    expect(await drainAlertQueue()).toEqual([]);
    const { items } = await listAlerts({ symbol, limit: 1000 });
    expect(items.map((a) => a.alertId).sort()).toEqual([...earlierIds].sort());
  });

  it("finds each detection under the id that release gave it and stores none again", async () => {
    const symbol = "ERLD";
    const bars = sp500().slice(0, 400);
    const first = await analyse(symbol, bars);
    expect(first.status).toBe(200);
    await drainAlertQueue();
    const earlier = await storeAsBeforeInstantIds(symbol);
    const currentIds = (first.json.detections as { patternId: string }[]).map((d) => d.patternId);
    const earlierIds = currentIds.map((id) => earlier.get(id) as string);
    expect(earlierIds.length).toBeGreaterThan(3);
    expect(earlierIds.filter((id) => currentIds.includes(id))).toEqual([]);

    const again = await analyse(symbol, bars);
    expect(again.status).toBe(200);
    // Listed once each, and answered under the ids they are stored under.
    const { items } = await listPatterns({ symbol, limit: 1000 });
    expect(items.map((p) => p.patternId).sort()).toEqual([...earlierIds].sort());
    const answered = (again.json.detections as { patternId: string }[]).map((d) => d.patternId);
    expect(answered.sort()).toEqual([...earlierIds].sort());
    await drainAlertQueue();
  });
});
