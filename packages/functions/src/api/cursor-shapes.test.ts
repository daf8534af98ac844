// A cursor is opaque base64url JSON, so a caller can forge one of the right fields whose values no key this
// API writes holds: an id of another shape, a time that is none, a negative deadline. Each listing refuses
// such a cursor with a 400 saying which field, before any table is read; a patterns cursor of a sort key
// above every time ("garbage") once started the listing over from its newest detection, so a client
// following cursors never came to the end.

import { beforeAll, describe, expect, it } from "vitest";
import { putAlertIfNew } from "#alerts";
import { savePatterns } from "#analysis";
import { createApproval } from "#approvals";
import { dbotDetection } from "#test/detections";
import { queuedAlert, storedApproval } from "#test/fixtures";
import { call } from "#test/http";
import { watchTableCalls } from "#test/table-calls";

const SYMBOL = "CURSHP";
const ALERT = "alr_0123456789abcdef0123456789abcdef";

const encoded = (key: Record<string, unknown>) => Buffer.from(JSON.stringify(key)).toString("base64url");
const decoded = (cursor: string) =>
  JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Record<string, unknown>;

/** Each listing, the key it needs, and values of its cursor's fields that no issued cursor holds. */
const LISTINGS = [
  ["/alerts?limit=1", "reader", { alertId: ["zzz", "alr_zz"], createdAt: ["not a date", "2024-01-02"] }],
  [
    `/alerts?symbol=${SYMBOL}&limit=1`,
    "reader",
    { alertId: ["zzz"], createdAt: ["not a date", "9999-99-99T00:00:00.000Z"] },
  ],
  [
    `/patterns?symbol=${SYMBOL}&limit=1`,
    "reader",
    { patternId: ["pat_zz", `pat_${"A".repeat(32)}`], timestamp: ["garbage", "2024-03-01"] },
  ],
  ["/approvals?limit=1", "approver", { tokenHash: ["dd56"], deadlineEpoch: [-5, 1.5, "1765000000", 1e13] }],
  ["/approvals?decidable=true&limit=1", "approver", { deadlineEpoch: [-5] }],
  ["/approvals?status=APPROVED&limit=1", "approver", { tokenHash: ["D".repeat(64), "x"] }],
  [`/approvals?alertId=${ALERT}&status=APPROVED&limit=1`, "approver", { tokenHash: ["dd56"] }],
] as const;

const tableCalls: string[] = [];
watchTableCalls(["Alerts", "TradingPatterns", "ApprovalTracking"], (command, table) =>
  tableCalls.push(`${command} ${table}`),
);

beforeAll(async () => {
  for (let i = 0; i < 3; i++) await putAlertIfNew(queuedAlert({ symbol: SYMBOL }));
  await savePatterns(
    SYMBOL,
    "1d",
    ["2024-03-01", "2024-03-02", "2024-03-03"].map((day) => dbotDetection({}, day)),
    "stream",
  );
  const now = Date.now();
  for (const [n, status] of [
    [1, "PENDING"],
    [2, "PENDING"],
    [3, "APPROVED"],
    [4, "APPROVED"],
  ] as const) {
    const token = `cursor-shape-${n}-${now}`;
    await createApproval(storedApproval({ token, alertId: ALERT, status, deadline: now + 3_600_000 }));
  }
}, 60_000);

describe("a forged cursor whose fields are not of the shapes the repositories write", () => {
  it("is refused with a 400 naming the field, on every listing, before any table is read", async () => {
    for (const [listing, key, forgeries] of LISTINGS) {
      const first = await call(listing, { key });
      expect([listing, first.status, typeof first.json.cursor]).toEqual([listing, 200, "string"]);
      const issued = decoded(first.json.cursor);
      for (const [field, values] of Object.entries(forgeries)) {
        expect(Object.keys(issued), listing).toContain(field);
        for (const value of values) {
          tableCalls.length = 0;
          const { status, json } = await call(`${listing}&cursor=${encoded({ ...issued, [field]: value })}`, {
            key,
          });
          const seen = `${listing} ${field}=${JSON.stringify(value)}`;
          expect
            .soft([seen, status, json.errors, tableCalls])
            .toEqual([
              seen,
              400,
              [{ path: "query.cursor", message: expect.stringContaining(`its ${field} `) }],
              [],
            ]);
        }
      }
    }
  });

  it("such as the review's: a feed's alert, a symbol's detection, an open approval", async () => {
    const cases = [
      [
        "/alerts",
        "reader",
        { alertId: "zzz", feed: "alerts#2", createdAt: "not a date" },
        "cursor is not one this API issued for this query: its alertId is not an alert id",
      ],
      [
        `/patterns?symbol=${SYMBOL}`,
        "reader",
        { patternId: "pat_zz", timestamp: "garbage", symbol: SYMBOL },
        "cursor is not one this API issued for this query: its patternId is not a detection id",
      ],
      [
        "/approvals",
        "approver",
        { tokenHash: "d".repeat(64), openFeed: "open", deadlineEpoch: -5 },
        "cursor is not one this API issued for this query: its deadlineEpoch is not epoch seconds of a time this API stores",
      ],
    ] as const;
    for (const [listing, key, cursor, message] of cases) {
      const glue = listing.includes("?") ? "&" : "?";
      const { status, json } = await call(`${listing}${glue}cursor=${encoded(cursor)}`, { key });
      expect([listing, status, json.detail, json.errors]).toEqual([
        listing,
        400,
        message,
        [{ path: "query.cursor", message }],
      ]);
    }
  });

  it("while every cursor a listing issued pages on to the end", async () => {
    for (const [listing, key] of LISTINGS) {
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await call(`${listing}${cursor ? `&cursor=${cursor}` : ""}`, { key });
        expect([listing, page.status]).toEqual([listing, 200]);
        cursor = page.json.cursor;
        pages++;
      } while (cursor && pages < 10);
      expect([listing, cursor]).toEqual([listing, undefined]);
    }
  });
});
