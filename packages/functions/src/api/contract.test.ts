// Every operation of GET /openapi.json driven through the app against the emulators, each answer (success
// and problem) held to the document strictly (test/contract.ts): a listed status, its media type, and a
// body that names no field the document does not. Last, every status the document lists for an operation
// (but 500, one of which is checked, and those only answered in front of the app) must have been answered,
// so the document promises nothing the app never sends.

import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { sha256Hex as sha } from "@stock-patterns/core";
import { TABLES } from "@stock-patterns/core/catalog";
import {
  API_ANSWER_HEADERS,
  API_CORS,
  API_KEY_CHALLENGE,
  API_ROUTES,
  FRONT_ANSWER_HEADERS,
  FRONT_MEDIA_TYPE,
  frontProblemDocument,
  GATEWAY_HEADERS,
  MAX_BARS,
  REQUEST_ID_HEADER,
  refusedMethods,
  WAF_BLOCK_PROBLEMS,
} from "@stock-patterns/core/contracts";
import { createTableInput } from "@stock-patterns/emulators";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { raiseAlert } from "#alerts";
import { app } from "#api";
import { createApproval, requestApproval, watchApproval } from "#approvals";
import { sfn } from "#aws";
import { handler as thresholdChecker } from "#handlers/threshold-checker";
import { lambdaContext, published, StreamReader, scheduledEvent } from "#test/aws";
import { answerChecker, type ContractDocument, contractDocument } from "#test/contract";
import { queuedAlert, sp500 } from "#test/fixtures";
import { TEST_KEYS } from "#test/keys";
import { replaySeries } from "#test/stream-replay";
import { MAX_BODY_BYTES } from "./app";

let contract: ContractDocument;
let check: ReturnType<typeof answerChecker>;
/** `METHOD /path status` of every answer checked. */
const answered = new Set<string>();

interface Ask {
  key?: keyof typeof TEST_KEYS | "unknown";
  headers?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  contentType?: string;
}

/** Sends one request for `operation` (`METHOD /documented/{path}`) to `url`, and checks its answer. */
async function ask(operation: string, url: string, options: Ask = {}) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key)
    headers["X-API-Key"] = options.key === "unknown" ? "no-such-key-0123456789" : TEST_KEYS[options.key];
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  if (body !== undefined) headers["Content-Type"] = options.contentType ?? "application/json";
  const response = await app.request(url, { method: operation.split(" ")[0], headers, body });
  const text = await response.text();
  answered.add(`${operation} ${response.status}`);
  expect.soft(check(operation, response, text), `${operation} as ${url}`).toEqual([]);
  return { status: response.status, json: text.startsWith("{") ? JSON.parse(text) : undefined };
}

/** Asks and expects `status`. */
async function expectAnswer(status: number, operation: string, url: string, options: Ask = {}) {
  const answer = await ask(operation, url, options);
  expect(answer.status, `${operation} as ${url}`).toBe(status);
  return answer.json;
}

const series = sp500().slice(-300);
/** Bars ending on the first close 5% or more from the one before: the ThresholdChecker's default rule. */
const jumpAt = sp500().findIndex(
  (bar, i) => i > 60 && Math.abs(bar.close / (sp500()[i - 1]?.close ?? bar.close) - 1) >= 0.05,
);
const jumped = sp500().slice(jumpAt - 60, jumpAt + 1);
const asJson = (bars: typeof series) =>
  bars.map(({ time, open, high, low, close, volume }) => ({ time, open, high, low, close, volume }));
const reader = new StreamReader();

beforeAll(async () => {
  contract = await contractDocument();
  check = answerChecker(contract, "app");
  // Streamed series: their held bars, their evidence, and after the ThresholdChecker's run the pooled
  // evidence and a threshold alert (CTRJ's last bar).
  await replaySeries(reader, { CTRS: series, CTRJ: jumped });
  await thresholdChecker(scheduledEvent(), lambdaContext("ThresholdChecker"));
}, 120_000);
afterAll(() => reader.close());

