// GET /patterns' pages hold each bar's detections whole, newest bar first and a bar's codes in the reverse
// of PATTERNS.md's order, so the list read to its end and reversed is what `patterns scan` prints. The
// index orders a symbol's detections by time alone; those of one bar come in no order DynamoDB promises.

import { codeUnitOrder, detectionOrder } from "@stock-patterns/core";
import { type CursorShape, decodeCursor, encodeCursor, type Page } from "#repositories";
import { SPEC, type StoredPattern } from "./pattern-table";

/** A stored detection as the index answers it: with its sort key (the instant of detectedAt). */
export type ListedItem = StoredPattern & Record<string, unknown>;

/**
 * Newest bar first, a bar's codes in the reverse of detectionOrder (the spec's), then interval and id, so
 * that every page is in one order.
 */
export const newestFirst = (a: ListedItem, b: ListedItem): number =>
  detectionOrder(b, a) || codeUnitOrder(b.interval, a.interval) || codeUnitOrder(b.patternId, a.patternId);

const barOf = (item: ListedItem | undefined) => item?.[SPEC.sortKey];

/**
 * A page of at most `limit` items made from a read of `limit + 1` in the index's order (one more, to see
 * whether the last bar goes on): its bars whole, in newestFirst order. A bar the page would split is left
 * to the next page, the cursor put after the bar before it; a page of that one bar alone (a limit below its
 * count) takes all of it, the rest read with `restOfBar`. Every cursor issued falls between two bars, so
 * no bar is split over two pages. A read cut short by the page's read budget (a filter) is kept as read,
 * its last bar completed likewise.
 *
 * @example
 * const page = await wholeBars(await readPage(..., limit + 1, ...), limit, shape, (time, cursor) => readPage(...));
 */
export async function wholeBars(
  read: Page<ListedItem>,
  limit: number,
  shape: CursorShape,
  restOfBar: (time: string, cursor: string) => Promise<Page<ListedItem>>,
): Promise<Page<ListedItem>> {
  const keyOf = (item: ListedItem) =>
    encodeCursor(Object.fromEntries(Object.keys(shape.shape).map((name) => [name, item[name] as string])));
  const whole = (items: ListedItem[], cursor: string | undefined) => ({
    items: [...items].sort(newestFirst),
    cursor,
  });
  const full = read.items.length > limit;
  const items = read.items.slice(0, limit);
  const last = items.at(-1);
  const time = barOf(last);
  if (last === undefined || typeof time !== "string") return whole(items, read.cursor);
  // Where the index goes on after the page: the item read past it, or (a read cut short) the read's cursor.
  const next = full
    ? barOf(read.items[limit])
    : read.cursor && decodeCursor(read.cursor, shape)[SPEC.sortKey];
  if (next !== time) return whole(items, full ? keyOf(last) : read.cursor);
  const first = items.findIndex((item) => barOf(item) === time);
  const before = items[first - 1];
  if (before !== undefined) return whole(items.slice(0, first), keyOf(before));
  const from = full ? keyOf(last) : (read.cursor as string);
  const rest = (await restOfBar(time, from)).items;
  const bar = [...items, ...rest];
  return whole(bar, keyOf(bar.at(-1) as ListedItem));
}
