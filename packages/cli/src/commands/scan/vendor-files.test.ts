// Bar files as data vendors export them, through the compiled process: each is read as the same bars in
// Yahoo's layout are, or refused with a line that names the row and says what to do about it.

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROCESS_TIMEOUT, runPatterns } from "../../../test/bin";
import { SPX_FILE } from "../../../test/run";
import { scratchFolder } from "../../../test/scratch";

const { dir, write } = scratchFolder("vendors");

/** The bundled series' last 250 daily bars (April 2019 to April 2020: a detection of most codes). */
interface DailyBar {
  date: string;
  open: string;
  high: string;
  low: string;
  close: string;
  adjClose: string;
  volume: string;
}
const BARS: DailyBar[] = readFileSync(SPX_FILE, "utf8")
  .trimEnd()
  .split("\n")
  .slice(-250)
  .map((line) => {
    const [date = "", open = "", high = "", low = "", close = "", adjClose = "", volume = ""] =
      line.split(",");
    return { date, open, high, low, close, adjClose, volume };
  });

/** The bars in Yahoo Finance's download layout, the one the README documents. */
const yahoo = (bars: readonly DailyBar[]) =>
  `Date,Open,High,Low,Close,Adj Close,Volume\n${bars
    .map((b) => [b.date, b.open, b.high, b.low, b.close, b.adjClose, b.volume].join(","))
    .join("\n")}\n`;

/** A detection as a user compares two files' output: its code, its bars' dates and its confidence. */
function detections(file: string, ...options: string[]): string[] {
  const run = runPatterns("scan", file, "--json", ...options);
  expect(run.stderr).toBe("");
  // Epoch seconds or milliseconds (docs/patterns.md: a number below 10^11 is seconds).
  const day = (time: string) =>
    /^\d+$/.test(time) ? new Date(Number(time) * (Number(time) < 1e11 ? 1000 : 1)).toISOString() : time;
  return run.stdout
    .trim()
    .split("\n")
    .map((line) => {
      const { pattern, start, end, detectedAt, confidence } = JSON.parse(line);
      return [pattern, ...[start, end, detectedAt].map((t) => day(t).slice(0, 10)), confidence].join(" ");
    });
}

const epochSeconds = (date: string, hour = 0) => Date.parse(`${date}T00:00:00Z`) / 1000 + hour * 3600;

describe("vendor files that hold what the README promises", () => {
  it(
    "are read as the same bars in Yahoo's layout: Stooq, TradingView, blank lines, no final line break, huge volumes",
    () => {
      const expected = detections(write("canonical.csv", yahoo(BARS)));
      expect(expected.length).toBeGreaterThan(5);
      const row = (b: DailyBar, time: string, volume = b.volume) =>
        [time, b.open, b.high, b.low, b.close, volume].join(",");
      const files = {
        "stooq.csv": `Date,Open,High,Low,Close,Volume\n${BARS.map((b) => row(b, b.date)).join("\n")}\n`,
        "tv-epoch.csv": `time,open,high,low,close,Volume\n${BARS.map((b) => row(b, `${epochSeconds(b.date, 14)}`)).join("\n")}\n`,
        "tv-offset.csv": `time,open,high,low,close,Volume\n${BARS.map((b) => row(b, `${b.date}T09:30:00-05:00`)).join("\n")}\n`,
        "blank-lines.csv": `${yahoo(BARS).replaceAll("\n", "\r\n")}\r\n\r\n`,
        "no-final-break.csv": yahoo(BARS).trimEnd(),
        "huge-volumes.csv": `Date,Close,Volume\n${BARS.map((b) => `${b.date},${b.close},${b.volume}000000000000`).join("\n")}\n`,
      };
      for (const [name, text] of Object.entries(files))
        expect(detections(write(name, text)), name).toEqual(expected);
    },
    PROCESS_TIMEOUT,
  );
});

/** Polygon's aggregate bars of BARS, as its API's `results` holds them (times in ms at 16:00 New York). */
const polygonBars = () =>
  BARS.map((b) => ({
    v: Number(b.volume),
    vw: Number(b.close),
    o: Number(b.open),
    c: Number(b.close),
    h: Number(b.high),
    l: Number(b.low),
    t: (epochSeconds(b.date) + 4 * 3600) * 1000,
    n: 1000,
  }));