/** A CRITICAL alert with its approval requested at `at`; the token from the link. */
async function approvalRequested(at = new Date()) {
  const alert = queuedAlert({ severity: "CRITICAL", createdAt: at.toISOString() });
  await raiseAlert(alert);
  await requestApproval(alert, at);
  const link = (await published("AlertApprovalRequests")).find(
    (r) => r.message.alert?.alertId === alert.alertId,
  );
  return new URL(link?.message.approveUrl as string).searchParams.get("token") as string;
}

describe("the strict reading", () => {
  /** The headers of an answer of the app. */
  const fromApp = {
    ...API_ANSWER_HEADERS,
    "access-control-allow-origin": API_CORS.origin,
    [REQUEST_ID_HEADER]: crypto.randomUUID(),
  };
  const health = (body: unknown, status = 200, type = "application/json") =>
    check(
      "GET /health",
      new Response(null, { status, headers: { ...fromApp, "Content-Type": type } }),
      JSON.stringify(body),
    );
  const now = new Date().toISOString();

  it("passes an answer the document names, and would catch an unnamed field, a status or a media type it lacks", () => {
    expect(health({ status: "ok", time: now })).toEqual([]);
    expect(health({ status: "ok", time: now, region: "us-east-1" })).toEqual([
      'GET /health 200: (body) must NOT have unevaluated properties {"unevaluatedProperty":"region"}',
    ]);
    expect(health({ status: "ok", time: now }, 204)).toEqual([
      "GET /health answered 204, which the document does not list",
    ]);
    expect(health({ status: "ok", time: now }, 200, "text/plain; charset=utf-8")[0]).toMatch(
      /answered text\/plain, documented: application\/json$/,
    );
    expect(health({ status: "ok", time: 1 })[0]).toMatch(/\/time must be string/);
  });

  it("would catch a documented header an answer lacks or holds another value of, and one it carries where the document lists it not", async () => {
    // Each with a body its operation documents, so only the headers can miss.
    const headers = (operation: string, status: number, carried: Record<string, string>) =>
      check(
        operation,
        new Response(null, { status, headers: carried }),
        JSON.stringify(frontProblemDocument({ status, title: "Refused", detail: "a header check" })),
      );
    const policy = (await app.request("/docs")).headers.get("content-security-policy") ?? "";
    const page = { "content-type": "text/html", "content-security-policy": policy };
    expect(headers("GET /docs", 200, { ...fromApp, ...page })).toEqual([]);
    const { "cache-control": _, ...uncached } = fromApp;
    expect(headers("GET /docs", 200, { ...uncached, ...page })).toEqual([
      "GET /docs 200: no cache-control header, which the document requires",
    ]);
    expect(headers("GET /docs", 200, { ...fromApp, ...page, "cache-control": "max-age=60" })[0]).toMatch(
      /^GET \/docs 200: header cache-control must be equal to constant/,
    );
    expect(headers("GET /docs", 200, { ...fromApp, ...page, [REQUEST_ID_HEADER]: "mine" })[0]).toMatch(
      /^GET \/docs 200: header x-request-id must match pattern/,
    );
    // A 401's challenge names how to send a key (the app's read as API Gateway renames it, AWS WAF's or the
    // app's may answer, so neither is required); a 504 is API Gateway's, which has no request id.
    const problem = { "content-type": "application/problem+json" };
    expect(headers("GET /alerts", 401, { ...fromApp, ...problem, ...API_KEY_CHALLENGE })).toEqual([]);
    expect(headers("GET /alerts", 401, { ...fromApp, ...problem, "www-authenticate": "Basic" })[0]).toMatch(
      /^GET \/alerts 401: header x-amzn-Remapped-www-authenticate must be equal to constant/,
    );
    const front = { ...FRONT_ANSWER_HEADERS, "content-type": FRONT_MEDIA_TYPE };
    expect(headers("GET /alerts", 504, front)).toEqual([]);
    expect(
      headers("GET /alerts", 504, { ...front, [REQUEST_ID_HEADER]: fromApp[REQUEST_ID_HEADER] }),
    ).toEqual(["GET /alerts 504: carries x-request-id, which the document does not list for this answer"]);
    // A 429 says when to try again, in seconds one of its answerers sends (AWS WAF's, here), and lets a page
    // on another origin (the console on AWS) read it.
    const rateRule = {
      ...front,
      "retry-after": String(WAF_BLOCK_PROBLEMS.TooManyRequests.retryAfterSeconds),
      "access-control-expose-headers": "retry-after",
    };
    expect(headers("GET /alerts", 429, rateRule)).toEqual([]);
    const { "access-control-expose-headers": _exposed, ...unexposed } = rateRule;
    expect(headers("GET /alerts", 429, unexposed)).toEqual([
      "GET /alerts 429: no access-control-expose-headers header, which the document requires",
    ]);
    expect(
      headers("GET /alerts", 429, { ...rateRule, "access-control-expose-headers": "x-request-id" })[0],
    ).toMatch(/^GET \/alerts 429: header access-control-expose-headers must be equal to constant/);
    expect(headers("GET /alerts", 429, { ...front, "access-control-expose-headers": "retry-after" })).toEqual(
      ["GET /alerts 429: no retry-after header, which the document requires"],
    );
    expect(headers("GET /alerts", 429, { ...front, "retry-after": "soon" })[0]).toMatch(
      /^GET \/alerts 429: header retry-after must be equal to one of the allowed values/,
    );
    expect(headers("GET /alerts", 504, { ...front, "retry-after": "1" })).toEqual([
      "GET /alerts 504: carries retry-after, which the document does not list for this answer",
    ]);
    expect(headers("GET /alerts", 504, { ...front, "access-control-expose-headers": "retry-after" })).toEqual(
      [
        "GET /alerts 504: carries access-control-expose-headers, which the document does not list for this answer",
      ],
    );
    // A header no answer of the document lists is caught as well; the message's framing is not the API's.
    expect(headers("GET /docs", 200, { ...fromApp, ...page, "x-powered-by": "hono" })).toEqual([
      "GET /docs 200: carries x-powered-by, which the document does not list for this answer",
    ]);
    expect(headers("GET /docs", 200, { ...fromApp, ...page, "content-length": "10" })).toEqual([]);
    // Through the front, API Gateway's request id is on every answer; taken from the app, it is not yet.
    const throughFront = answerChecker(contract, "front");
    const docs = new Response(null, { status: 200, headers: { ...fromApp, ...page } });
    expect(throughFront("GET /docs", docs, "")).toEqual([
      "GET /docs 200: no x-amzn-RequestId header, which the document requires",
    ]);
    docs.headers.set(GATEWAY_HEADERS.requestId, crypto.randomUUID());
    expect(throughFront("GET /docs", docs, "")).toEqual([]);
  });

  it("holds a CORS preflight and a 405 to the extensions that describe them, as strictly as an operation's answer", async () => {
    const asked = { Origin: "https://console.example.com", "Access-Control-Request-Method": "GET" };
    const preflight = await app.request("/alerts", { method: "OPTIONS", headers: asked });
    const carried = Object.fromEntries(preflight.headers);
    const answer = (status: number, headers: Record<string, string>, body: string | null = null) =>
      new Response(body, { status, headers });
    expect(check("OPTIONS /alerts", preflight, "")).toEqual([]);
    expect(check("OPTIONS /alerts", answer(204, { ...carried, "x-powered-by": "hono" }), "")).toEqual([
      "OPTIONS /alerts 204: carries x-powered-by, which the document does not list for this answer",
    ]);
    const { "access-control-max-age": _, ...unkept } = carried;
    expect(check("OPTIONS /alerts", answer(204, unkept), "")).toEqual([
      "OPTIONS /alerts 204: no access-control-max-age header, which the document requires",
    ]);
    // A 405's Allow is its path's: /patterns takes GET and POST, /health GET alone.
    const refused = await app.request("/patterns", { method: "DELETE" });
    const text = await refused.text();
    expect(check("DELETE /patterns", refused, text)).toEqual([]);
    const refusedHeaders = Object.fromEntries(refused.headers);
    expect(check("DELETE /patterns", answer(405, { ...refusedHeaders, allow: "GET" }), text)[0]).toMatch(
      /^DELETE \/patterns 405: header allow must be equal to constant/,
    );
    const { allow: __, ...unsaid } = refusedHeaders;
    expect(check("DELETE /patterns", answer(405, unsaid), text)).toEqual([
      "DELETE /patterns 405: no allow header, which the document requires",
    ]);
    expect(check("OPTIONS /no-such-path", preflight, "")).toEqual([
      "OPTIONS /no-such-path is not in the document",
    ]);
  });
});

