// GET /alerts over more alerts of one creation time than a request may read (an analysis raises its alerts
// at one instant): the read budget cuts a request inside the tie, in every shard, and the next request must
// go on from exactly there.

import { PAGE_READ_BUDGET } from "@stock-patterns/core/contracts";
import { beforeAll, describe, expect, it } from "vitest";
import { type Alert, putAlertIfNew } from "#alerts";
import { everyAlertPage } from "#test/alert-pages";
import { queuedAlert } from "#test/fixtures";

/** More alerts at one instant than one request examines. */
const TIED = PAGE_READ_BUDGET.items + 300;
const CREATED_AT = "2025-06-02T10:00:00.000Z";
const seeded: Alert[] = Array.from({ length: TIED }, (_, i) =>
  queuedAlert({ symbol: "TIE", createdAt: CREATED_AT, status: i % 97 === 5 ? "REJECTED" : "PUBLISHED" }),
);

beforeAll(async () => {
  for (let i = 0; i < seeded.length; i += 50) {
    await Promise.all(seeded.slice(i, i + 50).map((alert) => putAlertIfNew(alert)));
  }
}, 120_000);

describe("GET /alerts within one creation time", () => {
  it("lists each alert once in full pages, and a sparse filter's pages cut by the budget find each match once, in order", async () => {
    const pages = await everyAlertPage("limit=100");
    // Unfiltered, each page is full but the last: the one value read round after round asks for more.
    for (const page of pages.slice(0, -1)) expect(page).toHaveLength(100);
    const whole = pages.flat();
    expect(whole).toHaveLength(TIED);
    expect(new Set(whole).size).toBe(TIED);
    const rejected = new Set(
      seeded.filter((alert) => alert.status === "REJECTED").map((alert) => alert.alertId),
    );
    const expected = whole.filter((id) => rejected.has(id));
    expect(expected.length).toBe(rejected.size);
    for (const limit of [1, 5, 100]) {
      const matching = await everyAlertPage(`status=REJECTED&limit=${limit}`);
      expect(matching.flat(), `limit ${limit}`).toEqual(expected);
      // A page of 100 would hold every match: its first request was cut by the budget inside the tie.
      if (limit === 100) expect(matching.length).toBeGreaterThan(1);
    }
  }, 120_000);
});
