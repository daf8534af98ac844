import { describe, expect, it } from "vitest";
import { timeStyle } from "./time-style";

describe("timeStyle", () => {
  it("names the style of a time", () => {
    for (const text of [
      "2020-01-02",
      "2020-01-02T09:30",
      "2020-01-02 09:30:00.123456789+05:30",
      "0049-01-01",
    ])
      expect(timeStyle(text), text).toBe("iso");
    for (const text of ["0", "1577923200", "1577923200.25", "1577923200000"])
      expect(timeStyle(text), text).toBe("epoch");
  });

  it("says why a text is not a time, with the caller's other forms after the sentence for a text of no form", () => {
    expect(timeStyle("2020-02-30")).toBe('time "2020-02-30" is not a date on the calendar');
    expect(timeStyle("2020-01-02T24:00")).toMatch(/^time "2020-01-02T24:00" is not a time of day/);
    expect(timeStyle("2020-01-02T10:00+24:00")).toMatch(/is not a time of day/);
    expect(timeStyle("01/02/2020")).toBe(
      'time "01/02/2020" is not an ISO 8601 date or datetime, nor epoch seconds or milliseconds',
    );
    expect(timeStyle("-86400", "try --date-format")).toBe(
      'time "-86400" is not an ISO 8601 date or datetime, nor epoch seconds or milliseconds (try --date-format)',
    );
    expect(timeStyle("2020-02-30", "try --date-format")).toBe(
      'time "2020-02-30" is not a date on the calendar',
    );
  });
});