describe("the answers against the document", () => {
  it("GET /health, GET /openapi.json and GET /docs", async () => {
    await expectAnswer(200, "GET /health", "/health");
    await expectAnswer(200, "GET /openapi.json", "/openapi.json");
    await expectAnswer(200, "GET /docs", "/docs");
    // A query parameter none of them takes.
    await expectAnswer(400, "GET /health", "/health?probe=1");
    await expectAnswer(400, "GET /openapi.json", "/openapi.json?format=yaml");
    await expectAnswer(400, "GET /docs", "/docs?url=elsewhere.json");
  });

  it("POST /patterns: an analysis and its problems", async () => {
    const op = "POST /patterns";
    const analysis = await expectAnswer(200, op, "/patterns", {
      key: "analyst",
      body: { symbol: "CTRA", interval: "1d", bars: asJson(series) },
    });
    expect(analysis.alerts.length).toBeGreaterThan(0);
    await expectAnswer(400, op, "/patterns", {
      key: "analyst",
      body: { symbol: "CTRA", interval: "1d", bars: [] },
    });
    const repeated = asJson(series).map((bar, i) => (i === 40 ? { ...bar, time: series[39]?.time } : bar));
    await expectAnswer(400, op, "/patterns", {
      key: "analyst",
      body: { symbol: "X", interval: "1d", bars: repeated },
    });
    await expectAnswer(400, op, "/patterns", { key: "analyst", rawBody: "{" });
    // A query parameter: POST /patterns takes none.
    await expectAnswer(400, op, "/patterns?dryRun=1", {
      key: "analyst",
      body: { symbol: "CTRA", interval: "1d", bars: asJson(series) },
    });
    await expectAnswer(401, op, "/patterns", { body: {} });
    await expectAnswer(401, op, "/patterns", { key: "unknown", body: {} });
    // An analysis stores detections and raises alerts: not for a read-only key.
    await expectAnswer(403, op, "/patterns", {
      key: "reader",
      body: { symbol: "CTRA", interval: "1d", bars: asJson(series) },
    });
    const many = Array.from({ length: MAX_BARS + 1 }, (_, i) => ({ time: String(i + 1), close: 1 }));
    await expectAnswer(413, op, "/patterns", {
      key: "analyst",
      body: { symbol: "X", interval: "1d", bars: many },
    });
    await expectAnswer(415, op, "/patterns", {
      key: "analyst",
      rawBody: "symbol=X",
      contentType: "text/plain",
    });
  });

  it("GET /patterns, GET /alerts and GET /alerts/{alertId}", async () => {
    await expectAnswer(200, "GET /patterns", "/patterns?symbol=CTRA", { key: "reader" });
    await expectAnswer(200, "GET /patterns", "/patterns?symbol=CTRS&limit=2", { key: "reader" });
    await expectAnswer(400, "GET /patterns", "/patterns?symbol=CTRA&from=2001-01-01&to=2000-01-01", {
      key: "reader",
    });
    await expectAnswer(401, "GET /patterns", "/patterns?symbol=CTRA");

    const alerts = await expectAnswer(200, "GET /alerts", "/alerts?limit=100", { key: "reader" });
    await expectAnswer(200, "GET /alerts", "/alerts?symbol=CTRS", { key: "reader" });
    await expectAnswer(400, "GET /alerts", "/alerts?severity=LOW", { key: "reader" });
    await expectAnswer(400, "GET /alerts", "/alerts?cursor=not-a-cursor", { key: "reader" });
    await expectAnswer(401, "GET /alerts", "/alerts");

    const op = "GET /alerts/{alertId}";
    const ids = alerts.items.map((a: { alertId: string }) => a.alertId);
    // Both kinds of alert, each answered in its own shape.
    const sources = new Set(alerts.items.map((a: { source: string }) => a.source));
    expect([...sources].sort()).toEqual(["pattern", "threshold"]);
    for (const id of ids) await expectAnswer(200, op, `/alerts/${id}`, { key: "reader" });
    await expectAnswer(404, op, `/alerts/alr_${"0".repeat(32)}`, { key: "reader" });
    await expectAnswer(400, op, "/alerts/42", { key: "reader" });
    await expectAnswer(401, op, `/alerts/${ids[0]}`);
  });

  it("GET /stats and GET /bars", async () => {
    const op = "GET /stats";
    await expectAnswer(200, op, "/stats?symbol=CTRS&interval=1d", { key: "reader" });
    await expectAnswer(200, op, `/stats?symbol=CTRS&interval=1d&asOf=${series[299]?.time}`, {
      key: "reader",
    });
    await expectAnswer(200, op, "/stats?interval=1d&pattern=HS", { key: "reader" });
    await expectAnswer(200, op, `/stats?interval=1d&asOf=${series[299]?.time}`, { key: "reader" });
    await expectAnswer(404, op, "/stats?symbol=NONE&interval=1d", { key: "reader" });
    await expectAnswer(404, op, "/stats?interval=1h", { key: "reader" });
    await expectAnswer(400, op, "/stats?interval=1x", { key: "reader" });
    await expectAnswer(401, op, "/stats?interval=1d");

    await expectAnswer(200, "GET /bars", "/bars?symbol=CTRS&interval=1d", { key: "reader" });
    await expectAnswer(200, "GET /bars", `/bars?symbol=CTRS&interval=1d&from=${series[290]?.time}`, {
      key: "reader",
    });
    await expectAnswer(404, "GET /bars", "/bars?symbol=NONE&interval=1d", { key: "reader" });
    await expectAnswer(400, "GET /bars", "/bars?symbol=CTRS", { key: "reader" });
    await expectAnswer(401, "GET /bars", "/bars?symbol=CTRS&interval=1d");
  });

  it("GET /keys/me", async () => {
    for (const key of ["reader", "analyst", "approver"] as const)
      await expectAnswer(200, "GET /keys/me", "/keys/me", { key });
    await expectAnswer(401, "GET /keys/me", "/keys/me");
    await expectAnswer(401, "GET /keys/me", "/keys/me", { key: "unknown" });
    await expectAnswer(400, "GET /keys/me", "/keys/me?role=approver", { key: "reader" });
  });

  it("GET /approvals, GET /approvals/{token} and GET /approvals/{id}/decision, open and closed", async () => {
    const token = await approvalRequested();
    const lapsed = await approvalRequested(new Date(Date.now() - 2 * 3600_000));
    const expiry = await watchApproval({ tokenHash: sha(lapsed), alertId: "", expiresAt: "" });
    expect(expiry.kind).toBe("expired");
    for (const status of ["PENDING", "EXPIRED"]) {
      const page = await expectAnswer(200, "GET /approvals", `/approvals?status=${status}`, {
        key: "approver",
      });
      expect(page.items.length, status).toBeGreaterThan(0);
    }
    await expectAnswer(400, "GET /approvals", "/approvals?status=MAYBE", { key: "approver" });
    await expectAnswer(401, "GET /approvals", "/approvals");
    await expectAnswer(403, "GET /approvals", "/approvals", { key: "reader" });

    const op = "GET /approvals/{token}";
    await expectAnswer(200, op, `/approvals/${token}`, { key: "approver" });
    await expectAnswer(200, op, `/approvals/${lapsed}`, { key: "approver" });
    await expectAnswer(404, op, `/approvals/${"B".repeat(43)}`, { key: "approver" });
    await expectAnswer(400, op, "/approvals/bad%20token!", { key: "approver" });
    await expectAnswer(401, op, `/approvals/${token}`);
    await expectAnswer(403, op, `/approvals/${token}`, { key: "reader" });

    // By the id the list shows, in any status: the one still open, the one closed on its hour.
    const byId = "GET /approvals/{id}/decision";
    const open = await expectAnswer(200, byId, `/approvals/${sha(token)}/decision`, { key: "approver" });
    expect(open).toMatchObject({ id: sha(token), status: "PENDING", expired: false });
    const closed = await expectAnswer(200, byId, `/approvals/${sha(lapsed).toUpperCase()}/decision`, {
      key: "approver",
    });
    expect(closed).toMatchObject({ id: sha(lapsed), status: "EXPIRED" });
    await expectAnswer(404, byId, `/approvals/${"b".repeat(64)}/decision`, { key: "approver" });
    await expectAnswer(400, byId, `/approvals/${token}/decision`, { key: "approver" });
    await expectAnswer(401, byId, `/approvals/${sha(token)}/decision`);
    await expectAnswer(403, byId, `/approvals/${sha(token)}/decision`, { key: "reader" });
  });

  for (const [op, by] of [
    ["POST /approve/{token}", (token: string) => `/approve/${token}`],
    ["POST /approvals/{id}/decision", (token: string) => `/approvals/${sha(token)}/decision`],
  ] as const) {
    it(`${op}: decided, repeated, and each problem`, async () => {
      const token = await approvalRequested();
      const url = by(token);
      await expectAnswer(200, op, url, { key: "approver", body: { decision: "approve", comment: "fits" } });
      await expectAnswer(200, op, url, { key: "approver", body: { decision: "approve" } });
      // A repeat with another comment: that comment handed back as not recorded.
      await expectAnswer(200, op, url, { key: "approver", body: { decision: "approve", comment: "late" } });
      await expectAnswer(409, op, url, { key: "approver", body: { decision: "reject" } });
      const lapsed = by(await approvalRequested(new Date(Date.now() - 2 * 3600_000)));
      await expectAnswer(410, op, lapsed, { key: "approver", body: { decision: "approve" } });
      const replaced = `superseded-${sha(op).slice(0, 24)}`;
      await createApproval({
        tokenHash: sha(replaced),
        alertId: queuedAlert().alertId,
        status: "SUPERSEDED",
        createdAt: new Date().toISOString(),
        expiresAt: new Date(Date.now() + 3600_000).toISOString(),
        expiresAtEpoch: Math.floor(Date.now() / 1000) + 3600,
        symbol: "CTRS",
        interval: "1d",
        severity: "CRITICAL",
        summary: "replaced",
      });
      await expectAnswer(410, op, by(replaced), { key: "approver", body: { decision: "reject" } });
      await expectAnswer(404, op, by("A".repeat(43)), { key: "approver", body: { decision: "approve" } });
      await expectAnswer(400, op, url, { key: "approver", body: { decision: "maybe" } });
      await expectAnswer(400, op, `${url}?decision=reject`, {
        key: "approver",
        body: { decision: "reject" },
      });
      await expectAnswer(415, op, url, {
        key: "approver",
        rawBody: "decision=approve",
        contentType: "text/plain",
      });
      const huge = JSON.stringify({ decision: "approve", comment: "x".repeat(2 * 1024 * 1024) });
      await expectAnswer(413, op, url, { key: "approver", rawBody: huge });
      await expectAnswer(401, op, url, { body: { decision: "approve" } });
      await expectAnswer(403, op, url, { key: "reader", body: { decision: "approve" } });
    });
  }

  it("POST /patterns: 202, 422 and 500 (last: it drops the Alerts table)", async () => {
    const op = "POST /patterns";
    const body = { symbol: "CTRF", interval: "1d", bars: asJson(series) };
    // The API checks what the workflow would refuse first, so the workflow's refusal is played here.
    const refused = vi.spyOn(sfn(), "send").mockImplementationOnce(async () => ({
      status: "SUCCEEDED",
      output: JSON.stringify({
        status: "MANUAL_REVIEW",
        reviewId: "rev_contract",
        reason: "bars out of order",
      }),
    }));
    await expectAnswer(422, op, "/patterns", { key: "analyst", body });
    refused.mockImplementationOnce(async () => {
      throw new Error("Step Functions is unavailable");
    });
    await expectAnswer(500, op, "/patterns", { key: "analyst", body });
    refused.mockRestore();

    const dynamo = new DynamoDBClient({});
    await dynamo.send(new DeleteTableCommand({ TableName: "Alerts" }));
    try {
      await expectAnswer(202, op, "/patterns", {
        key: "analyst",
        body: { symbol: "CTRM", interval: "1d", bars: asJson(series) },
      });
    } finally {
      await dynamo.send(new CreateTableCommand(createTableInput("Alerts", TABLES.Alerts)));
      dynamo.destroy();
    }
  });

  it("OPTIONS, a CORS preflight, on every path, and each method a path does not take (405, its Allow), as the document's extensions describe them", async () => {
    const preflight = {
      Origin: "https://console.example.com",
      "Access-Control-Request-Method": "POST",
      "Access-Control-Request-Headers": "content-type,x-api-key",
    };
    const overLimit = "x".repeat(MAX_BODY_BYTES + 1);
    for (const [path, refused] of Object.entries(refusedMethods(API_ROUTES))) {
      const url = path.replace(/\{\w+\}/g, "x");
      await expectAnswer(204, `OPTIONS ${path}`, url, { headers: preflight });
      for (const method of refused) {
        await expectAnswer(405, `${method} ${path}`, url, { key: "approver" });
        // The body's size is checked before the method: past 2 MB a body gets 413 on any path.
        if (method !== "GET" && method !== "HEAD")
          await expectAnswer(413, `${method} ${path}`, url, { key: "approver", rawBody: overLimit });
      }
    }
    expect(answered).toContain("PUT /patterns 405");
    expect(answered).toContain("GET /approve/{token} 405");
    // The extensions describe each of these (13 preflights, 51 refused methods), and no other.
    const asked = [...answered].filter((answer) => / (204|405)$/.test(answer)).map((a) => a.slice(0, -4));
    expect([...contract.pathAnswers.keys()].sort()).toEqual(asked.sort());
    expect(asked).toHaveLength(64);
  });

  it("answered every status the document lists, but 500 (answered once above) and those only answered in front of it", () => {
    // A status only AWS WAF, API Gateway or the local server answers (429, 504, …) is documented as core's
    // FRONT_MEDIA_TYPE alone; the app's own problems are application/problem+json.
    const byTheApp = (status: string, content: object = {}) =>
      Number(status) < 400 || Object.keys(content).some((type) => type !== FRONT_MEDIA_TYPE);
    const listed = [...contract.operations].flatMap(([operation, { responses }]) =>
      Object.entries(responses)
        .filter(([status, { content }]) => status !== "500" && byTheApp(status, content))
        .map(([status]) => `${operation} ${status}`),
    );
    expect(listed).toContain("GET /alerts 401");
    expect(listed.filter((answer) => !answered.has(answer))).toEqual([]);
    expect(answered.has("POST /patterns 500")).toBe(true);
  });
});
