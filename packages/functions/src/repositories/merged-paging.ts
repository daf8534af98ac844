// Pages newest first through an index whose items sit under several partition key values (a feed written
// under shards): one Query per value at a time, all at once, merged by the sort key, within the page read budget.

import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { PAGE_READ_BUDGET } from "@stock-patterns/core/contracts";
import { dynamo } from "#aws";
import { type CursorShape, decodeCursor, encodeCursor, type Page } from "./paging";

type Key = Record<string, string>;
type Item = Record<string, unknown>;

/** What readMergedPage reads: one index, the key values it spans, and a filter. */
export interface MergedQuery {
  /** Table, index, filter, names and values: everything of each Query but its key condition. */
  input: Omit<
    QueryCommandInput,
    "KeyConditionExpression" | "ExclusiveStartKey" | "Limit" | "ScanIndexForward"
  >;
  /** The table's partition key; with the index's two keys, an item's place. */
  tableKey: string;
  partitionKey: string;
  sortKey: string;
  /** The partition key values, in the order that breaks a tie of sort keys (the first comes first). */
  values: readonly string[];
  /**
   * What a cursor of this read holds: an index entry's key (tableKey, partitionKey under one of `values`,
   * sortKey), each as the table's writers write it.
   */
  cursor: CursorShape;
  /**
   * Whether the filter may pass over many items (a status asked for), so each value is asked more as
   * rounds go on; by default, whether there is a filter. A filter that passes nearly every item (an alert
   * not past its retention) reads as an unfiltered page does.
   */
  sparse?: boolean;
}

/** One key value's read: where it goes on from, what it found that is not yet on the page. */
interface Lane {
  rank: number;
  value: string;
  /** The sort key bound of its key condition, from the cursor: `<` before the cursor's value, `<=` after. */
  bound?: "<" | "<=";
  /** The last item examined (its key), from which the next Query goes on. */
  last?: Key;
  done: boolean;
  found: Item[];
  /** What its next Query asks for, with a filter. */
  ask: number;
  /** The rounds in a row it has been queried in, up to the last. */
  streak: number;
}

/**
 * A page of up to `limit` items of every key value of `query.values`, newest first (the sort key descending;
 * a tie by the values' order, then as DynamoDB orders the one value), and the cursor of the next page: the
 * key of the last item a page has covered (an index entry's key, as readPage's cursors are).
 *
 * Each round queries, at once, every value that may hold an item the page needs next, for about its share
 * of the items the page lacks, doubled for each round in a row the value is read (with a filter: its share
 * of `limit`, then twice as many each time); the
 * budget (core's PAGE_READ_BUDGET) bounds the items examined over all values and the rounds. A page cut
 * short by it ends where the value read least far was read to, so nothing is skipped or listed twice (what
 * the other values read beyond it is read again by the next page).
 *
 * @example
 * const page = await readMergedPage({ input, tableKey: "alertId", partitionKey: "feed", sortKey: "createdAt", values, cursor }, 50);
 */
