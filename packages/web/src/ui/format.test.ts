// Time left, dates, confidence and prices as the console writes them.
import { describe, expect, it } from "vitest";
import { formatBarTime, formatConfidence, formatPrice, formatTime } from "./format";
import { formatTimeLeft, secondsLeft, urgency } from "./timeLeft";

describe("time left before expiry", () => {
  const now = Date.parse("2026-11-25T13:00:00Z");

  it("counts whole seconds and stops at zero", () => {
    expect(secondsLeft("2026-11-25T13:59:05Z", now)).toBe(3545);
    expect(secondsLeft("2026-11-25T12:00:00Z", now)).toBe(0);
    expect(secondsLeft("not a time", now)).toBe(0);
  });

  it("reads as hours, minutes or seconds", () => {
    expect(formatTimeLeft(3545)).toBe("59 min 5 s");
    expect(formatTimeLeft(3600)).toBe("1 h 0 min");
    expect(formatTimeLeft(42)).toBe("42 s");
    expect(formatTimeLeft(0)).toBe("expired");
  });

  it("flags the last five minutes", () => {
    expect(urgency(600)).toBe("normal");
    expect(urgency(299)).toBe("urgent");
    expect(urgency(0)).toBe("expired");
  });
});

describe("formatting", () => {
  it("writes times in UTC, keeps plain dates, and shows unknown text as is", () => {
    expect(formatTime("2026-11-25T13:40:12.345Z")).toBe("2026-11-25 13:40 UTC");
    expect(formatTime("2000-03-24")).toBe("2000-03-24");
    expect(formatTime("953856000")).toBe("2000-03-24 00:00 UTC");
    expect(formatTime("soon")).toBe("soon");
    expect(formatTime(undefined)).toBe("—");
  });

  it("reads a time as core orders it: a datetime without a zone is UTC, epoch seconds or milliseconds alike", () => {
    const zone = process.env.TZ;
    // Date.parse would read it in the machine's zone: New York's here.
    process.env.TZ = "America/New_York";
    try {
      expect(formatTime("2000-03-24T10:30")).toBe("2000-03-24 10:30 UTC");
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    expect(formatTime("953856000000")).toBe("2000-03-24 00:00 UTC");
    expect(formatTime("86400")).toBe("1970-01-02 00:00 UTC");
    // Not bar times by core's rule (a sign, over 13 digits): shown as written.
    expect(formatTime("-86400")).toBe("-86400");
    expect(formatTime("99999999999999999999")).toBe("99999999999999999999");
  });

  it("writes a bar's time by its interval: the UTC date for daily and longer bars, however sent, the time below a day", () => {
    // The lifecycle's steps come as the bars were sent, the outcome's asOf as ISO UTC: one day, one way.
    expect(formatBarTime("2013-12-18", "1d")).toBe("2013-12-18");
    expect(formatBarTime("2014-01-17T00:00:00.000Z", "1d")).toBe("2014-01-17");
    expect(formatBarTime("1389916800", "1wk")).toBe("2014-01-17");
    expect(formatBarTime("2026-10-06T12:00:00Z", "1h")).toBe("2026-10-06 12:00 UTC");
    expect(formatBarTime("2026-10-06T00:00:00Z", "15m")).toBe("2026-10-06 00:00 UTC");
    // An interval the console cannot read gives no reason to drop the time.
    expect(formatBarTime("2026-10-06T00:00:00Z", "weird")).toBe("2026-10-06 00:00 UTC");
    expect(formatBarTime("soon", "1d")).toBe("soon");
    expect(formatBarTime(undefined, "1d")).toBe("—");
  });

  it("rounds confidence and prices", () => {
    expect(formatConfidence(91.5)).toBe("92/100");
    expect(formatPrice(1527.4567)).toBe("1527.46");
    expect(formatPrice(45123.456)).toBe("45123.46");
    expect(formatPrice(1.0835)).toBe("1.0835");
    expect(formatPrice(1.079)).toBe("1.079");
    expect(formatPrice(0.0045)).toBe("0.0045");
    expect(formatPrice(98.7654321)).toBe("98.7654");
  });
});
