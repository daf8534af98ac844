import { describe, expect, it } from "vitest";
import { barsErrorOf } from "../../test/bars-error";
import { StreamingDetector } from "../engine/streaming";
import { sortableTime } from "../series/sortable-time";
import { parseBarsCsv } from "./csv";
import { parseBarsJson } from "./json";
import { timeValue } from "./time";
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

describe("a time whose instant falls outside the years 0000 to 9999 in UTC", () => {
  // 9999-12-31T23:59:59-12:00 is +010000-01-01T11:59:59.000Z, and 0000-01-01T00:00:00+01:00 is
  // -000001-12-31T23:00:00.000Z: ISO forms that sort as text before every four-digit year, where stored
  // bars, detections and evidence are keyed by their instant's ISO form (sortableTime).
  const late = "9999-12-31T23:59:59-12:00";
  const early = "0000-01-01T00:00:00+01:00";

  it("is not a time: timeStyle says so, giving its instant, and timeValue reads no instant", () => {
    expect(timeStyle(late)).toBe(
      `time "${late}" is not a time from the year 0000 to 9999 in UTC (it is +010000-01-01T11:59:59.000Z)`,
    );
    expect(timeStyle(early)).toBe(
      `time "${early}" is not a time from the year 0000 to 9999 in UTC (it is -000001-12-31T23:00:00.000Z)`,
    );
    expect(timeValue(late)).toBeNaN();
    expect(timeValue(early)).toBeNaN();
    expect(sortableTime(late)).toBeUndefined();
  });

  it("leaves every instant of those years a time, at both ends, in any style", () => {
    for (const text of [
      "9999-12-31T23:59:59.999Z",
      "9999-12-31T23:59:59.999999999Z",
      "9999-12-31T12:00-11:59",
      "9999-12-31",
      "0000-01-01T00:00:00Z",
      "0000-01-01T23:59+23:59",
      "0000-01-01",
      "99999999999",
      "9999999999999",
    ]) {
      expect(["iso", "epoch"], text).toContain(timeStyle(text));
      expect(sortableTime(text), text).toMatch(/^\d{4}-/);
    }
  });

  it("is refused by name and row wherever bars are read: a CSV, JSON bars, the streaming engine", () => {
    const json = [
      { time: "9999-12-30", close: 1 },
      { time: late, close: 2 },
    ];
    expect(barsErrorOf(() => parseBarsJson(json)).message).toBe(`row 2: ${timeStyle(late)}`);
    expect(barsErrorOf(() => parseBarsCsv(`Date,Close\n${early},1\n0000-01-02,2\n`)).message).toBe(
      `row 2: ${timeStyle(early)}`,
    );
    const detector = new StreamingDetector();
    detector.push({ time: "9999-12-30", close: 1 });
    expect(barsErrorOf(() => detector.push({ time: late, close: 2 })).message).toBe(
      `row 2: ${timeStyle(late)}`,
    );
  });
});

describe("a time of exactly eight digits", () => {
  // 20200102 is how finance exports write 2020-01-02 (ISO 8601's basic form of a date), and as epoch
  // seconds it is 1970-08-22T19:08:22Z: eight-digit epoch seconds are 1970-04-26 to 1973-03-03, which no
  // market feed sends, so the text is refused rather than read one way silently.
  it("is no time: timeStyle names both readings when the digits are a date, and only one when not", () => {
    expect(timeStyle("20200102")).toBe(
      'time "20200102" is ambiguous: 8 digits read as epoch seconds are 1970-08-22T19:08:22Z, and as a date 2020-01-02; write the date 2020-01-02, or epoch seconds with more digits (020200102)',
    );
    expect(timeStyle("12345678")).toBe(
      'time "12345678" is ambiguous: 8 digits read as epoch seconds are 1970-05-23T21:21:18Z, and 8 digits are how ISO 8601 writes a date without hyphens; write epoch seconds with more digits (012345678)',
    );
    for (const text of ["20200102", "12345678", "10000000", "99999999"]) {
      expect(timeValue(text), text).toBeNaN();
      expect(sortableTime(text), text).toBeUndefined();
    }
  });

  it("leaves epoch numbers of other lengths times, a fraction after eight digits included", () => {
    for (const text of ["9999999", "020200102", "100000000", "1577923200", "20200102.5", "1577923200000"])
      expect(timeStyle(text), text).toBe("epoch");
  });

  it("is refused by name and row wherever bars are read: a CSV, JSON bars (a number too), the streaming engine", () => {
    const refusal = timeStyle("20200103");
    expect(barsErrorOf(() => parseBarsCsv("Date,Close\n20200102,1\n")).message).toBe(
      `row 2: ${timeStyle("20200102")}`,
    );
    expect(
      barsErrorOf(() =>
        parseBarsJson([
          { time: "100000000", close: 1 },
          { time: 20200103, close: 2 },
        ]),
      ).message,
    ).toBe(`row 2: ${refusal}`);
    const detector = new StreamingDetector();
    detector.push({ time: "2020-01-02", close: 1 });
    expect(barsErrorOf(() => detector.push({ time: "20200103", close: 2 })).message).toBe(
      `row 2: ${refusal}`,
    );
  });
});
