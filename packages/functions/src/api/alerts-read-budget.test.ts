// GET /alerts with a filter that matches little: one request reads a bounded stretch of the feed and
// answers a short page with a cursor, instead of reading the whole table to fill its page. The feed is under
// shards: the budget bounds the items examined over all of them and the rounds of Queries (one per shard).

import { codeUnitOrder } from "@stock-patterns/core";
import { feedValues } from "@stock-patterns/core/catalog";
import { PAGE_READ_BUDGET } from "@stock-patterns/core/contracts";
import { beforeAll, describe, expect, it } from "vitest";
import { type Alert, putAlertIfNew } from "#alerts";
import { queuedAlert } from "#test/fixtures";
import { call } from "#test/http";
import { watchTableCalls, watchTableReads } from "#test/table-calls";

/** The feed's key values: its shards' and the one before them. */
const VALUES = feedValues("alerts").length;
/** Alerts in the feed: a few budgets' worth, so an unbounded page would read them all in one request. */
const FEED_SIZE = 3 * PAGE_READ_BUDGET.items;
/** Where the few REJECTED alerts sit in the feed (by order of creation). */
const REJECTED_AT = new Set([5, Math.floor(FEED_SIZE / 2), FEED_SIZE - 3]);

const seeded: Alert[] = Array.from({ length: FEED_SIZE }, (_, i) =>
  queuedAlert({ symbol: "NOISE", status: REJECTED_AT.has(i) ? "REJECTED" : "PUBLISHED" }),
);
const rejectedNewestFirst = seeded
  .filter((alert) => alert.status === "REJECTED")
  .sort((a, b) => codeUnitOrder(b.createdAt, a.createdAt))
  .map((alert) => alert.alertId);

/** The items each request's reads examined (before the filter). */
const readsOf = watchTableReads(["Alerts"]);
/** Each request's Queries of the feed by key value: a round queries each value at most once. */
const queriesByValue = new Map<unknown, number>();
watchTableCalls(["Alerts"], (command, _table, input) => {
  if (command !== "QueryCommand") return;
  const value = (input.ExpressionAttributeValues as Record<string, unknown> | undefined)?.[":laneKey"];
  queriesByValue.set(value, (queriesByValue.get(value) ?? 0) + 1);
});

beforeAll(async () => {
  for (let i = 0; i < seeded.length; i += 50) {
    await Promise.all(seeded.slice(i, i + 50).map((alert) => putAlertIfNew(alert)));
  }
}, 120_000);

/** One GET /alerts and the reads it made: the items examined and the rounds (the most Queries of one value). */
async function counted(path: string) {
  queriesByValue.clear();
  const { answer, examined } = await readsOf(() => call(path, { key: "reader" }));
  // Every request reads: with no Query seen the rounds would be -Infinity, under any bound.
  expect(queriesByValue.size, path).toBeGreaterThan(0);
  return { ...answer, reads: { examined, rounds: Math.max(...queriesByValue.values()) } };
}

describe("GET /alerts with a sparse filter", () => {
  it("reads at most its budget per request and answers a short page with a cursor", async () => {
    const first = await counted("/alerts?status=REJECTED&limit=20");
    expect(first.status).toBe(200);
    expect(first.reads.examined).toBeLessThanOrEqual(PAGE_READ_BUDGET.items);
    expect(first.reads.rounds).toBeLessThanOrEqual(PAGE_READ_BUDGET.reads);
    expect(first.json.items.length).toBeLessThan(20);
    expect(first.json.cursor).toEqual(expect.any(String));
  });

  it("finds every match, in order, by following the cursor; each request within the budget", async () => {
    for (const limit of [1, 2, 20, 100]) {
      const found: string[] = [];
      let cursor: string | undefined;
      let requests = 0;
      do {
        const page = await counted(
          `/alerts?status=REJECTED&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`,
        );
        expect(page.status).toBe(200);
        expect(page.reads.examined, `limit ${limit}`).toBeLessThanOrEqual(PAGE_READ_BUDGET.items);
        expect(page.reads.rounds, `limit ${limit}`).toBeLessThanOrEqual(PAGE_READ_BUDGET.reads);
        expect(page.json.items.length).toBeLessThanOrEqual(limit);
        found.push(...page.json.items.map((alert: Alert) => alert.alertId));
        cursor = page.json.cursor ?? undefined;
        requests++;
      } while (cursor && requests < 50);
      expect(cursor, `limit ${limit}`).toBeUndefined();
      expect(found, `limit ${limit}`).toEqual(rejectedNewestFirst);
    }
  }, 120_000);

  it("reads about an unfiltered page's own size over the shards, not a page from each", async () => {
    // Before the shards: one Query of `limit` items. Now every key value is read at least once, each for
    // its share of the page and a refill of its share of what the page lacks (docs/capacity.md measures it).
    for (const limit of [1, 20, 50, 100]) {
      const page = await counted(`/alerts?limit=${limit}`);
      expect(page.json.items).toHaveLength(limit);
      expect(page.reads.examined, `limit ${limit}`).toBeLessThanOrEqual(1.5 * limit + 2 * VALUES);
      expect(page.reads.rounds, `limit ${limit}`).toBeLessThanOrEqual(4);
    }
  });
});
