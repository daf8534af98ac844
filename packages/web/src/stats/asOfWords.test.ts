// The gap between the time asked for and the snapshot the Statistics page answers with.
import { queryTime } from "@stock-patterns/core/contracts";
import { describe, expect, it } from "vitest";
import { formatBarTime } from "../ui/format";
import { asOfGap } from "./asOfWords";
import type { StatsAnswer } from "./statsApi";

const spx: StatsAnswer = {
  symbol: "SPX",
  interval: "1d",
  asOf: "2010-03-03T00:00:00.000Z",
  requestedAsOf: "2010-03-10",
  computedAt: "2026-12-06T13:00:00.000Z",
  ageSeconds: 1,
  series: 1,
  evidence: [],
};

describe("asOfGap", () => {
  it("says the snapshot's bar and the time asked when they differ", () => {
    expect(asOfGap(spx)).toBe("As of 2010-03-03, the latest figures recorded on or before 2010-03-10.");
    // A year asked for is its first instant, as the API reads it.
    expect(asOfGap({ ...spx, requestedAsOf: "2011" })).toBe(
      "As of 2010-03-03, the latest figures recorded on or before 2011-01-01.",
    );
  });

  it("says nothing when no time was asked for, or the snapshot is at the time asked", () => {
    expect(asOfGap({ ...spx, requestedAsOf: undefined })).toBeUndefined();
    expect(asOfGap({ ...spx, requestedAsOf: "2010-03-03" })).toBeUndefined();
    // Later the same day: a daily bar is written as its date, and so is the time asked.
    expect(asOfGap({ ...spx, requestedAsOf: "2010-03-03T15:30:00Z" })).toBeUndefined();
  });

  it("writes intraday times with the time of day", () => {
    const hourly = {
      ...spx,
      interval: "1h",
      asOf: "2010-03-10T14:00:00.000Z",
      requestedAsOf: "2010-03-10T15:30:00Z",
    };
    expect(asOfGap(hourly)).toBe(
      "As of 2010-03-10 14:00 UTC, the latest figures recorded on or before 2010-03-10 15:30 UTC.",
    );
  });

  it("gives the span of the series' snapshots when pooled", () => {
    const pooledFrom = {
      listed: 2,
      listedAt: "2026-12-01T00:02:11.093Z",
      oldestAsOf: "2005-12-19T00:00:00.000Z",
      newestAsOf: "2006-12-15T00:00:00.000Z",
    };
    const pooled: StatsAnswer = {
      ...spx,
      symbol: null,
      asOf: null,
      requestedAsOf: "2007-03-01",
      series: 2,
      pooledFrom,
    };
    expect(asOfGap(pooled)).toBe(
      "As of 2005-12-19 to 2006-12-15 (each series its own), the latest figures recorded on or before 2007-03-01.",
    );
    const together = { oldestAsOf: "2006-12-15T00:00:00.000Z", newestAsOf: "2006-12-15T00:00:00.000Z" };
    expect(asOfGap({ ...pooled, pooledFrom: { ...pooledFrom, ...together } })).toBe(
      "As of 2006-12-15, the latest figures recorded on or before 2007-03-01.",
    );
  });

  it("reads the time asked as the API does (core's queryTime), in each form it takes", () => {
    for (const given of ["2011", "2010-06", "2010-03-10", "2010-03-10T15:00:00Z", "1268179200"]) {
      const read = queryTime(given);
      const time = "time" in read ? read.time : "unread";
      expect([given, asOfGap({ ...spx, interval: "1h", requestedAsOf: given })]).toEqual([
        given,
        `As of 2010-03-03 00:00 UTC, the latest figures recorded on or before ${formatBarTime(time, "1h")}.`,
      ]);
    }
  });
});
