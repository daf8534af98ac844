// A body that is not JSON is refused with a 400 saying where, at `body` in `errors` as every other problem
// of the body is: Hono's validator answered "Malformed JSON in request body", with no `errors` and no place.

import { sha256Hex } from "@stock-patterns/core";
import { beforeAll, describe, expect, it } from "vitest";
import { getApproval } from "#approvals";
import { storePendingApproval } from "#test/fixtures";
import { call } from "#test/http";
import { notJson } from "./json-body";

const TOKEN = `json-body-${Date.now()}`;
const ID = sha256Hex(TOKEN);

const bytes = (text: string) => new TextEncoder().encode(text);

beforeAll(() => storePendingApproval(TOKEN));

describe("notJson", () => {
  it("finds nothing in JSON, a byte order mark before it included", () => {
    for (const text of ["{}", ' {"a": [1, "caf\u00e9"]} ', "\ufeff{}", "null"])
      expect(notJson(bytes(text)), text).toBeUndefined();
  });

  it("names the byte where JSON.parse stopped, counted in bytes as sent, and why", () => {
    expect(notJson(bytes("{"))).toBe("it breaks at byte 1 (expected property name or '}')");
    expect(notJson(bytes('{"a":1,}'))).toBe("it breaks at byte 7 (expected double-quoted property name)");
    expect(notJson(bytes('{"a":1} x'))).toBe(
      "it breaks at byte 8 (unexpected non-whitespace character after JSON)",
    );
    // é is two bytes, and a byte order mark three: counted as sent, not as characters.
    expect(notJson(bytes('{"comment":"caf\u00e9" "x"}'))).toBe(
      "it breaks at byte 19 (expected ',' or '}' after property value)",
    );
    expect(notJson(bytes("\ufeff{"))).toBe("it breaks at byte 4 (expected property name or '}')");
  });

  it("says what it can of a body JSON.parse gives no place for: empty, cut off, or an unexpected character", () => {
    for (const text of ["", " \n"]) expect(notJson(bytes(text))).toBe("it is empty");
    expect(notJson(bytes('{"a":'))).toBe("it ends after 5 bytes, inside its value");
    expect(notJson(bytes("xyz"))).toBe('it has an unexpected "x"');
    // Quoted and escaped as every text a caller sent: an ESC reaches no terminal.
    expect(notJson(bytes("\u001b[2J"))).toBe('it has an unexpected "\\u001b"');
  });
});

describe("a JSON body that is not JSON", () => {
  it("is a 400 at body saying where, on every route that takes a body, and nothing is recorded", async () => {
    for (const [path, key] of [
      ["/patterns", "analyst"],
      [`/approve/${TOKEN}`, "approver"],
      [`/approvals/${ID}/decision`, "approver"],
    ] as const) {
      for (const [rawBody, reason] of [
        ["{", "it breaks at byte 1 (expected property name or '}')"],
        ["", "it is empty"],
      ]) {
        const { status, json } = await call(path, { method: "POST", key, rawBody });
        const message = `the body is not JSON: ${reason}; send JSON`;
        expect([path, rawBody, status, json.title, json.detail, json.errors]).toEqual([
          path,
          rawBody,
          400,
          "Invalid request",
          message,
          [{ path: "body", message }],
        ]);
      }
    }
    expect(await getApproval(ID)).toMatchObject({ status: "PENDING" });
  });
});
