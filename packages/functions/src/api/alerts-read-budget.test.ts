// GET /alerts with a filter that matches little: one request reads a bounded stretch of the feed and
// answers a short page with a cursor, instead of reading the whole table to fill its page.

import type { QueryCommandOutput } from "@aws-sdk/lib-dynamodb";
import { PAGE_READ_BUDGET } from "@stock-patterns/core/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Alert, putAlertIfNew } from "#alerts";
import { dynamo } from "#aws";
import { queuedAlert } from "#test/fixtures";
import { call } from "#test/http";

/** Alerts in the feed: a few budgets' worth, so an unbounded page would read them all in one request. */
const FEED_SIZE = 3 * PAGE_READ_BUDGET.items;
/** Where the few REJECTED alerts sit in the feed (by order of creation). */
const REJECTED_AT = new Set([5, Math.floor(FEED_SIZE / 2), FEED_SIZE - 3]);

const seeded: Alert[] = Array.from({ length: FEED_SIZE }, (_, i) =>
  queuedAlert({ symbol: "NOISE", status: REJECTED_AT.has(i) ? "REJECTED" : "PUBLISHED" }),
);
const rejectedNewestFirst = seeded
  .filter((alert) => alert.status === "REJECTED")
  .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
  .map((alert) => alert.alertId);

/** The DynamoDB reads of each request: calls made and items examined (before the filter). */
const reads = { calls: 0, examined: 0 };
const COUNTER = "count-feed-reads";

beforeAll(async () => {
  for (let i = 0; i < seeded.length; i += 50) {
    await Promise.all(seeded.slice(i, i + 50).map((alert) => putAlertIfNew(alert)));
  }
  dynamo().middlewareStack.add(
    (next) => async (args) => {
      const output = await next(args);
      reads.calls++;
      reads.examined += (output.output as QueryCommandOutput).ScannedCount ?? 0;
      return output;
    },
    { step: "initialize", name: COUNTER },
  );
}, 120_000);

afterAll(() => {
  dynamo().middlewareStack.remove(COUNTER);
});

/** One GET /alerts and the reads it made. */
async function counted(path: string) {
  Object.assign(reads, { calls: 0, examined: 0 });
  const answer = await call(path, { key: "reader" });
  return { ...answer, reads: { ...reads } };
}

describe("GET /alerts with a sparse filter", () => {
  it("reads at most its budget per request and answers a short page with a cursor", async () => {
    const first = await counted("/alerts?status=REJECTED&limit=20");
    expect(first.status).toBe(200);
    expect(first.reads.examined).toBeLessThanOrEqual(PAGE_READ_BUDGET.items);
    expect(first.reads.calls).toBeLessThanOrEqual(PAGE_READ_BUDGET.reads);
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
        expect(page.reads.calls, `limit ${limit}`).toBeLessThanOrEqual(PAGE_READ_BUDGET.reads);
        expect(page.json.items.length).toBeLessThanOrEqual(limit);
        found.push(...page.json.items.map((alert: Alert) => alert.alertId));
        cursor = page.json.cursor ?? undefined;
        requests++;
      } while (cursor && requests < 50);
      expect(cursor, `limit ${limit}`).toBeUndefined();
      expect(found, `limit ${limit}`).toEqual(rejectedNewestFirst);
    }
  }, 120_000);

  it("fills an unfiltered page in one read, as before", async () => {
    const page = await counted("/alerts?limit=20");
    expect(page.json.items).toHaveLength(20);
    expect(page.reads).toEqual({ calls: 1, examined: 20 });
  });
});
