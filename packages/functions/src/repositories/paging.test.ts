// Cursors are opaque but checked: only what encodeCursor made decodes; times sort as ISO UTC.

import { sortableTime } from "@stock-patterns/core";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import {
  cursorShape,
  decodeCursor,
  encodeCursor,
  epochSecondsKey,
  InvalidCursorError,
  instantKey,
  keyText,
} from "./paging";

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

  it("reject an issued cursor's key written other than as encodeCursor writes it", () => {
    // Its base64url holds both - and _, and ends in a character of which 4 bits are unused.
    const issued = encodeCursor({ alertId: "alr_1>>??", feed: "alerts", createdAt: "x" });
    expect([issued.includes("-"), issued.includes("_"), issued.length % 4]).toEqual([true, true, 2]);
    expect(decodeCursor(issued, shape)).toMatchObject({ alertId: "alr_1>>??" });
    // Characters base64url does not hold, which Buffer skipped; padding; base64's + and / for - and _;
    // a last character whose unused bits are not 0 (the same bytes, written otherwise).
    const last = issued.at(-1) ?? "";
    const otherLast = String.fromCharCode(last.charCodeAt(0) + 1);
    for (const cursor of [
      `!!!${issued}`,
      `${issued} `,
      ` ${issued}`,
      `${issued.slice(0, 8)}\n${issued.slice(8)}`,
      `${issued}=`,
      issued.replaceAll("-", "+").replaceAll("_", "/"),
      `${issued.slice(0, -1)}${otherLast}`,
    ]) {
      expect(Buffer.from(cursor, "base64url").equals(Buffer.from(issued, "base64url")), cursor).toBe(true);
      expect(() => decodeCursor(cursor, shape), cursor).toThrow(
        "cursor is not one this API issued for this query: it is not base64url of JSON",
      );
    }
  });
});

describe("a cursor's keys as the repositories write them", () => {
  const written = cursorShape({ feed: z.literal("open"), at: instantKey, deadline: epochSecondsKey });
  const key = { feed: "open", at: "2024-01-02T00:00:00.000Z", deadline: 1_704_153_600 };
  const refused = (forged: Record<string, unknown>) => () =>
    decodeCursor(encodeCursor(forged as never), written);

  it("take a time as sortableTime writes it and epoch seconds of the years 1970 to 9999", () => {
    expect(decodeCursor(encodeCursor(key), written)).toEqual(key);
    expect(decodeCursor(encodeCursor({ ...key, deadline: 253_402_300_799 }), written)).toEqual({
      ...key,
      deadline: 253_402_300_799,
    });
  });

  it("refuse anything else, saying which field and why", () => {
    const why = (reason: string) => `cursor is not one this API issued for this query: ${reason}`;
    for (const [forged, reason] of [
      [{ ...key, at: "not a date" }, "its at is not a time as this API stores one (ISO UTC)"],
      [{ ...key, at: "2024-01-02" }, "its at is not a time as this API stores one (ISO UTC)"],
      [{ ...key, at: "2024-02-30T00:00:00.000Z" }, "its at is not a time as this API stores one (ISO UTC)"],
      [{ ...key, deadline: -5 }, "its deadline is not epoch seconds of a time this API stores"],
      [{ ...key, deadline: 253_402_300_800 }, "its deadline is not epoch seconds of a time this API stores"],
      [{ ...key, deadline: 1.5 }, "its deadline is not a whole number of epoch seconds"],
      [{ ...key, deadline: "5" }, "its deadline is not a number"],
      [{ feed: "open", at: key.at }, "it has no deadline"],
      [{ ...key, extra: 1 }, "it holds extra, which it should not"],
    ] as const) {
      expect(refused(forged), JSON.stringify(forged)).toThrow(why(reason));
    }
    expect(() => decodeCursor("%%%", written)).toThrow(why("it is not base64url of JSON"));
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