describe("vendor files the CLI refuses, saying what to do", () => {
  it(
    "a file newest first (Alpha Vantage's CSV): the error says so and how to put it oldest first, in scan and stats",
    () => {
      const newest = [...BARS].reverse();
      const alphaVantage = (end: string) =>
        `timestamp,open,high,low,close,volume${end}${newest
          .map((b) => [b.date, b.open, b.high, b.low, b.close, b.volume].join(","))
          .join(end)}${end}`;
      // CRLF as the API sends it (the general reader), and LF (the column reader's, which hands it over).
      for (const end of ["\r\n", "\n"]) {
        const file = write("daily_IBM.csv", alphaVantage(end));
        for (const command of ["scan", "stats"]) {
          const run = runPatterns(command, file);
          expect(run.status).toBe(2);
          expect(run.stderr).toBe(
            `patterns: ${file}: row 3: time "${newest[1]?.date}" is not after the previous bar's "${newest[0]?.date}": ` +
              "the bars are newest first (each row's time is before the one above it); they must be oldest first: " +
              "reverse the rows below the header (on Linux: (head -n 1 FILE; tail -n +2 FILE | tac) > oldest-first.csv)\n",
          );
        }
      }
      // The advice, run as written, gives the file the same bars in Yahoo's layout give.
      const fixed = join(dir, "oldest-first.csv");
      const file = write("daily_IBM.csv", alphaVantage("\r\n"));
      const shell = spawnSync("bash", ["-c", '(head -n 1 "$0"; tail -n +2 "$0" | tac) > "$1"', file, fixed]);
      expect(shell.status).toBe(0);
      expect(detections(fixed)).toEqual(detections(write("canonical.csv", yahoo(BARS))));
    },
    PROCESS_TIMEOUT,
  );

  it(
    "a vendor's names for the columns (MetaTrader 5's <CLOSE>, Bloomberg's PX_LAST): the error says whose they are and how to name them",
    () => {
      const expected = detections(write("canonical.csv", yahoo(BARS)));
      const mt5Rows = BARS.map((b) =>
        [b.date.replaceAll("-", "."), "00:00:00", b.open, b.high, b.low, b.close, "3635", "0", "2"].join(
          "\t",
        ),
      );
      const mt5Header = "<DATE>\t<TIME>\t<OPEN>\t<HIGH>\t<LOW>\t<CLOSE>\t<TICKVOL>\t<VOL>\t<SPREAD>";
      const mt5 = write("EURUSD_Daily.csv", `${mt5Header}\r\n${mt5Rows.join("\r\n")}\r\n`);
      const bloombergHeader = "Date,PX_OPEN,PX_HIGH,PX_LOW,PX_LAST,PX_VOLUME";
      const bloombergRows = BARS.map((b) => [b.date, b.open, b.high, b.low, b.close, b.volume].join(","));
      const bloomberg = write("SPX-bloomberg.csv", `${bloombergHeader}\n${bloombergRows.join("\n")}\n`);
      const lastOnly = write(
        "last.csv",
        `Date,PX_LAST\n${BARS.map((b) => `${b.date},${b.close}`).join("\n")}\n`,
      );
      const cases = [
        [
          mt5,
          "the header has no Date or Time column",
          "; these are MetaTrader 5's names, each written between < and >: write the header without them, as " +
            "sed '1s/[<>]//g' FILE > bars.csv does (the Date column is then read, its dates with --date-format YYYY.MM.DD)",
        ],
        [
          bloomberg,
          "the header has no Close column",
          "; PX_OPEN, PX_HIGH, PX_LOW, PX_LAST and PX_VOLUME are Bloomberg's names (PX_LAST the last price): " +
            "name them Open, High, Low, Close and Volume, as the CLI reads them",
        ],
        [
          lastOnly,
          "the header has no Close column",
          "; PX_LAST is Bloomberg's name for the last price: name the column Close, as the CLI reads it",
        ],
      ] as const;
      for (const [file, reason, hint] of cases)
        for (const command of ["scan", "stats"]) {
          const { stderr } = runPatterns(command, file);
          expect(stderr.startsWith(`patterns: ${file}: row 1: ${reason} (its cells split at `), stderr).toBe(
            true,
          );
          expect(stderr.endsWith(`)${hint}\n`), stderr).toBe(true);
        }
      // What each hint asks for reads the same bars as Yahoo's layout.
      const unbracketed = write(
        "EURUSD_Daily-named.csv",
        `${mt5Header.replace(/[<>]/g, "")}\r\n${mt5Rows.join("\r\n")}\r\n`,
      );
      const run = runPatterns("scan", unbracketed, "--json", "--date-format", "YYYY.MM.DD");
      expect(run.stderr).toBe("");
      expect(run.stdout.trim().split("\n").length).toBe(expected.length);
      const renamed = write(
        "SPX-named.csv",
        `Date,Open,High,Low,Close,Volume\n${bloombergRows.join("\n")}\n`,
      );
      expect(detections(renamed)).toEqual(expected);
      // Names of no vendor: the refusal as before, with nothing added.
      const plain = runPatterns("scan", write("plain.csv", "Date,Price\n2020-01-02,10\n")).stderr;
      expect(plain.endsWith('"Date", "Price")\n'), plain).toBe(true);
    },
    PROCESS_TIMEOUT,
  );

  it(
    "a JSON array newest first: the error says so and how jq turns it, in scan and stats; one bar out of place is named as before",
    () => {
      const asJson = (bars: readonly DailyBar[]) =>
        JSON.stringify(bars.map((b) => ({ date: b.date, open: Number(b.open), close: Number(b.close) })));
      const newest = [...BARS].reverse();
      const file = write("IBM-newest.json", asJson(newest));
      for (const command of ["scan", "stats"])
        expect(runPatterns(command, file).stderr).toBe(
          `patterns: ${file}: row 2: time "${newest[1]?.date}" is not after the previous bar's "${newest[0]?.date}": ` +
            "the bars are newest first (each bar's time is before the one before it); they must be oldest first: " +
            "reverse the array (jq reverse FILE > oldest-first.json)\n",
        );
      // What jq reverse writes (reversed here as jq reverses it) reads as the bars oldest first.
      const oldest = write("IBM-oldest.json", JSON.stringify(JSON.parse(asJson(newest)).reverse()));
      expect(detections(oldest)).toEqual(detections(write("IBM.json", asJson(BARS))));
      const swapped = write(
        "IBM-swapped.json",
        asJson([BARS[0], BARS[2], BARS[1], ...BARS.slice(3)] as DailyBar[]),
      );
      expect(runPatterns("scan", swapped).stderr).toMatch(
        /row 3: time "[-\d]+" is not after the previous bar's "[-\d]+"\n$/,
      );
    },
    PROCESS_TIMEOUT,
  );

  it(
    "a file with one bar out of order: named as before, without calling the file newest first",
    () => {
      const swapped = [BARS[0], BARS[2], BARS[1], ...BARS.slice(3)] as DailyBar[];
      const run = runPatterns("scan", write("swapped.csv", yahoo(swapped)));
      expect(run.stderr).toMatch(/row 4: time "[-\d]+" is not after the previous bar's "[-\d]+"\n$/);
    },
    PROCESS_TIMEOUT,
  );

  it(
    "a file without a header (Binance klines, MetaTrader 4's export): the error says so and what header to add",
    () => {
      const day = (b: DailyBar) => epochSeconds(b.date) * 1000;
      const klines = BARS.map((b) =>
        [
          day(b),
          b.open,
          b.high,
          b.low,
          b.close,
          b.volume,
          day(b) + 86_399_999,
          "1.5",
          "100",
          "0.7",
          "0.8",
          "0",
        ].join(","),
      ).join("\n");
      const binance = write("BTCUSDT-1d-2020-04.csv", `${klines}\n`);
      const metaTrader = write(
        "EURUSD1440.csv",
        `${BARS.map((b) => [b.date.replaceAll("-", "."), "00:00", b.open, b.high, b.low, b.close, "3635"].join(",")).join("\r\n")}\r\n`,
      );
      const first = (file: string) => readFileSync(file, "utf8").split(/\r?\n/)[0]?.split(",") ?? [];
      for (const file of [binance, metaTrader]) {
        const cells = first(file);
        for (const command of ["scan", "stats"]) {
          const run = runPatterns(command, file);
          expect(run.status).toBe(2);
          // The cells between, quoted as for any header refused, cut to a hundred characters.
          const cut = run.stderr.indexOf(
            ` (its cells split at ",", as detected among , ; and tab: "${cells[0]}", `,
          );
          expect(cut).toBeGreaterThan(0);
          expect([run.stderr.slice(0, cut), run.stderr.slice(run.stderr.lastIndexOf(");"))]).toEqual([
            `patterns: ${file}: row 1: the file has no header: this row holds values, not column names`,
            `); add a first line naming its ${cells.length} columns, the time's Time (or Date) and the close's ` +
              "Close, as Yahoo's Date,Open,High,Low,Close,Volume (a column of another name is passed over)\n",
          ]);
        }
      }
      // The header the message asks for, added to Binance's klines: the same bars as in Yahoo's layout.
      const named = write(
        "BTCUSDT-named.csv",
        `Time,Open,High,Low,Close,Volume,Close time,Quote volume,Trades,Taker base,Taker quote,Ignore\n${klines}\n`,
      );
      expect(detections(named)).toEqual(detections(write("canonical.csv", yahoo(BARS))));
    },
    PROCESS_TIMEOUT,
  );
  it(
    "a time written another way (Excel, MetaTrader): the error names the --date-format that reads it, both orders when both do",
    () => {
      const refusal = (file: string, time: string, hint: string) =>
        `patterns: ${file}: row 2: time "${time}" is not an ISO 8601 date or datetime, nor epoch seconds or milliseconds (${hint})\n`;
      const [year, month, day] = (BARS[0] as DailyBar).date.split("-");
      // MetaTrader 4's export with the header the refusal of its headerless file asks for.
      const mt4 = (b: DailyBar) => [
        b.date.replaceAll("-", "."),
        "00:00",
        b.open,
        b.high,
        b.low,
        b.close,
        "3635",
      ];
      const metaTrader = write(
        "EURUSD1440.csv",
        `Date,Time,Open,High,Low,Close,Volume\r\n${BARS.map((b) => mt4(b).join(",")).join("\r\n")}\r\n`,
      );
      const excel = write(
        "excel.csv",
        `Date;Close\n${BARS.map((b) => `${b.date.split("-").reverse().join(".")};${b.close}`).join("\n")}\n`,
      );
      const us = write("us.csv", `Date,Close\n02/01/2020 16:00,3257.85\n`);
      const cases = [
        [metaTrader, `${year}.${month}.${day}`, "--date-format YYYY.MM.DD reads it", "YYYY.MM.DD"],
        [excel, `${day}.${month}.${year}`, "--date-format DD.MM.YYYY reads it", "DD.MM.YYYY"],
        [
          us,
          "02/01/2020 16:00",
          "--date-format DD/MM/YYYY HH:mm or MM/DD/YYYY HH:mm reads it, whichever order the file writes",
        ],
        // A day or month without its leading zero, as a US spreadsheet writes dates: no format reads it;
        // the date with two digits each is shown, with the format that reads that.
        [
          write("short.csv", "Date,Close\n4/23/2019,2933.68\n"),
          "4/23/2019",
          "--date-format reads no month or day of one digit: written 04/23/2019, --date-format MM/DD/YYYY reads it",
        ],
        [
          write("short-both.csv", "Date,Close\n1/2/2020 16:00,3257.85\n"),
          "1/2/2020 16:00",
          "--date-format reads no month or day of one digit: written 01/02/2020 16:00, " +
            "--date-format DD/MM/YYYY HH:mm or MM/DD/YYYY HH:mm reads it, whichever order the file writes",
        ],
        // ISO 8601's order with a one-digit month: written with two digits, it needs no option.
        [
          write("iso-short.csv", "Date,Close\n2019-4-23,2933.68\n"),
          "2019-4-23",
          "a month or day of one digit is not ISO 8601: written 2019-04-23, it is read as it is",
        ],
        // Not a date of one-digit fields: the option alone.
        [write("odd.csv", "Date,Close\n2019/4/123,2933.68\n"), "2019/4/123", "--date-format reads others"],
      ] as const;
      for (const [file, time, hint] of cases)
        for (const command of ["scan", "stats"])
          expect(runPatterns(command, file).stderr, `${command} ${file}`).toBe(refusal(file, time, hint));
      // The format named reads each file as the same bars in Yahoo's layout.
      const expected = detections(write("canonical.csv", yahoo(BARS)));
      for (const [file, , , format] of cases.slice(0, 2)) {
        const run = runPatterns("scan", file as string, "--json", "--date-format", format as string);
        expect(run.stderr).toBe("");
        expect(run.stdout.trim().split("\n").length).toBe(expected.length);
      }
    },
    PROCESS_TIMEOUT,
  );
  it(
    "a number written for a spreadsheet (decimal comma, thousands separators) or Yahoo's null: the error says what it holds and how to write it",
    () => {
      const cases = [
        // Excel saved in a language that writes a decimal comma: a semicolon between cells.
        [
          "Date;Close\n2019-04-23;2933,68\n",
          'close "2933,68" is not a number: it has a decimal comma, and numbers are read with a decimal point and no thousands separators, as 2933.68: save the file so',
        ],
        // Interactive Brokers or Bloomberg in English: thousands separators, each quoted cell whole.
        [
          'Date,Close,Volume\n2019-04-23,"2,933.68","3,635,030,000"\n',
          'close "2,933.68" is not a number: it has thousands separators, and numbers are read with a decimal point and no thousands separators, as 2933.68: save the file so',
        ],
        [
          'Date,Close,Volume\n2019-04-23,2933.68,"3,635,030,000"\n',
          'volume "3,635,030,000" is not a number: it has thousands separators, and numbers are read with a decimal point and no thousands separators, as 3635030000: save the file so',
        ],
        // The same in a language that writes a decimal comma.
        [
          "Date;Close\n2019-04-23;2.933,68\n",
          'close "2.933,68" is not a number: it has a decimal comma and thousands separators, and numbers are read with a decimal point and no thousands separators, as 2933.68: save the file so',
        ],
        // One comma before three digits: a decimal comma or a thousands separator, not told apart.
        [
          "Date;Close\n2019-04-23;2,933\n",
          'close "2,933" is not a number: it has a decimal comma or a thousands separator, and numbers are read with a decimal point and no thousands separators, as 2.933 or 2933: save the file so',
        ],
        // Yahoo Finance's row for a day it has no prices for.
        [
          "Date,Open,High,Low,Close,Adj Close,Volume\n2019-04-23,null,null,null,null,null,null\n",
          'close "null" is not a number: Yahoo Finance writes null on a day it has no prices for; such a row is no bar: delete it (grep -v null FILE > bars.csv)',
        ],
      ];
      for (const [text, reason] of cases) {
        const file = write("spreadsheet.csv", text as string);
        for (const command of ["scan", "stats"])
          expect(runPatterns(command, file).stderr, text).toBe(`patterns: ${file}: row 2: ${reason}\n`);
      }
    },
    PROCESS_TIMEOUT,
  );
  it(
    "Polygon's bars as an array alone: time is missing, and the error says the jq that writes them with the CLI's keys",
    () => {
      const file = write("SPY-results.json", JSON.stringify(polygonBars()));
      for (const command of ["scan", "stats"])
        expect(runPatterns(command, file).stderr).toBe(
          `patterns: ${file}: row 1: time is missing: these bars have Polygon's one-letter keys; write them ` +
            "with the keys the CLI reads, as " +
            "jq '[.[] | {time: .t, open: .o, high: .h, low: .l, close: .c, volume: .v}]' FILE > bars.json does\n",
        );
      // Bars of other keys and no time are refused as before, with no word of Polygon.
      const other = write("other.json", JSON.stringify([{ when: "2020-01-02", c: 10 }]));
      expect(runPatterns("scan", other).stderr).toBe(`patterns: ${other}: row 1: time is missing\n`);
    },
    PROCESS_TIMEOUT,
  );
  it(
    "Polygon's aggregates, an object holding its bars under results: the error says where they are and the jq that writes them as bars",
    () => {
      const results = polygonBars();
      const count = results.length;
      const response = {
        ticker: "SPY",
        queryCount: count,
        resultsCount: count,
        adjusted: true,
        results,
        status: "OK",
        request_id: "6a7e466379af0a71039d60cc78e72282",
        count,
      };
      const file = write("SPY.json", JSON.stringify(response));
      for (const command of ["scan", "stats"])
        expect(runPatterns(command, file).stderr).toBe(
          `patterns: ${file}: row 1: JSON bars must be one array of bar objects ([{"time": ..., "close": ...}, ...]), ` +
            `not an object or JSON Lines: this object holds its bars under "results", as Polygon's aggregates do: ` +
            "write them as an array alone, with the keys the CLI reads, as " +
            "jq '[.results[] | {time: .t, open: .o, high: .h, low: .l, close: .c, volume: .v}]' FILE > bars.json does\n",
        );
      // What that jq filter writes (mapped here as jq maps it): the same bars as in Yahoo's layout.
      const bars = results.map(({ t, o, h, l, c, v }) => ({
        time: t,
        open: o,
        high: h,
        low: l,
        close: c,
        volume: v,
      }));
      expect(detections(write("SPY-bars.json", JSON.stringify(bars)))).toEqual(
        detections(write("canonical.csv", yahoo(BARS))),
      );
    },
    PROCESS_TIMEOUT,
  );
  it(
    "epoch microseconds (Binance's spot klines from 2025): the error says what the digits are and how to write them",
    () => {
      const header =
        "Time,Open,High,Low,Close,Volume,Close time,Quote volume,Trades,Taker base,Taker quote,Ignore";
      const klines = (scale: number) =>
        `${header}\n${BARS.map((b) => {
          const open = epochSeconds(b.date) * scale;
          return [
            open,
            b.open,
            b.high,
            b.low,
            b.close,
            b.volume,
            open + scale * 86_400 - 1,
            "1.5",
            "100",
            "0.7",
            "0.8",
            "0",
          ].join(",");
        }).join("\n")}\n`;
      const file = write("BTCUSDT-1d-2025-01.csv", klines(1_000_000));
      const first = epochSeconds((BARS[0] as DailyBar).date) * 1_000_000;
      for (const command of ["scan", "stats"])
        expect(runPatterns(command, file).stderr).toBe(
          `patterns: ${file}: row 2: time "${first}" is not an ISO 8601 date or datetime, nor epoch seconds or ` +
            "milliseconds (16 digits: epoch microseconds, as Binance writes its spot data from 2025, which no " +
            "--date-format reads: write them as milliseconds, without their last three digits)\n",
        );
      // The same times as milliseconds: the same bars as in Yahoo's layout.
      expect(detections(write("BTCUSDT-ms.csv", klines(1000)))).toEqual(
        detections(write("canonical.csv", yahoo(BARS))),
      );
    },
    PROCESS_TIMEOUT,
  );
  it(
    "a header added with LF above CR LF rows (as echo adds one to MetaTrader's export): the error names the mixed line ends",
    () => {
      const rows = BARS.map((b) => [b.date, b.open, b.high, b.low, b.close, b.volume].join(",")).join("\r\n");
      const file = write("mixed.csv", `Date,Open,High,Low,Close,Volume\n${rows}\r\n`);
      for (const command of ["scan", "stats"])
        expect(runPatterns(command, file).stderr).toBe(
          `patterns: ${file}: row 2: volume "${(BARS[0] as DailyBar).volume}\\r" is not a number: it ends with a ` +
            "carriage return: its line ends in CR LF where the file's first line ends in LF alone; give every line " +
            "one ending (dos2unix FILE)\n",
        );
      // Every line in CR LF: the same bars as in Yahoo's layout.
      const crlf = write("crlf.csv", `Date,Open,High,Low,Close,Volume\r\n${rows}\r\n`);
      expect(detections(crlf)).toEqual(detections(write("canonical.csv", yahoo(BARS))));
    },
    PROCESS_TIMEOUT,
  );
  it(
    "cells separated by a character not detected (|, as some brokers export): the error names it and the --delimiter to give",
    () => {
      const rows = BARS.map((b) => [b.date, b.open, b.high, b.low, b.close, b.volume].join("|")).join("\n");
      const file = write("piped.csv", `Date|Open|High|Low|Close|Volume\n${rows}\n`);
      for (const command of ["scan", "stats"])
        expect(runPatterns(command, file).stderr).toBe(
          `patterns: ${file}: row 1: the header has no Date or Time column (its cells split at ",", as detected ` +
            'among , ; and tab: "Date|Open|High|Low|Close|Volume"); cut at "|", its cells name the columns ' +
            "(Date, Open, High, Low, Close, Volume): give --delimiter '|'\n",
        );
      // Read with the --delimiter it names: the same bars as in Yahoo's layout.
      expect(detections(file, "--delimiter", "|")).toEqual(detections(write("canonical.csv", yahoo(BARS))));
    },
    PROCESS_TIMEOUT,
  );
});
