// The alerts' feeds under shards: each alert's index entries go under its id's shard, not all under one key
// value (a partition's 1,000 WCU/s, docs/capacity.md), and GET /alerts still lists every alert newest first,
// page after page, alerts stored before the shards (under the one value) among them.

import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { ALERT_FEED_SHARDS, feedValues } from "@stock-patterns/core/catalog";
import { beforeAll, describe, expect, it } from "vitest";
import { type Alert, putAlertIfNew, unfinishedAlerts } from "#alerts";
import { dynamo } from "#aws";
import { linked } from "#config";
import { everyAlertPage } from "#test/alert-pages";
import { scanTable } from "#test/aws";
import { queuedAlert } from "#test/fixtures";
import { call } from "#test/http";

const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const at = (minute: number) => new Date(Date.UTC(2025, 2, 1, 0, minute)).toISOString();

/** An alert as releases before the shards stored it: under the one value of each feed. */
async function storedBeforeShards(alert: Alert): Promise<Alert> {
  await dynamo().send(
    new PutCommand({
      TableName: linked("Alerts", "name"),
      Item: { ...alert, feed: "alerts", unfinishedFeed: "unfinished" },
    }),
  );
  return alert;
}

/** Every alert stored, newest first, as ids (ties in no set order: the pages' own order is checked against it). */
async function stored(): Promise<Alert[]> {
  const items = await scanTable<Alert>(linked("Alerts", "name"));
  return items.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

/** 120 alerts at 24 times, five at each (ties across shards), of varied statuses and severities. */
const sharded = Array.from({ length: 120 }, (_, i) =>
  queuedAlert({
    symbol: "SHRD",
    createdAt: at(100 - 4 * Math.floor(i / 5)),
    status: i % 3 === 0 ? "PUBLISHED" : "QUEUED",
    severity: i % 4 === 0 ? "CRITICAL" : "HIGH",
  }),
);
/** 30 alerts stored before the shards: some at the sharded alerts' times, the rest older. */
const legacy = Array.from({ length: 30 }, (_, i) =>
  queuedAlert({
    symbol: "LGCY",
    createdAt: at(i < 15 ? 100 - 8 * (i % 8) : 2 + Math.floor(i / 4)),
    status: i % 2 === 0 ? "PUBLISHED" : "QUEUED",
  }),
);

beforeAll(async () => {
  await Promise.all(sharded.map((alert) => putAlertIfNew(alert)));
  await Promise.all(legacy.map((alert) => storedBeforeShards(alert)));
});

describe("an alert's feeds", () => {
  it("go under its id's shard: every shard of each feed takes some, none takes half", async () => {
    const items = await scanTable<Record<string, string>>(linked("Alerts", "name"));
    const ours = items.filter((item) => item.symbol === "SHRD");
    expect(ours).toHaveLength(sharded.length);
    for (const [attribute, base] of [
      ["feed", "alerts"],
      ["unfinishedFeed", "unfinished"],
    ] as const) {
      const counts = new Map<string, number>();
      for (const item of ours)
        counts.set(item[attribute] ?? "", (counts.get(item[attribute] ?? "") ?? 0) + 1);
      // Before the shards: one value ("alerts", "unfinished") held all 120.
      expect([...counts.keys()].sort(), attribute).toEqual(
        feedValues(base).slice(0, ALERT_FEED_SHARDS).sort(),
      );
      expect(Math.max(...counts.values()), attribute).toBeLessThan(sharded.length / 2);
    }
  });
});

describe("GET /alerts across shards", () => {
  it("lists every alert once, newest first, the same whatever the page size", async () => {
    const all = await stored();
    const whole = (await everyAlertPage("limit=100")).flat();
    expect(whole).toHaveLength(all.length);
    expect(new Set(whole).size).toBe(all.length);
    const createdAt = new Map(all.map((alert) => [alert.alertId, alert.createdAt]));
    const times = whole.map((id) => createdAt.get(id) ?? "");
    expect(times).toEqual(all.map((alert) => alert.createdAt));
    for (const limit of [1, 2, 3, 7, 10, 50]) {
      const pages = await everyAlertPage(`limit=${limit}`);
      expect(pages.flat(), `limit ${limit}`).toEqual(whole);
      // Unfiltered, every page is full but the last.
      for (const page of pages.slice(0, -1)) expect(page, `limit ${limit}`).toHaveLength(limit);
    }
  }, 120_000);

  it("filters across shards and pages the matches in the same order", async () => {
    const whole = (await everyAlertPage("limit=100")).flat();
    const all = new Map((await stored()).map((alert) => [alert.alertId, alert]));
    for (const [query, keep] of [
      ["status=PUBLISHED", (a: Alert) => a.status === "PUBLISHED"],
      ["severity=CRITICAL&status=QUEUED", (a: Alert) => a.severity === "CRITICAL" && a.status === "QUEUED"],
      ["symbol=LGCY", (a: Alert) => a.symbol === "LGCY"],
    ] as const) {
      const expected = whole.filter((id) => keep(all.get(id) as Alert));
      expect(expected.length, query).toBeGreaterThan(0);
      for (const limit of [1, 4, 100])
        expect((await everyAlertPage(`${query}&limit=${limit}`)).flat()).toEqual(expected);
    }
  });

  it("goes on from a cursor exactly when newer and older alerts arrive between pages", async () => {
    const whole = (await everyAlertPage("limit=100")).flat();
    const first = await call("/alerts?limit=7", { key: "reader" });
    expect(first.json.items.map((a: Alert) => a.alertId)).toEqual(whole.slice(0, 7));
    const newer = Array.from({ length: 16 }, () => queuedAlert({ symbol: "NEWR", createdAt: at(500) }));
    const older = queuedAlert({ symbol: "OLDR", createdAt: at(0) });
    await Promise.all([...newer, older].map((alert) => putAlertIfNew(alert)));
    const rest = (await everyAlertPage("limit=7", first.json.cursor)).flat();
    expect(rest).toEqual([...whole.slice(7), older.alertId]);
  });

  it("goes on from a cursor a release before the shards gave (a key under the one value)", async () => {
    const whole = (await everyAlertPage("limit=100")).flat();
    const all = new Map((await stored()).map((alert) => [alert.alertId, alert]));
    const last = whole.findLast((id) => all.get(id)?.symbol === "LGCY" && all.get(id)?.createdAt === at(100));
    const alert = all.get(last as string) as Alert;
    const cursor = cursorOf({ alertId: alert.alertId, feed: "alerts", createdAt: alert.createdAt });
    const rest = (await everyAlertPage("limit=9", cursor)).flat();
    expect(rest).toEqual(whole.slice(whole.indexOf(alert.alertId) + 1));
  });

  it("answers 400 for a cursor under a key value the feed does not have", async () => {
    for (const feed of [`alerts#${ALERT_FEED_SHARDS}`, "alerts#", "unfinished#0"]) {
      const cursor = cursorOf({ alertId: "alr_x", feed, createdAt: at(1) });
      const { status, json } = await call(`/alerts?cursor=${cursor}`, { key: "reader" });
      expect(status, feed).toBe(400);
      expect(json.errors, feed).toEqual([expect.objectContaining({ path: "query.cursor" })]);
    }
  });
});

describe("the sweep's unfinished alerts", () => {
  it("are read from every shard and from the one value before the shards", async () => {
    // An hour before every other alert of this file: the sweep's window holds these two alone.
    const now = at(-60);
    const before = await storedBeforeShards(queuedAlert({ symbol: "SWPL", createdAt: now }));
    const after = queuedAlert({ symbol: "SWPS", createdAt: now });
    await putAlertIfNew(after);
    const found: string[] = [];
    for await (const chunk of unfinishedAlerts(now, now)) found.push(...chunk.map((alert) => alert.alertId));
    expect(found.sort()).toEqual([before.alertId, after.alertId].sort());
  });
});
