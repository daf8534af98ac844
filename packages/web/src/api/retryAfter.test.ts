// Retry-After as RFC 9110 writes it: delta-seconds or an HTTP-date in any of its three forms; anything else
// is no wait at all.
import { describe, expect, it } from "vitest";
import { httpDate, retryAfterMs } from "./retryAfter";

/** 6 Nov 1994 08:49:37 GMT, RFC 9110's own example date. */
const EXAMPLE = Date.UTC(1994, 10, 6, 8, 49, 37);

describe("retryAfterMs", () => {
  const now = Date.UTC(2026, 11, 5, 9, 30, 0);

  it("reads delta-seconds, those AWS WAF, API Gateway and the local server send", () => {
    expect(retryAfterMs("330", now)).toBe(330_000);
    expect(retryAfterMs("1", now)).toBe(1000);
    expect(retryAfterMs(" 0 ", now)).toBe(0);
  });

  it("reads delta-seconds past what it can count as 2^31 s, as RFC 9111 has a cache read them", () => {
    // Left as read, 20 nines made an instant past what a Date holds: the notice's time threw a RangeError.
    expect(retryAfterMs("99999999999999999999", now)).toBe(2 ** 31 * 1000);
    expect(retryAfterMs(String(2 ** 31 + 1), now)).toBe(2 ** 31 * 1000);
    expect(retryAfterMs(String(2 ** 31 - 1), now)).toBe((2 ** 31 - 1) * 1000);
  });

  it("reads an HTTP-date as the time left until it, none for one already past", () => {
    expect(retryAfterMs("Sat, 05 Dec 2026 09:35:30 GMT", now)).toBe(330_000);
    expect(retryAfterMs("Saturday, 05-Dec-26 09:30:01 GMT", now)).toBe(1000);
    expect(retryAfterMs("Sat Dec  5 09:31:00 2026", now)).toBe(60_000);
    expect(retryAfterMs("Sun, 06 Nov 1994 08:49:37 GMT", now)).toBe(0);
  });

  it("ignores what is neither: no header, words, signs, fractions, dates of another shape", () => {
    for (const garbage of [null, undefined, "", "soon", "-5", "+5", "1.5", "5s", "0x10", "1e3"])
      expect(retryAfterMs(garbage, now)).toBeUndefined();
    for (const garbage of ["2026-12-05T09:35:30Z", "Sat, 05 Dec 2026 09:35:30", "5 Dec 2026"])
      expect(retryAfterMs(garbage, now)).toBeUndefined();
  });
});

describe("httpDate", () => {
  const now = Date.UTC(2026, 11, 5);

  it("reads RFC 9110's example in each of its three forms, in GMT whatever the browser's zone", () => {
    expect(httpDate("Sun, 06 Nov 1994 08:49:37 GMT", now)).toBe(EXAMPLE);
    expect(httpDate("Sunday, 06-Nov-94 08:49:37 GMT", now)).toBe(EXAMPLE);
    expect(httpDate("Sun Nov  6 08:49:37 1994", now)).toBe(EXAMPLE);
  });

  it("reads a two-digit year more than 50 years ahead as the century before", () => {
    expect(httpDate("Wednesday, 01-Jan-76 00:00:00 GMT", now)).toBe(Date.UTC(2076, 0, 1));
    expect(httpDate("Saturday, 01-Jan-77 00:00:00 GMT", now)).toBe(Date.UTC(1977, 0, 1));
  });

  it("refuses a day, month or time that does not exist", () => {
    expect(httpDate("Tue, 31 Feb 2026 00:00:00 GMT", now)).toBeUndefined();
    expect(httpDate("Sat, 05 Dec 2026 24:00:00 GMT", now)).toBeUndefined();
    expect(httpDate("Sat, 05 Dec 2026 09:60:00 GMT", now)).toBeUndefined();
    expect(httpDate("Sat, 05 Dcm 2026 09:00:00 GMT", now)).toBeUndefined();
  });
});
