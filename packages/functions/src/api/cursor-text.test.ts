// A cursor is opaque base64url JSON, so a caller can forge one whose text is no Unicode (a lone surrogate)
// or holds a control character: every route that takes a cursor refuses it before any table is read.

import { beforeAll, describe, expect, it } from "vitest";
import { putAlertIfNew } from "#alerts";
import { savePatterns } from "#analysis";
import { createApproval } from "#approvals";
import { dbotDetection } from "#test/detections";
import { queuedAlert, storedApproval } from "#test/fixtures";
import { call } from "#test/http";
import { watchTableCalls } from "#test/table-calls";

const SYMBOL = "CURTXT";

/** Texts no key this API writes holds: lone surrogates (no UTF-8 encoding), NUL, ESC, C1's NEL. */
const MALFORMED = ["\ud800", "2024\udc00", "alr_\ud83d", "a\u0000", "\u001b[2K", "x\u0085"];

/** The listings that page with a cursor, as the console asks them, and the key each needs. */
const LISTINGS = [
  ["/alerts?limit=1", "reader"],
  ["/alerts?status=QUEUED&limit=1", "reader"],
  [`/alerts?symbol=${SYMBOL}&limit=1`, "reader"],
  [`/patterns?symbol=${SYMBOL}&limit=1`, "reader"],
  ["/approvals?limit=1", "approver"],
  ["/approvals?decidable=true&limit=1", "approver"],
  ["/approvals?status=APPROVED&limit=1", "approver"],
  ["/approvals?alertId=alr_curtxt_1&status=APPROVED&limit=1", "approver"],
] as const;

const decoded = (cursor: string) =>
  JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Record<string, unknown>;
const encoded = (key: Record<string, unknown>) => Buffer.from(JSON.stringify(key)).toString("base64url");

const tableCalls: string[] = [];
watchTableCalls(["Alerts", "TradingPatterns", "ApprovalTracking"], (command, table) =>
  tableCalls.push(`${command} ${table}`),
);

beforeAll(async () => {
  for (let i = 0; i < 2; i++) await putAlertIfNew(queuedAlert({ symbol: SYMBOL }));
  await savePatterns(
    SYMBOL,
    "1d",
    [dbotDetection({}, "2024-03-01"), dbotDetection({}, "2024-03-02")],
    "stream",
  );
  const now = Date.now();
  for (const [n, status] of [
    [1, "PENDING"],
    [2, "PENDING"],
    [3, "APPROVED"],
    [4, "APPROVED"],
  ] as const) {
    await createApproval(
      storedApproval({
        token: `cursor-text-${n}-${now}`,
        alertId: "alr_curtxt_1",
        status,
        deadline: now + 3_600_000,
      }),
    );
  }
}, 60_000);

describe("a forged cursor whose text is not well-formed, or holds a control character", () => {
  it("is refused with a 400 on every listing, before any table is read", async () => {
    let forged = 0;
    for (const [listing, key] of LISTINGS) {
      const first = await call(listing, { key });
      expect([listing, first.status, typeof first.json.cursor]).toEqual([listing, 200, "string"]);
      const issued = decoded(first.json.cursor);
      for (const [field, value] of Object.entries(issued)) {
        if (typeof value !== "string") continue;
        for (const text of MALFORMED) {
          tableCalls.length = 0;
          const cursor = encoded({ ...issued, [field]: text });
          const { status, json } = await call(`${listing}&cursor=${cursor}`, { key });
          const paths = status === 400 ? json.errors.map((e: { path: string }) => e.path) : [];
          const seen = `${listing} ${field}=${JSON.stringify(text)}`;
          forged++;
          expect.soft([seen, status, paths, tableCalls]).toEqual([seen, 400, ["query.cursor"], []]);
        }
      }
    }
    // Each listing's cursor has a text field at least (most have two or three).
    expect(forged).toBeGreaterThan(LISTINGS.length * MALFORMED.length);
  });

  it("while the cursor a listing issued still pages on", async () => {
    for (const [listing, key] of LISTINGS) {
      const first = await call(listing, { key });
      const next = await call(`${listing}&cursor=${first.json.cursor}`, { key });
      expect([listing, next.status]).toEqual([listing, 200]);
    }
  });
});

describe("an issued cursor with characters base64url does not hold, or padding, around it", () => {
  it("is refused with a 400 on every listing, not read as the cursor it holds", async () => {
    // Buffer skipped each such character: `!!!${cursor}` answered 200 with the page of `${cursor}`.
    const message = "cursor is not one this API issued for this query: it is not base64url of JSON";
    for (const [listing, key] of LISTINGS) {
      const issued = (await call(listing, { key })).json.cursor;
      for (const cursor of [`!!!${issued}`, `${issued}%20`, `%20${issued}`, `${issued}=`]) {
        tableCalls.length = 0;
        const { status, json } = await call(`${listing}&cursor=${cursor}`, { key });
        const seen = `${listing} ${cursor}`;
        expect
          .soft([seen, status, json.errors, tableCalls])
          .toEqual([seen, 400, [{ path: "query.cursor", message }], []]);
      }
    }
  });
});
