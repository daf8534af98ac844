// Paging GET /alerts to its end, as a reader key sees it: the pages' alert ids, in order.

import { expect } from "vitest";
import type { Alert } from "#alerts";
import { call } from "#test/http";

/** Pages a listing may take before it counts as one that never ends. */
const MOST_PAGES = 500;

/**
 * Follows GET /alerts' cursor from `query` (and `cursor`, to go on from one) to the end; answers each
 * page's alert ids, failing the test on an answer other than 200 or a cursor still given after MOST_PAGES.
 *
 * @example
 * const whole = (await everyAlertPage("limit=100")).flat();
 */
export async function everyAlertPage(query: string, cursor?: string): Promise<string[][]> {
  const pages: string[][] = [];
  let next = cursor;
  do {
    const { status, json } = await call(`/alerts?${query}${next ? `&cursor=${next}` : ""}`, {
      key: "reader",
    });
    expect(status, query).toBe(200);
    pages.push(json.items.map((alert: Alert) => alert.alertId));
    next = json.cursor ?? undefined;
  } while (next && pages.length < MOST_PAGES);
  expect(next, `${query}: still a cursor after ${MOST_PAGES} pages`).toBeUndefined();
  return pages;
}
