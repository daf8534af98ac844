// A broker's intraday export, each bar's date and time of day in two columns (Date,Time,Close), through the
// compiled process: only the first time column is read, so the file is refused at a day's second bar, and
// the refusal names the Time column and how to write the file; the file so written is read.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PROCESS_TIMEOUT, runPatterns } from "../../../test/bin";
import { refusedByBoth } from "../../../test/refused-by-both";
import { SPX_FILE } from "../../../test/run";
import { scratchFolder } from "../../../test/scratch";

const { write } = scratchFolder("time-of-day");

/** One-minute bars of 1 March 2024 from 09:30, their closes the bundled series' last 300 (detections). */
const CLOSES = readFileSync(SPX_FILE, "utf8")
  .trimEnd()
  .split("\n")
  .slice(-300)
  .map((line) => line.split(",")[4] ?? "");
const minute = (i: number) => {
  const at = 9 * 60 + 30 + i;
  return `${String(Math.floor(at / 60)).padStart(2, "0")}:${String(at % 60).padStart(2, "0")}:00`;
};
const BARS = CLOSES.map((close, i) => ({ date: "2024-03-01", time: minute(i), close }));

/** The refusal's words after the row: the Time column named, and one datetime column asked for. */
const hint = (column: number) =>
  `the Time column (column ${column}) is not read: of two time columns only the first, Date, is; ` +
  "write each bar's date and time of day in one column, as an ISO 8601 datetime such as 2024-03-01T09:30:00 " +
  '(another layout with --date-format, such as "DD/MM/YYYY HH:mm")';

/** The same words for a JSON bar's keys: the key named, and one datetime asked for under one key. */
const keyHint = (passedOver: string, read: string) =>
  `the key "${passedOver}" is not read: of two time keys only the first, "${read}", is; ` +
  "write each bar's date and time of day under one key, as an ISO 8601 datetime such as 2024-03-01T09:30:00 " +
  '(another layout with --date-format, such as "DD/MM/YYYY HH:mm")';

/** The refusal of a time of day read where the date was meant, the date in the column passed over. */
const timeOfDay = (time: string, column: number) =>
  `time "${time}" is a time of day, and the Date column (column ${column}), which holds a date, is not read: ` +
  "of two time columns only the first, Time, is; " +
  "write each bar's date and time of day in one column, as an ISO 8601 datetime such as 2024-03-01T09:30:00 " +
  '(another layout with --date-format, such as "DD/MM/YYYY HH:mm")';

/** The same refusal for a JSON bar whose "time" key, first, holds a time of day beside its "date". */
const keyTimeOfDay = (time: string) =>
  `time "${time}" is a time of day, and the key "date", which holds a date, is not read: ` +
  'of two time keys only the first, "time", is; ' +
  "write each bar's date and time of day under one key, as an ISO 8601 datetime such as 2024-03-01T09:30:00 " +
  '(another layout with --date-format, such as "DD/MM/YYYY HH:mm")';

/** How many times a refusal names --date-format. */
const dateFormatNamed = (stderr: string) => stderr.split("--date-format").length - 1;

/** A detection as a user compares two files' output: its code and confidence (times print as each file writes them). */
function detections(file: string, ...options: string[]): string[] {
  const run = runPatterns("scan", file, "--json", ...options);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return run.stdout
    .trim()
    .split("\n")
    .map((line) => {
      const { pattern, confidence } = JSON.parse(line);
      return `${pattern} ${confidence}`;
    });
}

