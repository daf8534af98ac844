// Fuzzing every route of the app with property-based requests (fast-check, fixed seed): whatever arrives,
// no answer is a 5xx, every error is a problem+json whose words escape what they quote, and a rejected
// request stores nothing.

import assert from "node:assert";
import { needsEscaping, PATTERN_CODES } from "@stock-patterns/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ALERT_STATUSES, putAlertIfNew, SEVERITIES } from "#alerts";
import { APPROVAL_STATUSES, approvalsOfAlert, requestApproval } from "#approvals";
import { encodeCursor } from "#repositories";
import { scanTable } from "#test/aws";
import { queuedAlert, sp500 } from "#test/fixtures";
import { TEST_KEYS } from "#test/keys";
import { wholeNumber } from "#test/seeds";
import { app } from "./app";

/** The seed and the count of requests; FUZZ_SEED and FUZZ_RUNS search further (docs/reliability.md). */
const SEED = wholeNumber("FUZZ_SEED", 14);
const RUNS = wholeNumber("FUZZ_RUNS", 3000, { min: 1 });
type Said = { message: string };

/** Text a caller might send anywhere: plain, numeric-looking, unicode, control characters, lone surrogates. */
const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.constantFrom(
    "",
    " ",
    "%bad",
    "0",
    "-1",
    "0x10",
    "1e1",
    "1e400",
    "NaN",
    "null",
    "%00",
    "\u0000",
    "\ud800",
    "💹",
  ),
  fc.integer({ min: -1e6, max: 1e6 }).map(String),
  fc.double().map(String),
);

/** Numbers including the ones DynamoDB cannot store. */
const number = fc.oneof(
  fc.double({ noNaN: true }),
  fc.constantFrom(0, -0, 1e308, 1e-200, -5, 1e30, 1e-30, 1e31, 5e-324, Number.MAX_SAFE_INTEGER),
  fc.double({ min: 1, max: 5000, noNaN: true }),
);

/** A cursor: ours for some key, any JSON, or junk. */
const cursor = fc.oneof(
  fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value)).toString("base64url")),
  fc
    .record({ alertId: text, feed: fc.constantFrom("alerts", "x"), createdAt: text })
    .map((key) => encodeCursor(key)),
  fc
    .record({ patternId: text, timestamp: text, symbol: fc.constantFrom("FUZ", "SPX") })
    .map((key) => encodeCursor(key)),
  fc.record({ tokenHash: fc.string({ maxLength: 70 }) }).map((key) => encodeCursor(key)),
  text,
);

/** A path segment percent-encoded byte by byte (lone surrogates arrive as U+FFFD), or raw bad escapes. */
const segment = (value: string) =>
  value === "%bad"
    ? "%E0%A4%A"
    : Array.from(Buffer.from(value), (byte) =>
        /[A-Za-z0-9_-]/.test(String.fromCharCode(byte))
          ? String.fromCharCode(byte)
          : `%${byte.toString(16).padStart(2, "0")}`,
      ).join("");

const queryValue = (known: readonly string[]) => fc.oneof(fc.constantFrom(...known), text);

const query = fc
  .record(
    {
      symbol: queryValue(["SPX", "FUZ", "aapl", "BRK.B"]),
      status: queryValue([...ALERT_STATUSES, ...APPROVAL_STATUSES]),
      severity: queryValue(SEVERITIES),
      pattern: queryValue(PATTERN_CODES),
      from: queryValue(["2000-01-01", "2020-12-31", "1577923200", "2000-13-45"]),
      to: queryValue(["2001-01-01", "1999-01-01", "1577923200000"]),
      limit: queryValue(["1", "50", "100", "101", "0"]),
      cursor,
    },
    { requiredKeys: [] },
  )
  .map((params) => new URLSearchParams(params as Record<string, string>).toString());

const bars = sp500().slice(0, 60);
/** An analysis body: well-formed (so some are accepted and store theirs), with one bar changed, or any JSON. */
const analysisBody = fc.oneof(
  fc.constantFrom("FUZ", "SPX").map((symbol) => ({
    symbol,
    interval: "1d",
    bars: bars.map(({ time, close, volume }) => ({ time, close, volume })),
  })),
  fc
    .record({
      symbol: queryValue(["FUZ", "SPX"]),
      interval: queryValue(["1d", "1h", "2x"]),
      at: fc.nat({ max: bars.length - 1 }),
      field: fc.constantFrom("close", "open", "volume", "time"),
      value: fc.oneof(number, text, fc.constant(null)),
    })
    .map(({ symbol, interval, at, field, value }) => ({
      symbol,
      interval,
      bars: bars.map(({ time, close, volume }, i) =>
        i === at ? { time, close, volume, [field]: value } : { time, close, volume },
      ),
    })),
  fc.jsonValue(),
);

const decisionBody = fc.oneof(
  fc.record(
    { decision: queryValue(["approve", "reject"]), comment: fc.oneof(text, fc.string({ maxLength: 1200 })) },
    { requiredKeys: ["decision"] },
  ),
  fc.jsonValue(),
);

/** Mostly the method a route takes, sometimes any other. */
const methodOr = (usual: string) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant(usual) },
    { weight: 1, arbitrary: fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD") },
  );

