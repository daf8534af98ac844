// A deploy over stored data: the release before 04e93d9 made a detection's and an alert's id from its
// times as written ("2020-01-02"), this one from their instants. POST /patterns of a series that release
// analysed already must find its alerts, not raise each a second time (queued, published or sent to an
// approver again).

import { DeleteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { type Bar, sha256Hex } from "@stock-patterns/core";
import { describe, expect, it } from "vitest";
import { listAlerts } from "#alerts";
import { dynamo } from "#aws";
import { linked } from "#config";
import { deleteSucceeded, queueUrl, receiveSqsEvent, scanTable } from "#test/aws";
import { sp500 } from "#test/fixtures";
import { call } from "#test/http";

const asJson = (list: readonly Bar[]) =>
  list.map(({ time, open, high, low, close, volume }) => ({ time, open, high, low, close, volume }));

const analyse = (symbol: string, bars: readonly Bar[]) =>
  call("/patterns", { key: "reader", body: { symbol, interval: "1d", bars: asJson(bars) } });

/** The ids as 04e93d9^ made them (packages/core/src/ids/ids.ts there): the times' text hashed. */
const textDigest = (parts: readonly string[]) => sha256Hex(JSON.stringify(parts)).slice(0, 32);
type Identity = { symbol: string; interval: string; pattern: string; end: string; detectedAt: string };
const textPatternId = (d: Identity) =>
  `pat_${textDigest([d.symbol, d.interval, d.pattern, d.end, d.detectedAt])}`;
const textAlertId = (d: Identity) =>
  `alr_${textDigest(["pattern", d.symbol, d.interval, d.pattern, d.end, d.detectedAt])}`;

/** Moves an item to another key: the item the earlier release stored for the same detection or alert. */
async function rekey(table: "Alerts" | "TradingPatterns", item: Record<string, unknown>, fields: object) {
  const TableName = linked(table, "name");
  const key =
    table === "Alerts" ? { alertId: item.alertId } : { patternId: item.patternId, timestamp: item.timestamp };
  await dynamo().send(new DeleteCommand({ TableName, Key: key }));
  await dynamo().send(new PutCommand({ TableName, Item: { ...item, ...fields } }));
}

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
    const patterns = (await scanTable(linked("TradingPatterns", "name"))).filter((p) => p.symbol === symbol);
    const alerts = (await scanTable(linked("Alerts", "name"))).filter((a) => a.symbol === symbol);
    expect(alerts.length).toBeGreaterThan(3);
    for (const item of patterns) {
      const d = item as unknown as Identity;
      await rekey("TradingPatterns", item, { patternId: textPatternId(d) });
    }
    const earlierIds: string[] = [];
    for (const item of alerts) {
      const detection = patterns.find((p) => p.patternId === item.patternId) as unknown as Identity;
      earlierIds.push(textAlertId(detection));
      await rekey("Alerts", item, { alertId: textAlertId(detection), patternId: textPatternId(detection) });
    }
    expect(earlierIds.some((id) => !alerts.some((a) => a.alertId === id))).toBe(true);

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
});
