// Cursors are opaque but checked: only what encodeCursor made decodes; times sort as ISO UTC.

import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, InvalidCursorError } from "./paging";
import { sortableTime } from "./sortable-time";

describe("cursors", () => {
  it("round-trip a DynamoDB key", () => {
    const key = { alertId: "alr_1", feed: "alerts", createdAt: "2024-01-01T00:00:00.000Z", n: 3 };
    expect(decodeCursor(encodeCursor(key))).toEqual(key);
  });

  it("reject anything else", () => {
    for (const cursor of [
      "%%%",
      Buffer.from("[1]").toString("base64url"),
      Buffer.from("{}").toString("base64url"),
      Buffer.from('{"a":{"b":1}}').toString("base64url"),
    ]) {
      expect(() => decodeCursor(cursor), cursor).toThrow(InvalidCursorError);
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