export async function readMergedPage<T>(
  query: MergedQuery,
  limit: number,
  cursor?: string,
): Promise<Page<T>> {
  const { tableKey, partitionKey, sortKey, values } = query;
  const sparse = query.sparse ?? query.input.FilterExpression !== undefined;
  const keyNames = [tableKey, partitionKey, sortKey];
  const at = cursor ? (decodeCursor(cursor, query.cursor) as Key) : undefined;
  const atRank = at ? values.indexOf(at[partitionKey] as string) : -1;
  const lanes: Lane[] = values.map((value, rank) => ({
    rank,
    value,
    bound: at === undefined ? undefined : rank < atRank ? "<" : "<=",
    last: rank === atRank ? at : undefined,
    done: false,
    found: [],
    ask: Math.ceil(limit / values.length) + 1,
    streak: 0,
  }));
  const sortOf = (item: Item) => item[sortKey] as string;
  /** Whether `a` comes before `b` on the page: the newer first, then the earlier value. */
  const before = (a: Item, aRank: number, b: Item, bRank: number) =>
    sortOf(a) > sortOf(b) || (sortOf(a) === sortOf(b) && aRank < bRank);
  /** Whether every item of `lane` that comes before `item` (of `rank`) has been examined. */
  const readPast = (lane: Lane, item: Item, rank: number) =>
    lane.done || lane.rank === rank || (lane.last !== undefined && before(item, rank, lane.last, lane.rank));
  /** Whether `next` (the first item found) comes next: no lane may still hold an unread item before it. */
  const settled = (next: Head | undefined): next is Head =>
    next !== undefined && lanes.every((lane) => readPast(lane, next.item, next.lane.rank));

  const page: Item[] = [];
  let examined = 0;
  for (let round = 0; ; round++) {
    // Take every item known to come next, until one may still have an unread item before it.
    let next = head(lanes, before);
    while (page.length < limit && settled(next)) {
      page.push(next.lane.found.shift() as Item);
      next = head(lanes, before);
    }
    if (page.length === limit)
      return { items: page as T[], cursor: encodeCursor(pick(page.at(-1), keyNames)) };
    const first = next;
    const due = lanes.filter(
      (lane) => !lane.done && (!first || !readPast(lane, first.item, first.lane.rank)),
    );
    const room = Math.floor((PAGE_READ_BUDGET.items - examined) / Math.max(due.length, 1));
    if (due.length === 0 || round === PAGE_READ_BUDGET.reads || room < 1) break;
    // Unfiltered, a value is asked its share of what the page lacks, and one more (so that a value that
    // gives its share is often read past the next item), twice that for each round in a row it was read
    // (many alerts of one instant sit in one value after another), never more than the page lacks.
    // Filtered, each Query of a value asks twice as many as the one before, as readPage's.
    const lacking = limit - page.length;
    const share = Math.ceil(lacking / lanes.filter((lane) => !lane.done).length) + 1;
    for (const lane of lanes) lane.streak = due.includes(lane) ? lane.streak + 1 : 0;
    const outputs = await Promise.all(
      due.map((lane) => {
        // From a cursor, each value's Query is bounded by its sort key (below it, or up to it).
        const bound = lane.bound && at ? { sign: lane.bound, value: at[sortKey] } : undefined;
        return dynamo().send(
          new QueryCommand({
            ...query.input,
            KeyConditionExpression: `#laneKey = :laneKey${bound ? ` AND #laneSort ${bound.sign} :laneSort` : ""}`,
            ExpressionAttributeNames: {
              ...query.input.ExpressionAttributeNames,
              "#laneKey": partitionKey,
              ...(bound ? { "#laneSort": sortKey } : {}),
            },
            ExpressionAttributeValues: {
              ...query.input.ExpressionAttributeValues,
              ":laneKey": lane.value,
              ...(bound ? { ":laneSort": bound.value } : {}),
            },
            ScanIndexForward: false,
            Limit: Math.min(room, sparse ? lane.ask : Math.min(lacking, share * 2 ** (lane.streak - 1))),
            ExclusiveStartKey: lane.last,
          }),
        );
      }),
    );
    for (const [i, output] of outputs.entries()) {
      const lane = due[i] as Lane;
      lane.found.push(...(output.Items ?? []));
      lane.last = output.LastEvaluatedKey as Key | undefined;
      lane.done = lane.last === undefined;
      lane.ask *= 2;
      examined += output.ScannedCount ?? 0;
    }
  }
  // Cut short by the budget (or every value read to its end): go on from the value read least far.
  const open = lanes.filter((lane) => !lane.done);
  const least = open.reduce<Lane | undefined>(
    (a, b) => (a?.last && b.last && before(a.last, a.rank, b.last, b.rank) ? a : b),
    undefined,
  );
  return { items: page as T[], cursor: least?.last ? encodeCursor(pick(least.last, keyNames)) : undefined };
}

/** The item that comes first among what the lanes have found, with its lane. */
interface Head {
  item: Item;
  lane: Lane;
}

function head(lanes: Lane[], before: (a: Item, aRank: number, b: Item, bRank: number) => boolean) {
  let first: Head | undefined;
  for (const lane of lanes) {
    const item = lane.found[0];
    if (item && (!first || before(item, lane.rank, first.item, first.lane.rank))) first = { item, lane };
  }
  return first;
}

function pick(item: Item | undefined, names: readonly string[]): Key {
  if (item === undefined) throw new RangeError("a page limit must be at least 1");
  return Object.fromEntries(names.map((name) => [name, item[name] as string]));
}
