// GET /alerts?symbol=X: a symbol's alerts come from that symbol's own alerts, however many alerts of other
// symbols were raised since, with status and severity filters kept, and a cursor good for that listing only.

import { DeleteCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { codeUnitOrder } from "@stock-patterns/core";
import { TABLES } from "@stock-patterns/core/catalog";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Alert, putAlertIfNew } from "#alerts";
import { dynamo } from "#aws";
import { linked } from "#config";
import { queuedAlert } from "#test/fixtures";
import { call } from "#test/http";
import { watchTableReads } from "#test/table-calls";

/** The rare symbol's alerts, raised first, so every alert of the others is newer. */
const rare: Alert[] = [
  queuedAlert({ symbol: "RARE", severity: "HIGH", status: "PUBLISHED" }),
  queuedAlert({ symbol: "RARE", severity: "HIGH", status: "REJECTED" }),
  queuedAlert({ symbol: "RARE", severity: "CRITICAL", status: "PUBLISHED" }),
];
/** 1,200 newer alerts of 8 other symbols: more than one request's read budget of the shared feed. */
const others: Alert[] = Array.from({ length: 1200 }, (_, i) =>
  queuedAlert({ symbol: `OTH${i % 8}`, status: "PUBLISHED" }),
);
const newestFirst = (alerts: Alert[]) =>
  [...alerts].sort((a, b) => codeUnitOrder(b.createdAt, a.createdAt)).map((alert) => alert.alertId);

/** A symbol whose alerts change in the table after the index listed them (the index is eventually consistent). */
const moving: Alert[] = Array.from({ length: 4 }, () =>
  queuedAlert({ symbol: "MOVE", severity: "HIGH", status: "PUBLISHED" }),
);
/** What happens to the table right after the next Query of the bySymbol index answers: none by default. */
let afterIndexQuery: (() => Promise<void>) | undefined;
const AFTER_INDEX_QUERY = "after-symbol-index-query";

/** Each request's calls on Alerts and the items its Queries examined (before any filter). */
const readsOf = watchTableReads(["Alerts"]);

beforeAll(async () => {
  const seeded = [...rare, ...others, ...moving];
  for (let i = 0; i < seeded.length; i += 50) {
    await Promise.all(seeded.slice(i, i + 50).map((alert) => putAlertIfNew(alert)));
  }
  dynamo().middlewareStack.add(
    (next, context) => async (args) => {
      const output = await next(args);
      if (context.commandName === "QueryCommand") {
        const change = (args.input as { IndexName?: string }).IndexName === "bySymbol" && afterIndexQuery;
        afterIndexQuery = undefined;
        if (change) await change();
      }
      return output;
    },
    { step: "initialize", name: AFTER_INDEX_QUERY },
  );
}, 120_000);

afterAll(() => {
  dynamo().middlewareStack.remove(AFTER_INDEX_QUERY);
});

async function counted(path: string) {
  const { answer, calls, examined } = await readsOf(() => call(path, { key: "reader" }));
  return { ...answer, reads: { calls, examined } };
}

const ids = (items: Alert[]) => items.map((alert) => alert.alertId);

