// Reads every page of a Query: for reads that need all of what they ask for (the sweep's), not a page;
// a page at a time, or an item at a time from several key values merged in order.

import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { dynamo } from "#aws";

type QueryInput = Omit<QueryCommandInput, "ExclusiveStartKey">;

/**
 * Every item `input` selects (as `T`, what the caller stored), a page at a time (its input's `Limit` items
 * at most), each page read once the one before has been taken: what is held is a page, however many items
 * there are. A page a filter left empty is not handed out.
 *
 * @example
 * for await (const due of queryPages<Approval>({ TableName: linked("ApprovalTracking", "name"), Limit: 100, ... })) …
 */
export async function* queryPages<T = Record<string, unknown>>(input: QueryInput): AsyncGenerator<T[]> {
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(new QueryCommand({ ...input, ExclusiveStartKey }));
    const items = (page.Items ?? []) as T[];
    if (items.length > 0) yield items;
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
}

/** One Query of queryInOrder: the page it holds, how far it is taken, where its next page starts. */
interface Lane<T> {
  input: QueryInput;
  page: T[];
  next: number;
  startKey?: Record<string, unknown>;
  done: boolean;
}

/**
 * Every item the `inputs` select (several Queries, as of one index's key values), merged in `order`, each
 * Query read `Limit` items a page (its input's, at most), the empty ones' next pages all at once: so what
 * is held at a time is one page of each, however many items there are. Each Query's own order (its sort
 * key, ascending unless its input says otherwise) must agree with `order`.
 *
 * @example
 * for await (const key of queryInOrder(feeds.map((feed) => ({ ...input, Limit: 800 })), byCreatedAt)) …
 */
export async function* queryInOrder<T = Record<string, unknown>>(
  inputs: readonly QueryInput[],
  order: (a: T, b: T) => number,
): AsyncGenerator<T> {
  const lanes: Lane<T>[] = inputs.map((input) => ({ input, page: [], next: 0, done: false }));
  for (;;) {
    // An item can be taken only once every Query that may hold an earlier one has a page to compare.
    const empty = lanes.filter((lane) => lane.next === lane.page.length && !lane.done);
    await Promise.all(
      empty.map(async (lane) => {
        const output = await dynamo().send(
          new QueryCommand({ ...lane.input, ExclusiveStartKey: lane.startKey }),
        );
        lane.page = (output.Items ?? []) as T[];
        lane.next = 0;
        lane.startKey = output.LastEvaluatedKey;
        lane.done = lane.startKey === undefined;
      }),
    );
    // A filtered page may come back empty and not be the last: read on before taking anything.
    if (empty.some((lane) => lane.page.length === 0 && !lane.done)) continue;
    let first: Lane<T> | undefined;
    for (const lane of lanes) {
      if (lane.next === lane.page.length) continue;
      if (!first || order(lane.page[lane.next] as T, first.page[first.next] as T) < 0) first = lane;
    }
    if (!first) return;
    yield first.page[first.next++] as T;
  }
}
