// A body sent compressed (Content-Encoding gzip, deflate or br) is refused with a 415 naming the coding and
// what is taken, on every route that takes a body, and nothing is recorded; read as JSON, it was answered
// 400 as malformed. API Gateway, with content encoding left off, passes such a body on still compressed.

import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { sha256Hex } from "@stock-patterns/core";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "#api";
import { getApproval } from "#approvals";
import { restEvent } from "#test/api-gateway";
import { lambdaContext } from "#test/aws";
import { storePendingApproval } from "#test/fixtures";
import { TEST_KEYS } from "#test/keys";
import { codingsOf } from "./encoded-body";
import { handler } from "./lambda";

const TOKEN = `encoded-body-${Date.now()}`;
const ID = sha256Hex(TOKEN);

const COMPRESSED = { gzip: gzipSync, deflate: deflateSync, br: brotliCompressSync } as const;
const decision = JSON.stringify({ decision: "reject", comment: "sent compressed" });
const analysis = JSON.stringify({ symbol: "SPX", interval: "1d", bars: [] });
const BODY_ROUTES = [
  [`/approvals/${ID}/decision`, decision, "approver"],
  [`/approve/${TOKEN}`, decision, "approver"],
  ["/patterns", analysis, "analyst"],
] as const;

const refusal = (coding: string) =>
  `the body is sent with Content-Encoding: ${coding}, which this API does not decode; send the JSON uncompressed, without Content-Encoding (or as identity)`;

/** POSTs `body` as JSON with `contentEncoding`, as the role's key; the answer's status and problem. */
async function post(
  path: string,
  body: Uint8Array | string,
  role: keyof typeof TEST_KEYS,
  contentEncoding: string,
) {
  const response = await app.request(path, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "Content-Encoding": contentEncoding,
      "X-API-Key": TEST_KEYS[role],
    },
    body,
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

beforeAll(() => storePendingApproval(TOKEN));

describe("codingsOf", () => {
  it("names each coding applied, in any case, but identity", () => {
    expect(codingsOf("")).toEqual([]);
    expect(codingsOf("identity")).toEqual([]);
    expect(codingsOf(" GZip ")).toEqual(["gzip"]);
    expect(codingsOf("deflate, identity, br")).toEqual(["deflate", "br"]);
  });
});

describe("a body sent with a Content-Encoding", () => {
  it("is refused with a 415 naming the coding on every route that takes a body, and nothing is recorded", async () => {
    for (const [path, text, role] of BODY_ROUTES) {
      for (const [coding, compress] of Object.entries(COMPRESSED)) {
        const { status, json } = await post(path, compress(text), role, coding);
        expect([path, coding, status, json.title, json.detail]).toEqual([
          path,
          coding,
          415,
          "Unsupported media type",
          refusal(coding),
        ]);
      }
    }
    expect(await getApproval(ID)).toMatchObject({ status: "PENDING" });
    expect((await getApproval(ID))?.comment).toBeUndefined();
  });

  it("is refused so through API Gateway's proxy event too, the coding named as sent but for its case", async () => {
    const event = restEvent("POST", `/approvals/${ID}/decision`, {
      "Content-Type": "application/json",
      "Content-Encoding": "GZIP",
      "X-API-Key": TEST_KEYS.approver,
    });
    const compressed = { ...event, body: gzipSync(decision).toString("base64"), isBase64Encoded: true };
    const result = await handler(compressed as typeof event, lambdaContext("Api"));
    expect([result.statusCode, JSON.parse(result.body).detail]).toEqual([415, refusal("gzip")]);
    expect(await getApproval(ID)).toMatchObject({ status: "PENDING" });
  });

  it("is read as sent when the coding is identity, which changes nothing", async () => {
    const { status, json } = await post(`/approvals/${ID}/decision`, decision, "approver", "identity");
    expect([status, json.outcome]).toEqual([200, "decided"]);
    expect(await getApproval(ID)).toMatchObject({ status: "REJECTED", comment: "sent compressed" });
  });
});