describe("an intraday file with the date and the time of day in two columns", () => {
  it(
    "is refused at the day's second bar naming the Time column and asking for one datetime column, in scan and stats",
    () => {
      const rows = BARS.map((b) => `${b.date},${b.time},${b.close}`);
      // LF (the column reader hands the file over) and CRLF (the general reader's alone).
      for (const end of ["\n", "\r\n"]) {
        const file = write("ES.csv", `Date,Time,Close${end}${rows.join(end)}${end}`);
        refusedByBoth(
          [file],
          `patterns: ${file}: row 3: time "2024-03-01" is not after the previous bar's "2024-03-01": ${hint(2)}\n`,
        );
      }
      // A long file names the column where its header has it, in the series that repeats a time.
      const long = write(
        "futures.csv",
        `Symbol,Date,Time,Close\nES,2024-03-01,09:30:00,10\nNQ,2024-03-01,09:30:00,20\nNQ,2024-03-01,09:31:00,21\n`,
      );
      const run = runPatterns("scan", long);
      expect(run.status).toBe(2);
      expect(run.stderr).toBe(
        `patterns: ${long}: row 4: time "2024-03-01" is not after the previous bar's "2024-03-01": ${hint(3)}\n`,
      );
    },
    PROCESS_TIMEOUT,
  );

  it(
    "under --date-format, is refused quoting its dates as the file writes them, not as read",
    () => {
      const dayFirst = (date: string) => date.split("-").reverse().join("/");
      const rows = BARS.map((b) => `${dayFirst(b.date)},${b.time},${b.close}`);
      const file = write("ES-day-first.csv", `Date,Time,Close\n${rows.join("\n")}\n`);
      refusedByBoth(
        [file, "--date-format", "DD/MM/YYYY"],
        `patterns: ${file}: row 3: time "01/03/2024" is not after the previous bar's "01/03/2024": ${hint(2)}\n`,
      );
      // In a long file, the series that repeats a time quotes its own rows.
      const long = write(
        "futures-day-first.csv",
        "Symbol,Date,Time,Close\nES,01/03/2024,09:30:00,10\nNQ,02/03/2024,09:30:00,20\nNQ,02/03/2024,09:31:00,21\n",
      );
      expect(runPatterns("scan", long, "--date-format", "DD/MM/YYYY").stderr).toBe(
        `patterns: ${long}: row 4: time "02/03/2024" is not after the previous bar's "02/03/2024": ${hint(3)}\n`,
      );
    },
    PROCESS_TIMEOUT,
  );

  it(
    "as JSON bars with a date key and a time key, is refused at the day's second bar naming the time key",
    () => {
      const file = write("ES.json", JSON.stringify(BARS.map((b) => ({ ...b, close: Number(b.close) }))));
      refusedByBoth(
        [file],
        `patterns: ${file}: row 2: time "2024-03-01" is not after the previous bar's "2024-03-01": ${keyHint("time", "date")}\n`,
      );
      // Keys named as a header's are (in any case), the first with a value read: here the Timestamp.
      const spelled = write(
        "spelled.json",
        JSON.stringify([
          { Timestamp: "2024-03-01", Date: null, TIME: "09:30", Close: 10 },
          { Timestamp: "2024-03-01", Date: null, TIME: "09:31", Close: 11 },
        ]),
      );
      expect(runPatterns("scan", spelled).stderr).toBe(
        `patterns: ${spelled}: row 2: time "2024-03-01" is not after the previous bar's "2024-03-01": ${keyHint("TIME", "Timestamp")}\n`,
      );
      // A bar out of place, or one key of time alone, is refused as before.
      const back = write(
        "back.json",
        '[{"date":"2024-03-02","time":"09:30","close":10},{"date":"2024-03-01","time":"09:31","close":11}]',
      );
      expect(runPatterns("scan", back).stderr).toBe(
        `patterns: ${back}: row 2: time "2024-03-01" is not after the previous bar's "2024-03-02"\n`,
      );
      const alone = write(
        "alone.json",
        '[{"date":"2024-03-01","close":10},{"date":"2024-03-01","close":11}]',
      );
      expect(runPatterns("scan", alone).stderr).toBe(
        `patterns: ${alone}: row 2: time "2024-03-01" is not after the previous bar's "2024-03-01"\n`,
      );
    },
    PROCESS_TIMEOUT,
  );

  it(
    "as JSON bars with a date key and a time key, under --date-format, is refused quoting its dates as written",
    () => {
      const dayFirst = (date: string) => date.split("-").reverse().join("/");
      const file = write(
        "ES-day-first.json",
        JSON.stringify(BARS.map((b) => ({ date: dayFirst(b.date), time: b.time, close: Number(b.close) }))),
      );
      refusedByBoth(
        [file, "--date-format", "DD/MM/YYYY"],
        `patterns: ${file}: row 2: time "01/03/2024" is not after the previous bar's "01/03/2024": ${keyHint("time", "date")}\n`,
      );
      // With the time key first, the time of day is named as without the option, --date-format once.
      const timeFirst = write(
        "time-first-day-first.json",
        '[{"time":"09:30","date":"01/03/2024","close":1},{"time":"09:31","date":"01/03/2024","close":2}]',
      );
      const run = runPatterns("scan", timeFirst, "--date-format", "DD/MM/YYYY");
      expect(run.stderr).toBe(`patterns: ${timeFirst}: row 1: ${keyTimeOfDay("09:30")}\n`);
      expect(dateFormatNamed(run.stderr)).toBe(1);
    },
    PROCESS_TIMEOUT,
  );

  it(
    "under a --date-format of a date and a time of day, is refused at its first bar naming the column or key not read",
    () => {
      const dayFirst = (date: string) => date.split("-").reverse().join("/");
      const rows = BARS.map((b) => `${dayFirst(b.date)},${b.time.slice(0, 5)},${b.close}`);
      const file = write("ES-layout.csv", `Date,Time,Close\n${rows.join("\n")}\n`);
      const layout = "DD/MM/YYYY HH:mm";
      refusedByBoth(
        [file, "--date-format", layout],
        `patterns: ${file}: row 2: time "01/03/2024" does not match --date-format ${layout}: ${hint(2)}\n`,
      );
      const json = write(
        "ES-layout.json",
        JSON.stringify(
          BARS.map((b) => ({ date: dayFirst(b.date), time: b.time.slice(0, 5), close: Number(b.close) })),
        ),
      );
      refusedByBoth(
        [json, "--date-format", layout],
        `patterns: ${json}: row 1: time "01/03/2024" does not match --date-format ${layout}: ${keyHint("time", "date")}\n`,
      );
      // With one time column, a time the layout does not read is refused as before.
      const one = write("one-column.csv", "Date,Close\n01/03/2024,10\n");
      expect(runPatterns("scan", one, "--date-format", layout).stderr).toBe(
        `patterns: ${one}: row 2: time "01/03/2024" does not match --date-format ${layout}\n`,
      );
    },
    PROCESS_TIMEOUT,
  );

  it(
    "as JSON bars with the time key before the date key, is refused at the first bar naming the date key",
    () => {
      const file = write(
        "time-first.json",
        JSON.stringify(BARS.map((b) => ({ time: b.time, date: b.date, close: Number(b.close) }))),
      );
      refusedByBoth([file], `patterns: ${file}: row 1: ${keyTimeOfDay("09:30:00")}\n`);
      // HH:MM as well, the date day first.
      const short = write(
        "short.json",
        '[{"time":"09:30","date":"02/01/2024","close":1},{"time":"09:31","date":"02/01/2024","close":2}]',
      );
      expect(runPatterns("scan", short).stderr).toBe(`patterns: ${short}: row 1: ${keyTimeOfDay("09:30")}\n`);
      // A bad close beside the time of day, or a time of day beside no date, is refused as before.
      const negative = write("negative.json", '[{"time":"09:30","date":"2024-01-02","close":-1}]');
      const run = runPatterns("scan", negative);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/row 1: close -1 /);
      expect(run.stderr).not.toContain("time of day");
      const noDate = write("no-date.json", '[{"time":"09:30","date":null,"close":1}]');
      expect(runPatterns("scan", noDate).stderr).toBe(
        `patterns: ${noDate}: row 1: time "09:30" is not an ISO 8601 date or datetime, nor epoch seconds or milliseconds\n`,
      );
    },
    PROCESS_TIMEOUT,
  );

  it(
    "with its time of day first (Time,Date,Close), is refused at its first bar saying the Date column is not read",
    () => {
      const rows = BARS.map((b) => `${b.time},${b.date},${b.close}`);
      const file = write("ES.csv", `Time,Date,Close\n${rows.join("\n")}\n`);
      refusedByBoth([file], `patterns: ${file}: row 2: ${timeOfDay("09:30:00", 2)}\n`);
      // HH:MM as well, the date day first, and under a --date-format the time of day does not match.
      const short = write("short.csv", "Symbol,Time,Date,Close\nES,09:30,01/03/2024,10\n");
      expect(runPatterns("scan", short).stderr).toBe(`patterns: ${short}: row 2: ${timeOfDay("09:30", 3)}\n`);
      expect(runPatterns("scan", short, "--date-format", "DD/MM/YYYY").stderr).toBe(
        `patterns: ${short}: row 2: ${timeOfDay("09:30", 3)}\n`,
      );
      // A time of day beside no date, or a cell that is no time of day, is refused as before.
      const noDate = write("no-date.csv", "Time,Date,Close\n09:30,,10\n");
      expect(runPatterns("scan", noDate).stderr).toBe(
        `patterns: ${noDate}: row 2: time "09:30" is not an ISO 8601 date or datetime, nor epoch seconds or milliseconds (--date-format reads others)\n`,
      );
      const noTime = write("no-time.csv", "Time,Date,Close\n9h30,2024-03-01,10\n");
      expect(runPatterns("scan", noTime).stderr).toBe(
        `patterns: ${noTime}: row 2: time "9h30" is not an ISO 8601 date or datetime, nor epoch seconds or milliseconds (--date-format reads others)\n`,
      );
    },
    PROCESS_TIMEOUT,
  );

  it(
    "with its time of day first, names --date-format once, given or not",
    () => {
      const file = write("once.csv", "Time,Date,Close\n09:30,01/03/2024,10\n");
      for (const options of [[], ["--date-format", "DD/MM/YYYY"]]) {
        const run = runPatterns("scan", file, ...options);
        expect(run.status, options.join(" ")).toBe(2);
        expect(dateFormatNamed(run.stderr), run.stderr).toBe(1);
      }
    },
    PROCESS_TIMEOUT,
  );

  it(
    "is read once its date and time of day are one column or key, as ISO 8601 or in a layout --date-format names",
    () => {
      const iso = write(
        "iso.csv",
        `Datetime,Close\n${BARS.map((b) => `${b.date}T${b.time},${b.close}`).join("\n")}\n`,
      );
      const dayFirst = (date: string) => date.split("-").reverse().join("/");
      const european = write(
        "european.csv",
        `Datetime,Close\n${BARS.map((b) => `${dayFirst(b.date)} ${b.time.slice(0, 5)},${b.close}`).join("\n")}\n`,
      );
      const found = detections(iso);
      expect(found.length).toBeGreaterThan(0);
      expect(detections(european, "--date-format", "DD/MM/YYYY HH:mm")).toEqual(found);
      // JSON bars so written, under one key, as the refusal of their two keys asks.
      const json = (time: (b: (typeof BARS)[number]) => string) =>
        JSON.stringify(BARS.map((b) => ({ time: time(b), close: Number(b.close) })));
      const isoJson = write(
        "iso.json",
        json((b) => `${b.date}T${b.time}`),
      );
      const europeanJson = write(
        "european.json",
        json((b) => `${dayFirst(b.date)} ${b.time.slice(0, 5)}`),
      );
      expect(detections(isoJson)).toEqual(found);
      expect(detections(europeanJson, "--date-format", "DD/MM/YYYY HH:mm")).toEqual(found);
    },
    PROCESS_TIMEOUT,
  );

  it(
    "is refused as before where the Time column is not why: a bar out of place, a bad close at a day's second bar",
    () => {
      const back = write("back.csv", "Date,Time,Close\n2024-03-02,09:30:00,10\n2024-03-01,09:31:00,11\n");
      expect(runPatterns("scan", back).stderr).toBe(
        `patterns: ${back}: row 3: time "2024-03-01" is not after the previous bar's "2024-03-02"\n`,
      );
      const negative = write(
        "negative.csv",
        "Date,Time,Close\n2024-03-01,09:30:00,10\n2024-03-01,09:31:00,-1\n",
      );
      const run = runPatterns("scan", negative);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/row 3: close -1 /);
      expect(run.stderr).not.toContain("Time column");
      // A daily file with a Time column beside its dates repeats no date: it is read.
      const daily = write(
        "daily.csv",
        `Date,Time,Close\n${CLOSES.map((close, i) => `${new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10)},16:00,${close}`).join("\n")}\n`,
      );
      expect(detections(daily).length).toBeGreaterThan(0);
    },
    PROCESS_TIMEOUT,
  );
});
