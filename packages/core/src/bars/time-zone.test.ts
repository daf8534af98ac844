// Bar times order the same on every machine: an ISO datetime without a zone is read as UTC, as a bare date
// is, never in the machine's own time zone (whose daylight-saving gaps would reorder a series).

import { afterEach, describe, expect, it } from "vitest";
import { timeValue } from "./time";

const zone = process.env.TZ;
afterEach(() => {
  if (zone === undefined) delete process.env.TZ;
  else process.env.TZ = zone;
});

describe("timeValue of an ISO datetime without a zone", () => {
  it.each(["UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata"])(
    "is UTC in time zone %s",
    (machine) => {
      process.env.TZ = machine;
      // New York's clocks skipped 02:00-03:00 that night: read locally, the two were one instant.
      expect(timeValue("2020-03-08T03:00") - timeValue("2020-03-08T02:00")).toBe(3_600_000);
      expect(timeValue("2020-01-02T00:00")).toBe(timeValue("2020-01-02"));
      expect(timeValue("2020-01-02 10:00:00.5")).toBe(Date.UTC(2020, 0, 2, 10, 0, 0, 500));
      // With a zone, the zone it names.
      expect(timeValue("2020-01-02T10:00+01:00")).toBe(Date.UTC(2020, 0, 2, 9));
      expect(timeValue("2020-01-02T10:00:00Z")).toBe(Date.UTC(2020, 0, 2, 10));
    },
  );
});
