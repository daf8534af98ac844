// The repair of detections stored twice, against dynalite: pairs as releases from 04e93d9 until 73059a9
// left them (the earlier release's item under its times' text id, the same detection again under its
// instants' id), beside single detections and pairs repaired already.

import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { detectionRecord, scanOutcomes, seriesKey, textPatternId } from "@stock-patterns/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { dynamo } from "#aws";
import { linked } from "#config";
import { scanTable } from "#test/aws";
import { sp500 } from "#test/fixtures";
import { listPatterns } from "./pattern-reads";
import { repairDuplicateDetections } from "./repair-duplicates";
import { savePatterns } from "./repository";

afterEach(() => vi.restoreAllMocks());

const patterns = () => linked("TradingPatterns", "name");
const item = async (patternId: string, timestamp: string) =>
  (await dynamo().send(new GetCommand({ TableName: patterns(), Key: { patternId, timestamp } }))).Item;

/** Stores a series' detections as this release does, and some of them again as the earlier release did. */
async function seed(symbol: string, bars = sp500().slice(0, 300)) {
  const found = scanOutcomes(bars).map((d) => ({ ...detectionRecord(d), outcomeAsOf: d.detectedAt }));
  const { patterns: stored } = await savePatterns(symbol, "1d", found, "api", bars);
  const items = (await scanTable(patterns())).filter((p) => p.symbol === symbol);
  return { stored, items };
}

/** The earlier release's item of a stored detection: the same under the id of its times' text. */
async function storeEarlier(stored: Record<string, unknown>, fields: Record<string, unknown> = {}) {
  const id = textPatternId(stored.symbol as string, "1d", stored as never) as string;
  await dynamo().send(
    new PutCommand({ TableName: patterns(), Item: { ...stored, ...fields, patternId: id } }),
  );
  return id;
}

const keyOf = (p: Record<string, unknown>) => `${p.patternId} ${p.timestamp}`;

const listed = async (symbol: string) =>
  (await listPatterns({ symbol, limit: 1000 })).items.map((p) => `${p.pattern}@${p.detectedAt}`);

