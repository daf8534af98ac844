// Every JSON body is read strictly: a field its route does not take is a 400 naming it, with the field meant
// when it is a near miss, as a query parameter is. A misspelt comment (`Comment`) was dropped unread and the
// decision recorded without it.

import { sha256Hex } from "@stock-patterns/core";
import { MIN_BARS } from "@stock-patterns/core/contracts";
import { beforeAll, describe, expect, it } from "vitest";
import { getApproval } from "#approvals";
import { storePendingApproval } from "#test/fixtures";
import { call } from "#test/http";
import { LISTED_FIELD_ERRORS } from "./problem";
import { SHOWN_CHARACTERS } from "./shown";

const TOKEN = `strict-bodies-${Date.now()}`;
const ID = sha256Hex(TOKEN);
const TAKES = "it takes decision and comment (did you mean comment?)";

beforeAll(() => storePendingApproval(TOKEN));

describe("a decision's body", () => {
  it("with a field the route does not take is a 400 naming it and the one meant, and records nothing", async () => {
    for (const [route, operation] of [
      [`/approvals/${ID}/decision`, "POST /approvals/{id}/decision"],
      [`/approve/${TOKEN}`, "POST /approve/{token}"],
    ] as const) {
      const { status, json } = await call(route, {
        key: "approver",
        body: { decision: "reject", Comment: "false positive" },
      });
      expect([route, status, json.errors]).toEqual([
        route,
        400,
        [{ path: "body.Comment", message: `Comment is not a field of the body of ${operation}: ${TAKES}` }],
      ]);
    }
    expect(await getApproval(ID)).toMatchObject({ status: "PENDING" });
    expect((await getApproval(ID))?.comment).toBeUndefined();
  });

  it("names every such field, beside the other fields' problems", async () => {
    const { status, json } = await call(`/approvals/${ID}/decision`, {
      key: "approver",
      body: { decision: "maybe", note: "x", comment: "ok", " comment": "y" },
    });
    expect(status).toBe(400);
    expect(json.errors).toEqual(
      expect.arrayContaining([
        { path: "body.decision", message: expect.stringContaining("decision must be one of") },
        {
          path: "body.note",
          message:
            "note is not a field of the body of POST /approvals/{id}/decision: it takes decision and comment",
        },
        {
          path: 'body." comment"',
          message: `" comment" is not a field of the body of POST /approvals/{id}/decision: ${TAKES}`,
        },
      ]),
    );
    expect(json.errors).toHaveLength(3);
  });
});

describe("a body of many long unknown fields", () => {
  it("is answered small: each name cut to SHOWN_CHARACTERS in its path and message, saying how long it is", async () => {
    // 60 names of 30,000 characters (1.8 MB) were named whole twice each, the first 50 listed: a 400 of 3 MB.
    const body: Record<string, string> = { decision: "reject" };
    for (let i = 0; i < 60; i++) body[`${i}`.padStart(2, "0").padEnd(30_000, "x")] = "";
    const { status, json } = await call(`/approvals/${ID}/decision`, { key: "approver", body });
    expect(status).toBe(400);
    expect(Buffer.byteLength(JSON.stringify(json))).toBeLessThan(20_000);
    expect(json.errors).toHaveLength(LISTED_FIELD_ERRORS);
    const cut = `00${"x".repeat(SHOWN_CHARACTERS - 2)}… (30,000 characters)`;
    expect(json.errors[0]).toEqual({
      path: `body.${cut}`,
      message: `${cut} is not a field of the body of POST /approvals/{id}/decision: it takes decision and comment`,
    });
    expect(await getApproval(ID)).toMatchObject({ status: "PENDING" });
  });
});

describe("a decision's comment over 1,000 characters", () => {
  it("is a 400 saying how long it is, in the API's words", async () => {
    const { status, json } = await call(`/approvals/${ID}/decision`, {
      key: "approver",
      body: { decision: "reject", comment: "x".repeat(1001) },
    });
    expect([status, json.errors]).toEqual([
      400,
      [{ path: "body.comment", message: "comment is 1,001 characters; at most 1,000" }],
    ]);
  });
});

describe("an analysis's body", () => {
  it("with a field the route does not take is a 400 naming it; a bar's keys keep their own rule", async () => {
    const bars = Array.from({ length: MIN_BARS }, (_, i) => ({
      time: 1_700_000_000 + i * 86_400,
      close: 10 + i,
    }));
    const { status, json } = await call("/patterns", {
      key: "analyst",
      body: { symbol: "SPX", intervall: "1d", bars: [{ Date: "2024-01-02", Close: 5 }, ...bars.slice(1)] },
    });
    expect(status).toBe(400);
    expect(json.errors).toEqual([
      { path: "body.interval", message: "interval is required" },
      { path: "body.bars.0", message: expect.stringContaining('the bar has "Date" and "Close"') },
      {
        path: "body.intervall",
        message:
          "intervall is not a field of the body of POST /patterns: it takes symbol, interval and bars (did you mean interval?)",
      },
    ]);
  });
});

describe("the OpenAPI document", () => {
  it("says each request body takes no other field than it names (a bar's own keys are its rule's)", async () => {
    const { json } = await call("/openapi.json");
    const bodies = Object.values(json.paths as Record<string, Record<string, { requestBody?: unknown }>>)
      .flatMap((operations) => Object.values(operations))
      .flatMap(({ requestBody }) => (requestBody ? [requestBody] : []))
      .map((body) => (body as { content: Record<string, { schema: Record<string, unknown> }> }).content);
    expect(bodies).toHaveLength(3);
    for (const content of bodies) {
      expect(content["application/json"]?.schema.additionalProperties).toBe(false);
    }
  });
});
