// Under --date-format each bar's time is read into ISO 8601 before the bars' order is checked; a refusal of
// that order quotes the times as the file writes them, whichever way the file is read, in scan and stats.

import { describe, expect, it } from "vitest";
import { asJsonBars, minuteBarCsv } from "../bench/files";
import { LONG_PROCESS_TIMEOUT, PROCESS_TIMEOUT } from "../test/bin";
import { refusedByBoth } from "../test/refused-by-both";
import { scratchFolder } from "../test/scratch";
import { NEWEST_FIRST } from "./bars/newest-first";

const { write } = scratchFolder("date-format-order");

/** One day's bars, oldest first, as a US export writes them (MM/DD/YYYY). */
const US = "Date,Close\n01/02/2020,10\n01/03/2020,11\n01/06/2020,12\n";
const US_FORMAT = ["--date-format", "MM/DD/YYYY"];

/** A file of `count` one-minute bars (minuteBarCsv's) written "DD/MM/YYYY HH:mm", two bars near its end swapped. */
function minutesSwapped(count: number): { text: string; refused: string } {
  const lines = minuteBarCsv(count, 5)
    .replace(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}):00Z/gm, "$3/$2/$1 $4")
    .split("\n");
  // lines[0] is the header (row 1): lines[k] is row k + 1.
  const k = count - 10;
  [lines[k], lines[k + 1]] = [lines[k + 1] ?? "", lines[k] ?? ""];
  const time = (line = "") => line.split(",")[0];
  return {
    text: lines.join("\n"),
    refused: `row ${k + 2}: time "${time(lines[k + 1])}" is not after the previous bar's "${time(lines[k])}"`,
  };
}
const MINUTE_FORMAT = ["--date-format", "DD/MM/YYYY HH:mm"];

describe("under --date-format, a refusal of the bars' order quotes the times as the file writes them", () => {
  it(
    "in a CSV file with a bar out of place, written newest first, or with its date gone back beside a Time column",
    () => {
      const misplaced = write("misplaced.csv", "Date,Close\n01/02/2020,10\n01/06/2020,11\n01/03/2020,12\n");
      refusedByBoth(
        [misplaced, ...US_FORMAT],
        `patterns: ${misplaced}: row 4: time "01/03/2020" is not after the previous bar's "01/06/2020"\n`,
      );
      const newestFirst = write(
        "newest-first.csv",
        "Date,Close\n01/06/2020,12\n01/03/2020,11\n01/02/2020,10\n",
      );
      refusedByBoth(
        [newestFirst, ...US_FORMAT],
        `patterns: ${newestFirst}: row 3: time "01/03/2020" is not after the previous bar's "01/06/2020": ${NEWEST_FIRST}\n`,
      );
      // A Time column passed over (time-of-day.ts), the date going back rather than repeated: no hint.
      const dateTime = write("date-time.csv", "Date,Time,Close\n01/03/2020,09:30,10\n01/02/2020,09:31,11\n");
      refusedByBoth(
        [dateTime, ...US_FORMAT],
        `patterns: ${dateTime}: row 3: time "01/02/2020" is not after the previous bar's "01/03/2020"\n`,
      );
    },
    LONG_PROCESS_TIMEOUT,
  );

  it(
    "in a long file with a Symbol column, quoting the rows of the series refused",
    () => {
      const long = write(
        "long.csv",
        "Symbol,Date,Close\nAA,01/03/2020,10\nBB,01/03/2020,20\nAA,01/06/2020,11\nBB,01/02/2020,21\n",
      );
      refusedByBoth(
        [long, ...US_FORMAT],
        `patterns: ${long}: row 5: time "01/02/2020" is not after the previous bar's "01/03/2020"\n`,
      );
    },
    PROCESS_TIMEOUT,
  );

  it(
    "from standard input",
    () => {
      const misplaced = US.replace("01/03/2020", "01/07/2020");
      refusedByBoth(
        ["-", ...US_FORMAT],
        `patterns: -: row 4: time "01/06/2020" is not after the previous bar's "01/07/2020"\n`,
        misplaced,
      );
    },
    PROCESS_TIMEOUT,
  );

  it(
    "in a file over a piece and a part (4 MB), read on one thread or offered to two (--jobs 2)",
    () => {
      const { text, refused } = minutesSwapped(80_000);
      expect(text.length).toBeGreaterThan(4 << 20);
      const file = write("MINUTES.csv", text);
      for (const jobs of ["1", "2"])
        refusedByBoth([file, ...MINUTE_FORMAT, "--jobs", jobs], `patterns: ${file}: ${refused}\n`);
      // The same rows as a long file's second symbol.
      const [header, ...rows] = text.trimEnd().split("\n");
      const long = write(
        "LONG.csv",
        `Symbol,${header}\nAA,01/01/2000 00:00,1,1,1,1,1,1\n${rows.map((row) => `BB,${row}`).join("\n")}\n`,
      );
      const longRefused = refused.replace(/^row (\d+)/, (_, row) => `row ${Number(row) + 1}`);
      for (const jobs of ["1", "2"])
        refusedByBoth([long, ...MINUTE_FORMAT, "--jobs", jobs], `patterns: ${long}: ${longRefused}\n`);
    },
    4 * PROCESS_TIMEOUT,
  );

  it(
    "in JSON bars too, whole, from standard input, or over a piece and a part on two threads",
    () => {
      const bars = (times: string[]) => JSON.stringify(times.map((time, i) => ({ time, close: 10 + i })));
      const json = bars(["01/02/2020", "01/06/2020", "01/03/2020"]);
      const refused = 'row 3: time "01/03/2020" is not after the previous bar\'s "01/06/2020"';
      const file = write("misplaced.json", json);
      refusedByBoth([file, ...US_FORMAT], `patterns: ${file}: ${refused}\n`);
      refusedByBoth(["-", ...US_FORMAT], `patterns: -: ${refused}\n`, json);
      const minutes = minutesSwapped(80_000);
      const big = write("MINUTES.json", asJsonBars(minutes.text));
      expect(asJsonBars(minutes.text).length).toBeGreaterThan(4 << 20);
      // A JSON array's row is its bar's place: one less than the CSV's, which counts its header.
      const bigRefused = minutes.refused.replace(/^row (\d+)/, (_, row) => `row ${Number(row) - 1}`);
      refusedByBoth([big, ...MINUTE_FORMAT, "--jobs", "2"], `patterns: ${big}: ${bigRefused}\n`);
    },
    2 * PROCESS_TIMEOUT,
  );

  it(
    "and without --date-format, as written too: ISO 8601",
    () => {
      const iso = write("iso.csv", "Date,Close\n2020-01-02,10\n2020-01-06,11\n2020-01-03,12\n");
      refusedByBoth(
        [iso],
        `patterns: ${iso}: row 4: time "2020-01-03" is not after the previous bar's "2020-01-06"\n`,
      );
    },
    PROCESS_TIMEOUT,
  );
});
