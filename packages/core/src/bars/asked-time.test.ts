import { describe, expect, it } from "vitest";
import { askedTime } from "./asked-time";

describe("askedTime", () => {
  it("reads a year or a month as the day it starts on, and any other time as given", () => {
    expect(askedTime("2019")).toEqual({ text: "2019-01-01" });
    expect(askedTime("2003-12")).toEqual({ text: "2003-12-01" });
    for (const given of ["2019-06-03", "2019-06-03T14:30:00Z", "1559347200", "1559347200000", "20190102"])
      expect(askedTime(given)).toEqual({ text: given });
  });

  it("refuses a month off the calendar, and one to three digits or five to seven, naming both readings", () => {
    expect(askedTime("2019-00")).toEqual({ problem: 'time "2019-00" is not a month on the calendar' });
    expect(askedTime("2019-13")).toEqual({ problem: 'time "2019-13" is not a month on the calendar' });
    for (const [given, instant] of [
      ["7", "1970-01-01T00:00:07Z"],
      ["201", "1970-01-01T00:03:21Z"],
      ["20190", "1970-01-01T05:36:30Z"],
      ["2019011", "1970-01-24T08:50:11Z"],
    ])
      expect(askedTime(given as string)).toEqual({
        problem: `time "${given}" is no year (ISO 8601 writes one with four digits, as 2019) and, as epoch seconds, ${instant}; write a year, a month (2019-06), a date or an epoch time of more digits`,
      });
  });
});
