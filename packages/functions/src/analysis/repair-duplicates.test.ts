// The repair of detections stored twice, against dynalite: pairs as releases from 04e93d9 until 73059a9
// left them (the earlier release's item under its times' text id, the same detection again under its
// instants' id), beside single detections and pairs repaired already.

import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import {
  type Bar,
  detectionRecord,
  patternId,
  scanOutcomes,
  seriesKey,
  textPatternId,
} from "@stock-patterns/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { dynamo } from "#aws";
import { linked } from "#config";
import { applyBars, loadWindow } from "#stream";
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
    expect(dry).toMatchObject({
      pairs: 4,
      planned: 4,
      deleted: 0,
      movedOutcomes: 1,
      repointedAlerts: 1,
      refollowedWindows: 1,
    });
    expect(dry.skipped).toEqual({});
    expect(dry.scanned).toBe(before.length);
    expect(progress.at(-1)).toBe(before.length);
    expect(await scanTable(patterns())).toEqual(before);

    const applied = await repairDuplicateDetections({ apply: true });
    expect(applied).toMatchObject({
      pairs: 4,
      planned: 0,
      deleted: 4,
      movedOutcomes: 1,
      repointedAlerts: 1,
      refollowedWindows: 1,
    });
    expect(applied.skipped).toEqual({});
    const after = await scanTable(patterns());
    const gone = [newer, older, followed, alerted].map((p) => p.patternId);
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
    // The window follows the kept item instead, one version on.
    expect(await loadWindow("DUPE", "1d")).toMatchObject({ version: 2, patternIds: { k: keptFollowed } });
    // Listed once each.
    expect((await listed("DUPE")).sort()).toEqual(twice.filter((p, i) => twice.indexOf(p) === i).sort());
    expect(await listed("DUPE")).toHaveLength(items.length);

    const again = await repairDuplicateDetections({ apply: true });
    expect(again).toMatchObject({ scanned: after.length, pairs: 0, deleted: 0, refollowedWindows: 0 });
    expect(await scanTable(patterns())).toEqual(after);
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

/**
 * A detection of the S&P series whose outcome is still open when it is known and breaks out a few bars
 * later, with the bars and the indices of its detection bar `e` and its breakout bar `b`.
 */
function openUntilLater() {
  const bars = sp500().slice(0, 1500);
  const index = new Map(bars.map((bar, i) => [bar.time, i]));
  for (const found of scanOutcomes(bars)) {
    const e = index.get(found.detectedAt) as number;
    const breakout = found.outcome.breakout;
    const b = breakout ? (index.get(breakout.time) as number) : -1;
    if (e >= 300 && b - e >= 3) return { detection: detectionRecord(found), bars, e, b };
  }
  throw new Error("no detection breaking out 3 or more bars after it is known");
}

/**
 * The stream follows a detection's open outcome under its instant id, and the earlier release's item of
 * it is stored beside: the pair the window follows. Answers both items' keys.
 */
async function followedPair(symbol: string) {
  const { detection, bars, e, b } = openUntilLater();
  await applyBars(symbol, "1d", bars.slice(0, e));
  await applyBars(symbol, "1d", bars.slice(e, e + 1));
  const duplicate = patternId(symbol, "1d", detection);
  expect(Object.values((await loadWindow(symbol, "1d")).patternIds ?? {})).toContain(duplicate);
  const [stored] = (await scanTable(patterns())).filter((p) => p.patternId === duplicate);
  if (!stored) throw new Error("the stream stored no detection");
  const kept = await storeEarlier(stored);
  const timestamp = stored.timestamp as string;
  return { detection, bars, e, b, duplicate, kept, timestamp };
}

/** The outcome the batch scan gives the detection from the bars through `last`. */
function outcomeThrough(
  bars: readonly Bar[],
  last: number,
  detection: { pattern: string; detectedAt: string },
) {
  const found = scanOutcomes(bars.slice(0, last + 1)).find(
    (d) => d.pattern === detection.pattern && d.detectedAt === detection.detectedAt,
  );
  if (!found) throw new Error("not found through that bar");
  return detectionRecord(found).outcome;
}