/** One request: a route (or none), a method, a key, a content type and a body. */
const request = (liveToken: string, liveId: string, alertId: string) =>
  fc.record({
    route: fc.oneof(
      fc.record({ target: fc.constantFrom("/health", "/openapi.json", "/docs"), method: methodOr("GET") }),
      fc.record({ target: query.map((q) => `/patterns?${q}`), method: methodOr("GET") }),
      fc.record({ target: fc.constant("/patterns"), method: methodOr("POST") }),
      fc.record({ target: query.map((q) => `/alerts?${q}`), method: methodOr("GET") }),
      fc.record({ target: query.map((q) => `/approvals?${q}`), method: methodOr("GET") }),
      fc.record({
        target: fc.oneof(fc.constant(alertId), text).map((id) => `/alerts/${segment(id)}`),
        method: methodOr("GET"),
      }),
      fc.record({
        target: fc.oneof(fc.constant(liveToken), text).map((token) => `/approvals/${segment(token)}`),
        method: methodOr("GET"),
      }),
      fc.record({
        target: fc.oneof(fc.constant(liveId), text).map((id) => `/approvals/${segment(id)}/decision`),
        method: methodOr("POST"),
      }),
      fc.record({
        target: fc.oneof(fc.constant(liveToken), text).map((token) => `/approve/${segment(token)}`),
        method: methodOr("POST"),
      }),
      fc.record({ target: text.map((path) => `/${segment(path)}`), method: methodOr("GET") }),
    ),
    key: fc.constantFrom<keyof typeof TEST_KEYS | "none" | "wrong">(
      "reader",
      "analyst",
      "approver",
      "approver",
      "none",
      "wrong",
    ),
    type: fc.constantFrom(
      "application/json",
      "application/json",
      "text/plain",
      "",
      "application/json; charset=utf-8",
    ),
    body: fc.oneof(
      analysisBody,
      decisionBody,
      text.map((raw) => ({ raw })),
    ),
  });

describe("fuzzing the API", () => {
  it(`answers ${RUNS} property-based requests with no 5xx, problem+json errors, nothing stored when rejected`, {
    timeout: 300_000,
  }, async () => {
    const alert = queuedAlert({ severity: "CRITICAL", symbol: "FUZ" });
    await putAlertIfNew(alert);
    await requestApproval(alert);
    const [approval] = await approvalsOfAlert(alert.alertId);
    assert(approval, "requestApproval stores the alert's approval");
    // The token itself is only in the link; the fuzz reaches the live approval by its id (token hash).
    const liveId = approval.tokenHash;
    const patternsBefore = (await scanTable("TradingPatterns")).length;
    const statuses: Record<number, number> = {};
    const acceptedAnalyses = new Set<string>();
    let decided = 0;
    /** The live approval as the first accepted decision answered it. */
    let decision: { status: string; decidedBy?: string } | undefined;
    let requests = 0;

    await fc.assert(
      fc.asyncProperty(
        request("t".repeat(43), liveId, alert.alertId),
        async ({ route: { target, method }, key, type, body }) => {
          requests++;
          const headers: Record<string, string> = {};
          if (key === "wrong") headers["X-API-Key"] = "not-a-key";
          else if (key !== "none") headers["X-API-Key"] = TEST_KEYS[key];
          if (type) headers["Content-Type"] = type;
          const hasBody = method !== "GET" && method !== "HEAD";
          const raw =
            typeof body === "object" && body !== null && "raw" in body
              ? String(body.raw)
              : JSON.stringify(body);
          const response = await app.request(target, { method, headers, body: hasBody ? raw : undefined });
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          const answer = await response.text();
          expect(response.status, `${method} ${target}`).toBeLessThan(500);
          if (response.status >= 400 && method !== "HEAD") {
            expect(response.headers.get("content-type"), `${method} ${target}`).toBe(
              "application/problem+json",
            );
            const problem = JSON.parse(answer);
            expect(problem).toMatchObject({ status: response.status, title: expect.any(String) });
            // What it says quotes what was sent: no text in it that a screen acts on or that shows nothing.
            for (const said of [
              problem.detail ?? "",
              ...(problem.errors ?? []).map((e: Said) => e.message),
            ]) {
              expect(said.isWellFormed() && !needsEscaping(said), `${method} ${target}: ${said}`).toBe(true);
            }
          }
          if (response.status < 300 && method === "POST" && target.startsWith("/patterns")) {
            acceptedAnalyses.add(JSON.parse(answer).symbol);
          }
          if (response.status === 200 && method === "POST" && target.includes("/decision")) {
            decided++;
            decision ??= JSON.parse(answer).approval;
          }
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );

    // Nothing stored from a rejected request: new detections and alerts belong to accepted analyses
    // only (some were accepted, and stored theirs), and the live approval changed only as the first
    // accepted decision answered.
    const patterns = await scanTable("TradingPatterns");
    const alerts = await scanTable("Alerts");
    expect(acceptedAnalyses.size).toBeGreaterThan(0);
    expect(patterns.length).toBeGreaterThan(patternsBefore);
    const fromRejected = [...patterns, ...alerts].filter(
      (item) => !acceptedAnalyses.has(String(item.symbol)) && item.alertId !== alert.alertId,
    );
    expect(fromRejected).toEqual([]);
    const [after] = await approvalsOfAlert(alert.alertId);
    assert(after, "the approval is still there after the fuzz");
    if (decision === undefined) expect(after).toEqual(approval);
    else expect(after).toMatchObject({ status: decision.status, decidedBy: decision.decidedBy });
    expect(requests).toBe(RUNS);
    console.info(`fuzz: ${requests} requests, statuses ${JSON.stringify(statuses)}, decided ${decided}`);
  });
});