describe("GET /alerts?symbol=", () => {
  it("answers a rare symbol's alerts in the first page, reading only that symbol's", async () => {
    const page = await counted("/alerts?symbol=RARE&limit=50");
    expect(page.status).toBe(200);
    expect(ids(page.json.items)).toEqual(newestFirst(rare));
    expect(page.json.cursor).toBeUndefined();
    // One Query of the symbol's index, then one batch read of the page's alerts from the table.
    expect(page.reads).toEqual({ calls: ["QueryCommand", "BatchGetItemCommand"], examined: rare.length });
  });

  it("keeps status and severity as filters on the symbol's alerts", async () => {
    const published = await counted("/alerts?symbol=RARE&status=PUBLISHED");
    expect(ids(published.json.items)).toEqual(newestFirst(rare.filter((a) => a.status === "PUBLISHED")));
    const both = await counted("/alerts?symbol=rare&status=PUBLISHED&severity=HIGH");
    expect(ids(both.json.items)).toEqual([rare[0]?.alertId]);
    expect(both.reads.examined).toBe(rare.length);
  });

  it("pages a symbol's alerts with its cursor, one request a page", async () => {
    const found: string[] = [];
    let cursor: string | undefined;
    let requests = 0;
    do {
      const page = await counted(`/alerts?symbol=RARE&limit=1${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.status).toBe(200);
      found.push(...ids(page.json.items));
      cursor = page.json.cursor ?? undefined;
      requests++;
    } while (cursor && requests < 10);
    expect(found).toEqual(newestFirst(rare));
    // Three pages of one, and at most one more to learn there is nothing after the third.
    expect(requests).toBeLessThanOrEqual(rare.length + 1);
  });

  it("pages a common symbol newest first across requests, nothing skipped or repeated", async () => {
    const symbol = "OTH3";
    const found: string[] = [];
    let cursor: string | undefined;
    let requests = 0;
    do {
      const page = await counted(`/alerts?symbol=${symbol}&limit=40${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.json.items.length).toBeGreaterThan(0);
      found.push(...ids(page.json.items));
      cursor = page.json.cursor ?? undefined;
      requests++;
    } while (cursor && requests < 10);
    expect(found).toEqual(newestFirst(others.filter((alert) => alert.symbol === symbol)));
  });

  it("answers each alert as the table holds it now: one gone or moved out of the filter since the index listed it is left out", async () => {
    const key = (alert: Alert | undefined) => ({ [TABLES.Alerts.partitionKey]: alert?.alertId });
    const [deleted, rejected, ...kept] = moving;
    afterIndexQuery = async () => {
      await dynamo().send(new DeleteCommand({ TableName: linked("Alerts", "name"), Key: key(deleted) }));
      await dynamo().send(
        new UpdateCommand({
          TableName: linked("Alerts", "name"),
          Key: key(rejected),
          UpdateExpression: "SET #status = :status",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":status": "REJECTED" },
        }),
      );
    };
    const page = await counted("/alerts?symbol=MOVE&status=PUBLISHED");
    expect(page.status).toBe(200);
    // The index listed all 4 as PUBLISHED; the table, read after, holds 3 of them and 2 still PUBLISHED.
    expect(page.reads.examined).toBe(moving.length);
    expect(ids(page.json.items)).toEqual(newestFirst(kept));
    expect(page.json.items).toEqual(
      [...kept].reverse().map((alert) => expect.objectContaining({ ...alert, status: "PUBLISHED" })),
    );
  });

  it("lists from an index that holds each alert's keys, status and severity only", async () => {
    const { Items = [] } = await dynamo().send(
      new QueryCommand({
        TableName: linked("Alerts", "name"),
        IndexName: "bySymbol",
        KeyConditionExpression: "#symbol = :symbol",
        ExpressionAttributeNames: { "#symbol": "symbol" },
        ExpressionAttributeValues: { ":symbol": "RARE" },
        ScanIndexForward: false,
      }),
    );
    expect(Items).toEqual(
      [...rare].reverse().map(({ alertId, symbol, createdAt, status, severity }) => ({
        alertId,
        symbol,
        createdAt,
        status,
        severity,
      })),
    );
  });

  it("refuses with 400 a cursor of another listing: the feed's, another symbol's, or the feed given a symbol's", async () => {
    const feed = await call("/alerts?limit=1", { key: "reader" });
    const symbolCursor = (await call("/alerts?symbol=OTH1&limit=1", { key: "reader" })).json.cursor;
    expect(feed.json.cursor).toEqual(expect.any(String));
    expect(symbolCursor).toEqual(expect.any(String));
    for (const path of [
      `/alerts?symbol=RARE&cursor=${feed.json.cursor}`,
      `/alerts?symbol=RARE&cursor=${symbolCursor}`,
      `/alerts?cursor=${symbolCursor}`,
      `/alerts?status=PUBLISHED&cursor=${symbolCursor}`,
    ]) {
      const { status, json } = await call(path, { key: "reader" });
      expect(status, path).toBe(400);
      expect(json.errors, path).toEqual([{ path: "query.cursor", message: expect.stringMatching(/cursor/) }]);
    }
  });
});