describe("repairDuplicateDetections", () => {
  it("deletes each duplicate, keeps the newest outcome and the alert's detection; a dry run and a second run change nothing", async () => {
    const { items } = await seed("DUPE");
    expect(items.length).toBeGreaterThan(6);
    const [newer, older, followed, alerted, single] = items as Record<string, unknown>[];
    if (!newer || !older || !followed || !alerted || !single) throw new Error("too few detections");
    // The duplicate's outcome moved after the earlier item's: the kept item takes it.
    const keptNewer = await storeEarlier(newer, {
      outcomeAsOf: "1999-01-01",
      outcome: { status: "pending" },
    });
    // The earlier item's outcome is newer: it stays.
    const keptOlder = await storeEarlier(older, { outcomeAsOf: "2099-01-01", outcome: { status: "failed" } });
    const keptFollowed = await storeEarlier(followed);
    const keptAlerted = await storeEarlier(alerted);
    // A stream window still follows one duplicate's open outcome; an alert names another.
    const window = {
      symbolInterval: seriesKey("DUPE", "1d"),
      symbol: "DUPE",
      interval: "1d",
      version: 1,
      patternIds: { k: followed.patternId },
    };
    await dynamo().send(new PutCommand({ TableName: linked("SymbolWindows", "name"), Item: window }));
    const alert = {
      alertId: "alr_dupe",
      patternId: alerted.patternId,
      feed: "alerts",
      createdAt: "2026-12-01",
    };
    await dynamo().send(new PutCommand({ TableName: linked("Alerts", "name"), Item: alert }));
    // Repaired already: the earlier item alone.
    const { items: done } = await seed("DONE");
    const [repaired] = done as Record<string, unknown>[];
    if (!repaired) throw new Error("no detection");
    const keptRepaired = await storeEarlier(repaired);
    await dynamo().send(
      new DeleteCommand({
        TableName: patterns(),
        Key: { patternId: repaired.patternId, timestamp: repaired.timestamp },
      }),
    );
    const twice = await listed("DUPE");
    expect(twice.length).toBe(items.length + 4);

    const before = await scanTable(patterns());
    const progress: number[] = [];
    const dry = await repairDuplicateDetections({ apply: false, onProgress: (n) => progress.push(n) });
    expect(dry).toMatchObject({ pairs: 4, planned: 3, deleted: 0, movedOutcomes: 1, repointedAlerts: 1 });
    expect(dry.skipped).toEqual({ "followed by a stream window": 1 });
    expect(dry.scanned).toBe(before.length);
    expect(progress.at(-1)).toBe(before.length);
    expect(await scanTable(patterns())).toEqual(before);

    const applied = await repairDuplicateDetections({ apply: true });
    expect(applied).toMatchObject({ pairs: 4, planned: 0, deleted: 3, movedOutcomes: 1, repointedAlerts: 1 });
    expect(applied.skipped).toEqual({ "followed by a stream window": 1 });
    const after = await scanTable(patterns());
    const gone = [newer, older, alerted].map((p) => p.patternId);
    expect(after.map(keyOf).sort()).toEqual(
      before
        .filter((p) => !gone.includes(p.patternId))
        .map(keyOf)
        .sort(),
    );
    expect(await item(keptNewer, newer.timestamp as string)).toMatchObject({
      outcome: newer.outcome,
      outcomeAsOf: newer.outcomeAsOf,
    });
    expect(await item(keptOlder, older.timestamp as string)).toMatchObject({
      outcome: { status: "failed" },
      outcomeAsOf: "2099-01-01",
    });
    expect(await item(keptFollowed, followed.timestamp as string)).toBeDefined();
    expect(await item(keptAlerted, alerted.timestamp as string)).toBeDefined();
    expect(await item(keptRepaired, repaired.timestamp as string)).toBeDefined();
    const [alertNow] = (await scanTable(linked("Alerts", "name"))).filter((a) => a.alertId === "alr_dupe");
    expect(alertNow?.patternId).toBe(keptAlerted);
    // Listed once each but the pair the window follows.
    expect((await listed("DUPE")).sort()).toEqual(
      [
        ...twice.filter((p, i) => twice.indexOf(p) === i),
        `${followed.pattern}@${followed.detectedAt}`,
      ].sort(),
    );

    const again = await repairDuplicateDetections({ apply: true });
    expect(again).toMatchObject({ pairs: 1, deleted: 0, movedOutcomes: 0, repointedAlerts: 0 });
    expect(await scanTable(patterns())).toEqual(after);

    // Once the window no longer follows it (its outcome closed), it is repaired; then nothing is left.
    await dynamo().send(
      new PutCommand({ TableName: linked("SymbolWindows", "name"), Item: { ...window, patternIds: {} } }),
    );
    expect(await repairDuplicateDetections({ apply: true })).toMatchObject({ pairs: 1, deleted: 1 });
    expect(await repairDuplicateDetections({ apply: true })).toMatchObject({
      scanned: after.length - 1,
      pairs: 0,
    });
    expect(await listed("DUPE")).toHaveLength(items.length);
  });

  it("reads a pair again when the duplicate's outcome moves before its delete, and keeps that outcome", async () => {
    const { items } = await seed("RACE2", sp500().slice(300, 600));
    const [moving] = items as Record<string, unknown>[];
    if (!moving) throw new Error("no detection");
    const kept = await storeEarlier(moving);
    const client = dynamo();
    const original = client.send.bind(client) as (command: object) => Promise<unknown>;
    const send = vi.spyOn(client, "send");
    let deletes = 0;
    send.mockImplementation(async (command: object) => {
      if (command instanceof DeleteCommand && deletes++ === 0)
        // The stream moves the duplicate's outcome between the repair's read and its delete.
        await original(
          new UpdateCommand({
            TableName: patterns(),
            Key: { patternId: moving.patternId, timestamp: moving.timestamp },
            UpdateExpression: "SET outcomeAsOf = :asOf, outcome = :outcome",
            ExpressionAttributeValues: { ":asOf": "2098-01-01", ":outcome": { status: "confirmed" } },
          }),
        );
      return original(command);
    });
    const summary = await repairDuplicateDetections({ apply: true });
    expect(deletes).toBe(2);
    expect(summary).toMatchObject({ pairs: 1, deleted: 1, movedOutcomes: 1 });
    expect(await item(moving.patternId as string, moving.timestamp as string)).toBeUndefined();
    expect(await item(kept, moving.timestamp as string)).toMatchObject({
      outcomeAsOf: "2098-01-01",
      outcome: { status: "confirmed" },
    });
  });

  it("finds a duplicate stored from ISO UTC times beside the earlier item of dates", async () => {
    const bars = sp500()
      .slice(600, 900)
      .map((bar) => ({ ...bar, time: `${bar.time}T00:00:00.000Z` }));
    const { items } = await seed("ISOT", bars);
    const [iso] = items as Record<string, unknown>[];
    if (!iso) throw new Error("no detection");
    const dates = {
      end: (iso.end as string).slice(0, 10),
      detectedAt: (iso.detectedAt as string).slice(0, 10),
    };
    expect(textPatternId("ISOT", "1d", iso as never)).toBeUndefined();
    const kept = await storeEarlier({ ...iso, ...dates });
    expect(await repairDuplicateDetections({ apply: true })).toMatchObject({ pairs: 1, deleted: 1 });
    expect(await item(iso.patternId as string, iso.timestamp as string)).toBeUndefined();
    expect(await item(kept, iso.timestamp as string)).toMatchObject(dates);
  });
});
