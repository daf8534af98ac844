// Cursors are opaque but checked: only what encodeCursor made decodes; times sort as ISO UTC.

import { sortableTime } from "@stock-patterns/core";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { cursorShape, decodeCursor, encodeCursor, InvalidCursorError, keyText } from "./paging";

const shape = cursorShape({ alertId: keyText, feed: z.literal("alerts"), createdAt: keyText });

describe("cursors", () => {
  it("round-trip a DynamoDB key", () => {
    const key = { alertId: "alr_1", feed: "alerts", createdAt: "2024-01-01T00:00:00.000Z" };
    expect(decodeCursor(encodeCursor(key), shape)).toEqual(key);
  });

  it("reject anything else", () => {
    for (const cursor of [
      "%%%",
      Buffer.from("[1]").toString("base64url"),
      Buffer.from("{}").toString("base64url"),
      Buffer.from('{"a":{"b":1}}').toString("base64url"),
      encodeCursor({ alertId: "alr_1", feed: "alerts" }),
      encodeCursor({ alertId: "alr_1", feed: "other", createdAt: "x" }),
      encodeCursor({ alertId: "alr_1", feed: "alerts", createdAt: "x", extra: "y" }),
      encodeCursor({ alertId: "", feed: "alerts", createdAt: "x" }),
      // Text no key holds: a lone surrogate (no UTF-8 form), NUL, a bidirectional override.
      encodeCursor({ alertId: "alr_\ud800", feed: "alerts", createdAt: "x" }),
      encodeCursor({ alertId: "alr_1", feed: "alerts", createdAt: "2024\u0000" }),
      encodeCursor({ alertId: "alr_\u202e1", feed: "alerts", createdAt: "x" }),
    ]) {
      expect(() => decodeCursor(cursor, shape), cursor).toThrow(InvalidCursorError);
    }
  });
});

describe("sortableTime", () => {
  it("turns dates, datetimes and epoch seconds or milliseconds into ISO UTC", () => {
    expect(sortableTime("2020-01-02")).toBe("2020-01-02T00:00:00.000Z");
    expect(sortableTime("2020-01-02T09:30:00-05:00")).toBe("2020-01-02T14:30:00.000Z");
    expect(sortableTime("1577923200")).toBe("2020-01-02T00:00:00.000Z");
    expect(sortableTime("1577923200000")).toBe("2020-01-02T00:00:00.000Z");
    expect(sortableTime("soon")).toBeUndefined();
  });
});