describe("repairDuplicateDetections of a pair a stream window follows", () => {
  it("points the window at the kept item, so the next stream batch moves the kept item's outcome", async () => {
    const { detection, bars, e, b, duplicate, kept, timestamp } = await followedPair("FOLW");
    const version = (await loadWindow("FOLW", "1d")).version;
    expect(await repairDuplicateDetections({ apply: true })).toMatchObject({
      pairs: 1,
      deleted: 1,
      refollowedWindows: 1,
      skipped: {},
    });
    const window = await loadWindow("FOLW", "1d");
    expect(window.version).toBe(version + 1);
    expect(Object.values(window.patternIds ?? {})).toContain(kept);
    expect(Object.values(window.patternIds ?? {})).not.toContain(duplicate);

    const moved = await applyBars("FOLW", "1d", bars.slice(e + 1, b + 1));
    expect(moved.outcomes).toBeGreaterThan(0);
    const breakout = outcomeThrough(bars, b, detection);
    expect(breakout.breakout).not.toBeNull();
    expect(await item(kept, timestamp)).toMatchObject({ outcome: breakout });
    // Nothing stored under the deleted id again.
    expect(await item(duplicate, timestamp)).toBeUndefined();
    const names = await listed("FOLW");
    expect(new Set(names).size).toBe(names.length);
  });

  it("reads the window again when a stream batch saves it between the repair's read and its rewrite; nothing is lost", async () => {
    const { detection, bars, e, b, duplicate, kept, timestamp } = await followedPair("FOLR");
    const windows = linked("SymbolWindows", "name");
    const client = dynamo();
    const original = client.send.bind(client) as (command: object) => Promise<unknown>;
    const send = vi.spyOn(client, "send");
    let rewrites = 0;
    send.mockImplementation(async (command: object) => {
      if (command instanceof UpdateCommand && command.input.TableName === windows && rewrites++ === 0)
        // The stream applies the bars through the breakout to the window the repair read: it moves the
        // duplicate's outcome (the window it read follows that) and saves the window first.
        expect((await applyBars("FOLR", "1d", bars.slice(e + 1, b + 1))).outcomes).toBeGreaterThan(0);
      return original(command);
    });
    const summary = await repairDuplicateDetections({ apply: true });
    expect(rewrites).toBe(2);
    expect(summary).toMatchObject({ pairs: 1, deleted: 1, refollowedWindows: 1, movedOutcomes: 1 });
    const breakout = outcomeThrough(bars, b, detection);
    expect(breakout.breakout).not.toBeNull();
    expect(await item(kept, timestamp)).toMatchObject({ outcome: breakout });
    expect(await item(duplicate, timestamp)).toBeUndefined();
    const window = await loadWindow("FOLR", "1d");
    expect(window.bars.at(-1)?.time).toBe(bars[b]?.time);
    expect(Object.values(window.patternIds ?? {})).not.toContain(duplicate);
  });

  it("makes a stream batch that read the window before the rewrite save again on the rewritten one; nothing is lost", async () => {
    const { detection, bars, e, b, duplicate, kept, timestamp } = await followedPair("FOLS");
    const windows = linked("SymbolWindows", "name");
    const client = dynamo();
    const original = client.send.bind(client) as (command: object) => Promise<unknown>;
    const send = vi.spyOn(client, "send");
    let saves = 0;
    let repaired: Awaited<ReturnType<typeof repairDuplicateDetections>> | undefined;
    send.mockImplementation(async (command: object) => {
      if (command instanceof PutCommand && command.input.TableName === windows && saves++ === 0)
        // The repair runs between the stream's read of the window (and its outcome write to the
        // duplicate) and its save.
        repaired = await repairDuplicateDetections({ apply: true });
      return original(command);
    });
    const applied = await applyBars("FOLS", "1d", bars.slice(e + 1, b + 1));
    expect(saves).toBe(2);
    expect(applied.applied).toBe(b - e);
    expect(repaired).toMatchObject({ pairs: 1, deleted: 1, refollowedWindows: 1, movedOutcomes: 1 });
    const breakout = outcomeThrough(bars, b, detection);
    expect(await item(kept, timestamp)).toMatchObject({ outcome: breakout });
    expect(await item(duplicate, timestamp)).toBeUndefined();
    const window = await loadWindow("FOLS", "1d");
    expect(window.bars.at(-1)?.time).toBe(bars[b]?.time);
    expect(Object.values(window.patternIds ?? {})).not.toContain(duplicate);
  });
});
