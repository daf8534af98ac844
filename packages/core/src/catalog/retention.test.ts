// The opt-in retention of finished detections: its least value derived from the catalog's windows, and
// every way a setting can be wrong refused with a sentence naming the setting.
import { describe, expect, it } from "vitest";
import {
  APPROVAL_OPEN_RETENTION_SECONDS,
  APPROVAL_TTL_SECONDS,
  QUEUES,
  RECORD_RETENTION,
  RECOVERY_TIMING_MAX_SECONDS,
  recordRetentionDays,
  SET_ASIDE_QUEUES,
} from "./index";

describe("RECORD_RETENTION.minimumDays", () => {
  it("outlasts every window in which a settled detection may still be read by work in flight", () => {
    const day = 86_400;
    const windows = [
      APPROVAL_TTL_SECONDS + APPROVAL_OPEN_RETENTION_SECONDS,
      ...Object.values(QUEUES).map((q) => q.deadLetterRetentionSeconds),
      ...Object.values(SET_ASIDE_QUEUES).map((q) => q.retentionSeconds),
      RECOVERY_TIMING_MAX_SECONDS,
    ];
    for (const seconds of windows) expect(RECORD_RETENTION.minimumDays * day).toBeGreaterThanOrEqual(seconds);
    // Today the sweep's longest look-back an operator may set (30 days) is the longest of them.
    expect(RECORD_RETENTION.minimumDays).toBe(30);
  });
});

describe("recordRetentionDays", () => {
  it("is undefined when unset or empty: everything is kept", () => {
    expect(recordRetentionDays(undefined)).toBeUndefined();
    expect(recordRetentionDays("")).toBeUndefined();
    expect(recordRetentionDays("  ")).toBeUndefined();
  });

  it("reads whole days at or above the minimum, from text or a number", () => {
    expect(recordRetentionDays("90")).toBe(90);
    expect(recordRetentionDays(365)).toBe(365);
    expect(recordRetentionDays(String(RECORD_RETENTION.minimumDays))).toBe(RECORD_RETENTION.minimumDays);
  });

  it("refuses a value below the minimum, saying the minimum and why", () => {
    expect(() => recordRetentionDays("7")).toThrow(
      "RECORD_RETENTION_DAYS: 7 days is below the least retention, 30 days",
    );
    expect(() => recordRetentionDays(29)).toThrow(/below the least retention, 30 days/);
  });

  it.each(["0", "-5", "90.5", "ninety", "1e3", "90d"])(
    "refuses %s as not a whole number of days",
    (value) => {
      expect(() => recordRetentionDays(value)).toThrow(/^RECORD_RETENTION_DAYS: /);
    },
  );
});
