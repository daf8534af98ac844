// queryInOrder on dynalite: several key values' Queries merged in order, a page of each read only when the
// items before it have been taken (what bounds the sweep's memory: recovery/sweep-chunks.test.ts).

import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { dynamo } from "#aws";
import { linked } from "#config";
import { queryInOrder } from "./query";

type Entry = Record<string, string>;

/** Three feeds of the byCreatedAt index, their entries interleaved in time; `hidden` ones filtered out. */
const FEEDS: Record<string, { at: number; hidden?: boolean }[]> = {
  "order-a": [{ at: 1 }, { at: 4 }, { at: 7 }, { at: 10 }],
  "order-b": [{ at: 2 }, { at: 5 }, { at: 8 }],
  "order-c": [
    { at: 0, hidden: true },
    { at: 1, hidden: true },
    { at: 3 },
    { at: 6, hidden: true },
    { at: 9 },
  ],
};
const time = (at: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, at)).toISOString();
/** A page's items. */
const LIMIT = 2;

const queries = { made: 0 };
const WATCH = "countQueries";

beforeAll(async () => {
  for (const [feed, entries] of Object.entries(FEEDS))
    for (const { at, hidden } of entries)
      await dynamo().send(
        new PutCommand({
          TableName: linked("Alerts", "name"),
          Item: { alertId: `${feed}-${at}`, feed, createdAt: time(at), ...(hidden ? { hidden: true } : {}) },
        }),
      );
});
beforeEach(() => {
  queries.made = 0;
  dynamo().middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === "QueryCommand") queries.made++;
      return next(args);
    },
    { step: "initialize", name: WATCH },
  );
});
afterEach(() => {
  dynamo().middlewareStack.remove(WATCH);
});

const byTime = (a: Entry, b: Entry) => ((a.createdAt ?? "") < (b.createdAt ?? "") ? -1 : 1);

function merged() {
  return queryInOrder<Entry>(
    Object.keys(FEEDS).map((feed) => ({
      TableName: linked("Alerts", "name"),
      IndexName: "byCreatedAt",
      KeyConditionExpression: "#feed = :feed",
      FilterExpression: "attribute_not_exists(#hidden)",
      ExpressionAttributeNames: { "#feed": "feed", "#hidden": "hidden" },
      ExpressionAttributeValues: { ":feed": feed },
      Limit: LIMIT,
    })),
    byTime,
  );
}

describe("queryInOrder", () => {
  it("gives every item of every Query once, in order, the filtered ones left out", async () => {
    const ids: string[] = [];
    for await (const entry of merged()) ids.push(entry.alertId ?? "");
    const shown = Object.entries(FEEDS).flatMap(([feed, entries]) =>
      entries.flatMap(({ at, hidden }) => (hidden ? [] : [{ id: `${feed}-${at}`, at }])),
    );
    expect(ids).toEqual(shown.sort((a, b) => a.at - b.at).map(({ id }) => id));
  });

  it("reads a Query's next page only once its page before has been taken", async () => {
    const entries = merged();
    // The first page of each; order-c's first holds only filtered entries, so its second is read too.
    await entries.next();
    expect(queries.made).toBe(4);
    // 2 and 3 are on the pages read.
    for (let taken = 1; taken < 3; taken++) expect((await entries.next()).value?.alertId).toMatch(/-[23]$/);
    expect(queries.made).toBe(4);
    // Before 4, order-c's next page: its page is taken, and what follows on it might come first.
    expect((await entries.next()).value?.alertId).toBe("order-a-4");
    expect(queries.made).toBe(5);
    await entries.return(undefined);
  });
});
