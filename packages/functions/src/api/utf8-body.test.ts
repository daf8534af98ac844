// A JSON body that is not UTF-8 is refused with a 400 saying where, on every route that takes one: read as
// Hono reads it, each bad byte became U+FFFD and a decision's comment was stored so.

import { sha256Hex } from "@stock-patterns/core";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "#api";
import { getApproval } from "#approvals";
import { storePendingApproval } from "#test/fixtures";
import { TEST_KEYS } from "#test/keys";
import { notUtf8 } from "./utf8-body";

const TOKEN = `utf8-body-${Date.now()}`;
const ID = sha256Hex(TOKEN);

/** `text` as UTF-8 with `bytes` put in place of the one `\u0000` it holds. */
const withBytes = (text: string, bytes: number[]) => {
  const [before = "", after = ""] = text.split("\u0000");
  const encode = (part: string) => [...new TextEncoder().encode(part)];
  return new Uint8Array([...encode(before), ...bytes, ...encode(after)]);
};

/** What these answers hold: a problem's, or a decision's. */
interface Answer {
  detail?: string;
  errors?: unknown[];
  approval?: { comment?: string };
}

/** POSTs `body` as sent, as JSON, with the key of `role`. */
async function post(path: string, body: Uint8Array, role: keyof typeof TEST_KEYS) {
  const response = await app.request(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-API-Key": TEST_KEYS[role] },
    body,
  });
  return { status: response.status, json: (await response.json()) as Answer };
}

beforeAll(() => storePendingApproval(TOKEN));

describe("notUtf8", () => {
  it("finds nothing in UTF-8, whatever its characters", () => {
    for (const text of ["", "{}", "caf\u00e9 \u2714 \ud83d\ude00 \u4e2d"])
      expect(notUtf8(new TextEncoder().encode(text))).toBeUndefined();
  });

  it("names the first byte of the first ill-formed sequence, or a character cut off at the end", () => {
    expect(notUtf8(withBytes("bad \u0000 bytes", [0xff, 0xfe]))).toBe(
      "byte 4 (0xff) is not part of a UTF-8 character",
    );
    // A lead byte of three followed by ASCII: the lead byte begins no character, the ASCII byte is one.
    expect(notUtf8(withBytes("\u00e9\u0000", [0xe2, 0x28, 0xa1]))).toBe(
      "byte 2 (0xe2) is not part of a UTF-8 character",
    );
    // An overlong encoding of "/", and a UTF-16 surrogate encoded as UTF-8 (CESU-8): neither is UTF-8.
    expect(notUtf8(new Uint8Array([0xc0, 0xaf]))).toBe("byte 0 (0xc0) is not part of a UTF-8 character");
    expect(notUtf8(new Uint8Array([0x61, 0xed, 0xa0, 0x80]))).toBe(
      "byte 1 (0xed) is not part of a UTF-8 character",
    );
    expect(notUtf8(new Uint8Array([0x61, 0xe2, 0x82]))).toBe("it ends inside a character");
  });

  it("names the lead byte of a character the next byte does not continue, not that next byte", () => {
    // Latin-1's é, a lead byte of two before ASCII, and two bytes of three before the closing quote.
    for (const bytes of [[0xe9], [0xc3, 0x78], [0xe2, 0x82], [0xf0, 0x9f, 0x98]]) {
      expect(notUtf8(withBytes('"caf\u0000"', bytes))).toBe(
        `byte 4 (0x${bytes[0]?.toString(16)}) is not part of a UTF-8 character`,
      );
    }
  });
});

describe("a JSON body that is not UTF-8", () => {
  it("is refused with a 400 saying where on every route that takes a body, and nothing is recorded", async () => {
    const decision = withBytes('{"decision":"reject","comment":"bad \u0000 bytes"}', [0xff, 0xfe]);
    const analysis = withBytes('{"symbol":"SPX\u0000","interval":"1d","bars":[]}', [0xff]);
    for (const [path, body, role, at] of [
      [`/approvals/${ID}/decision`, decision, "approver", 36],
      [`/approve/${TOKEN}`, decision, "approver", 36],
      ["/patterns", analysis, "analyst", 14],
    ] as const) {
      const { status, json } = await post(path, body, role);
      const byte = body[at]?.toString(16);
      const message = `the body is not UTF-8: byte ${at} (0x${byte}) is not part of a UTF-8 character; send JSON as UTF-8`;
      expect([path, status, json.detail, json.errors]).toEqual([
        path,
        400,
        message,
        [{ path: "body", message }],
      ]);
    }
    expect(await getApproval(ID)).toMatchObject({ status: "PENDING" });
    expect((await getApproval(ID))?.comment).toBeUndefined();
  });

  it("names the Latin-1 é of a comment, not the quote after it", async () => {
    const body = withBytes('{"decision":"approve","comment":"caf\u0000"}', [0xe9]);
    const { status, json } = await post(`/approve/${TOKEN}`, body, "approver");
    expect([status, json.detail]).toEqual([
      400,
      "the body is not UTF-8: byte 36 (0xe9) is not part of a UTF-8 character; send JSON as UTF-8",
    ]);
    expect(await getApproval(ID)).toMatchObject({ status: "PENDING" });
  });

  it("while one that is UTF-8 is read as sent", async () => {
    const { status, json } = await post(
      `/approvals/${ID}/decision`,
      new TextEncoder().encode('{"decision":"reject","comment":"caf\u00e9 \u2714"}'),
      "approver",
    );
    expect([status, json.approval?.comment]).toEqual([200, "caf\u00e9 \u2714"]);
  });
});
