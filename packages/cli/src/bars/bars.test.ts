import { constants } from "node:buffer";
import { BarsError, timeStyle as ruleTimeStyle, SYMBOL_RULE } from "@stock-patterns/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dateFormat, decodeText, readSeries } from "./index";
import { NEWEST_FIRST_ARRAY } from "./newest-first";
import { timeStyle } from "./time";

const read = (text: string, options: Partial<Parameters<typeof readSeries>[1]> = {}) =>
  readSeries(text, { symbol: "SPX", ...options });

function failure(action: () => unknown): BarsError {
  try {
    action();
  } catch (error) {
    return error as BarsError;
  }
  throw new Error("expected a BarsError");
}

describe("CSV bar files", () => {
  it("reads RFC 4180 quoting (a quoted field may hold the separator or a doubled quote)", () => {
    const [series] = read('Date,Note,Close\n2020-01-02,"up, then ""down""",10\n2020-01-03,"",11\n');
    expect(series).toEqual({
      symbol: "SPX",
      bars: [
        { time: "2020-01-02", close: 10 },
        { time: "2020-01-03", close: 11 },
      ],
      rows: [2, 3],
    });
  });

  it("takes a byte order mark, CRLF, CR-only lines and a semicolon separator alike", () => {
    const expected = [{ symbol: "SPX", bars: [{ time: "2020-01-02", close: 10, volume: 5 }], rows: [2] }];
    expect(read("\ufeffDate,Close,Volume\r\n2020-01-02,10,5\r\n")).toEqual(expected);
    expect(read("Date,Close,Volume\r2020-01-02,10,5\r")).toEqual(expected);
    expect(read("Date;Close;Volume\n2020-01-02;10;5\n")).toEqual(expected);
    expect(read("Date|Close|Volume\n2020-01-02|10|5\n", { delimiter: "|" })).toEqual(expected);
    // A separator of one code point outside the BMP, in a file the line reader or Papa Parse reads.
    for (const text of [
      "Date📈Close📈Volume\n2020-01-02📈10📈5\n",
      '"Date"📈Close📈Volume\r\n2020-01-02📈10📈5\r\n',
    ])
      expect(read(text, { delimiter: "📈" }), text).toEqual(expected);
  });

  it("detects a semicolon between two columns, in a short file too, and --delimiter still wins", () => {
    const expected = [{ symbol: "SPX", bars: [{ time: "2020-01-02", close: 10 }], rows: [2] }];
    for (const text of [
      "Date;Close\n2020-01-02;10\n",
      "Date;Close\r\n2020-01-02;10\r\n",
      '"Date";"Close"\n"2020-01-02";10\n',
      "Date\tClose\n2020-01-02\t10\n",
    ])
      expect(read(text), text).toEqual(expected);
    expect(failure(() => read("Date;Close\n2020-01-02;10\n", { delimiter: "," })).message).toBe(
      `row 1: the header has no Date or Time column (its cells split at ",", as --delimiter asks: "Date;Close"); cut at ";", its cells name the columns (Date, Close): give --delimiter ';'`,
    );
  });

  it("cuts the header's quoted cells before a character or an escape the cut would split", () => {
    // Cut at 100 code units before: the escape "\u200b" as "\u20...", the high half of 📈 alone (U+FFFD
    // once written to stderr), the escaped quote \" as a lone backslash.
    const refusal =
      'row 1: the header has no Date or Time column (its cells split at ",", as detected among , ; and tab:';
    const cuts: [cell: string, shown: string][] = [
      [`${"x".repeat(96)}\u200b`, `"${"x".repeat(96)}`],
      [`${"x".repeat(98)}📈`, `"${"x".repeat(98)}`],
      [`${"x".repeat(97)}📈`, `"${"x".repeat(97)}📈`],
      [`${"x".repeat(98)}"`, `"${"x".repeat(98)}`],
    ];
    for (const [cell, shown] of cuts) {
      const { message } = failure(() => read(`"${cell.replaceAll('"', '""')}",Close\n1,2\n`));
      expect(message, shown).toBe(`${refusal} ${shown}...)`);
      expect(message.isWellFormed(), shown).toBe(true);
    }
  });

  it("reads epoch seconds and milliseconds and ISO datetimes with zones", () => {
    expect(read("Time,Close\n1600000000,1\n1600000060,2\n")[0]?.bars).toHaveLength(2);
    expect(read("Time,Close\n1600000000000,1\n1600000060000,2\n")[0]?.bars).toHaveLength(2);
    expect(read("Time,Close\n2020-01-02T10:00:00Z,1\n2020-01-02 11:01:30.5+01:00,2\n")[0]?.bars).toHaveLength(
      2,
    );
  });

  it("refuses times that are not strict, naming the row", () => {
    expect(failure(() => read("Date,Close\n2020-01-02,1\n2020-02-30,2\n")).message).toBe(
      'row 3: time "2020-02-30" is not a date on the calendar',
    );
    expect(failure(() => read("Date,Close\n01/02/2020,1\n")).message).toBe(
      'row 2: time "01/02/2020" is not an ISO 8601 date or datetime, nor epoch seconds or milliseconds (--date-format DD/MM/YYYY or MM/DD/YYYY reads it, whichever order the file writes)',
    );
    expect(failure(() => read("Date,Close\n0x10,1\n")).row).toBe(2);
    expect(failure(() => read("Time,Close\n2020-01-02T25:00,1\n")).message).toMatch(/not a time of day/);
    expect(failure(() => read("Date,Close\n2020-01-02,1\n1600000000,2\n")).message).toBe(
      'row 3: time "1600000000" is an epoch number but the rows before are not',
    );
  });

  it("reads other time formats only when told, and prints them as ISO 8601", () => {
    const bars = read("Date,Close\n31/01/2020,1\n01/02/2020,2\n", { dateFormat: dateFormat("DD/MM/YYYY") })[0]
      ?.bars;
    expect(bars?.map((bar) => bar.time)).toEqual(["2020-01-31", "2020-02-01"]);
    expect(
      read("Date,Close\n20200131 0930,1\n", { dateFormat: dateFormat("YYYYMMDD HHmm") })[0]?.bars[0]?.time,
    ).toBe("2020-01-31T09:30:00");
    expect(
      failure(() => read("Date,Close\n31/02/2020,1\n", { dateFormat: dateFormat("DD/MM/YYYY") })).message,
    ).toBe('row 2: time "31/02/2020" does not match --date-format DD/MM/YYYY');
    expect(() => dateFormat("MM/YYYY")).toThrow(/needs YYYY, MM and DD/);
  });

  it("gives back, from a time read in a --date-format, the text it was read from, which refusals quote", () => {
    const patterns = [
      "DD/MM/YYYY",
      "MM/DD/YYYY HH:mm",
      "YYYYMMDD",
      "YYYY-DD-MM HH:mm:ss",
      "YYYY.MM.DD HH",
      "DDMMYYYYTHHmmssZ",
    ];
    const fields = (iso: string) => ({
      YYYY: iso.slice(0, 4),
      MM: iso.slice(5, 7),
      DD: iso.slice(8, 10),
      HH: iso.slice(11, 13),
      mm: iso.slice(14, 16),
      ss: iso.slice(17, 19),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...patterns),
        fc.date({
          min: new Date("0001-01-01T00:00:00Z"),
          max: new Date("9999-12-31T23:59:59Z"),
          noInvalidDate: true,
        }),
        (pattern, date) => {
          // Digits in place of each token: none holds a token's letters.
          const text = Object.entries(fields(date.toISOString())).reduce(
            (text, [token, digits]) => text.replace(token, digits),
            pattern,
          );
          const format = dateFormat(pattern);
          const iso = format.toIso(text);
          expect(iso, text).toBeDefined();
          expect(format.fromIso(iso ?? ""), text).toBe(text);
        },
      ),
    );
    // What toIso does not write: an epoch number (a JSON bar's), a minute the layout has no place for.
    expect(dateFormat("DD/MM/YYYY").fromIso("1600000000")).toBeUndefined();
    expect(dateFormat("DD/MM/YYYY HH").fromIso("2020-01-31T09:30:00")).toBeUndefined();
    expect(dateFormat("DD/MM/YYYY HH").fromIso("2020-01-31")).toBeUndefined();
    expect(dateFormat("DD/MM/YYYY").fromIso("2020-01-31T09:00:00")).toBeUndefined();
  });

  it("refuses a date format that gives a token twice or holds a character that shows nothing", () => {
    // "YYYY-MM-DD YYYY" read "2020-01-02 1999" as 1999-01-02: the last YYYY kept, the first unseen.
    for (const [pattern, token] of [
      ["YYYY-MM-DD YYYY", "YYYY"],
      ["DD/MM/YYYY HH:mm:mm", "mm"],
      ["MMDDYYYYMM", "MM"],
    ] as [string, string][])
      expect(() => dateFormat(pattern), pattern).toThrow(
        `--date-format gives ${token} twice, got "${pattern}" (each of YYYY, MM, DD, HH, mm and ss is read once)`,
      );
    // "DD/MM/YYYY\u200b" read a time with the same unseen character, which without --date-format is refused.
    for (const [pattern, shown] of [
      ["DD/MM/YYYY\u200b", '"DD/MM/YYYY\\u200b"'],
      ["DD/MM/YYYY\u00a0HH", '"DD/MM/YYYY\\u00a0HH"'],
      ["DD\u034f/MM/YYYY", '"DD\\u034f/MM/YYYY"'],
      ["YYYY-MM-DD\u001b[2K", '"YYYY-MM-DD\\u001b[2K"'],
    ] as [string, string][])
      expect(() => dateFormat(pattern), pattern).toThrow(
        `--date-format needs characters that show, got ${shown} (a control or format character, another that shows nothing, a line separator, or a space other than U+0020, cannot be seen in a time)`,
      );
    // A minute or second without the hour was dropped: "YYYY-MM-DD mm" read "2020-01-02 30" as 2020-01-02.
    for (const [pattern, token] of [
      ["YYYY-MM-DD mm", "mm"],
      ["YYYYMMDD ss", "ss"],
    ] as [string, string][])
      expect(() => dateFormat(pattern), pattern).toThrow(
        `--date-format reads ${token} only with HH, got "${pattern}" (a time of day without its hour is not read)`,
      );
    expect(dateFormat("DD.MM.YYYY HH:mm").toIso("31.01.2020 09:30")).toBe("2020-01-31T09:30:00");
    expect(dateFormat("YYYY-MM-DD HH").toIso("2020-01-02 09")).toBe("2020-01-02T09:00:00");
  });

  it("refuses numbers JavaScript would guess at, and broken quoting, naming the row", () => {
    expect(failure(() => read("Date,Close\n2020-01-02,0x10\n")).message).toBe(
      'row 2: close "0x10" is not a number',
    );
    expect(failure(() => read("Date,Close\n2020-01-02,1\n2020-01-03,\n")).message).toBe(
      "row 3: close is missing",
    );
    expect(failure(() => read('Date,Close\n2020-01-02,1\n2020-01-03,"2\n')).row).toBe(3);
  });

  it("refuses a row of more cells than its header, naming the row, and reads a shorter one", () => {
    // An unquoted thousands separator: 1,400.5 is two cells, and the close would read 1.
    const header = "Date,Open,Close,Volume\n2020-01-02,10,11,500\n";
    for (const text of [
      `${header}2020-01-03,10,1,400.5,500\n`,
      `${header.replaceAll("\n", "\r\n")}2020-01-03,10,11,500,\r\n`,
    ])
      expect(failure(() => read(text)).message).toBe("row 3: 5 cells where the header has 4");
    expect(failure(() => read('Symbol,Date,Close\nA,2020-01-02,"1"\nA,2020-01-03,2,x\n')).message).toBe(
      "row 3: 4 cells where the header has 3",
    );
    // A header ending in CR LF above lines ending in LF alone: those lines read as one row, said so.
    expect(failure(() => read("Date,Close\r\n2020-01-02,1\n2020-01-03,2\n")).message).toBe(
      "row 2: 3 cells where the header has 2: its lines end in LF alone where the file's first line ends in CR LF, so they read as one row; give every line one ending (dos2unix FILE)",
    );
    // A quoted line break in a row of too many cells, under a header ending in LF, is no such case.
    expect(failure(() => read('Date,Close\n2020-01-02,"1\n",2\n')).message).toBe(
      "row 2: 3 cells where the header has 2",
    );
    expect(read(`${header}2020-01-03,10,12\n`)[0]?.bars[1]).toEqual({
      time: "2020-01-03",
      open: 10,
      close: 12,
    });
  });

  it("splits a long file by its Symbol column, in order of first appearance, with each bar's file row", () => {
    const series = read("Symbol,Date,Close\nB,2020-01-02,1\nA,2020-01-02,5\nB,2020-01-03,2\n");
    expect(series.map((s) => [s.symbol, s.bars.length, s.rows])).toEqual([
      ["B", 2, [2, 4]],
      ["A", 1, [3]],
    ]);
  });

  it("holds a Symbol column's values to the API's rule for symbols, naming the row and the value", () => {
    const long = (symbol: string) =>
      `Symbol,Date,Close\nAAPL,2020-01-02,1\n${symbol},2020-01-02,2\nAAPL,2020-01-03,1\n`;
    for (const symbol of ["é", "a b", ".x", "ACME_CORPORATION_DAILY"])
      expect(failure(() => read(long(symbol))).message, symbol).toBe(
        `row 3: ${SYMBOL_RULE} (the Symbol cell gives ${JSON.stringify(symbol)})`,
      );
    // A blank cell is missing, as an empty one is.
    expect(failure(() => read(long(" "))).message).toBe("row 3: symbol is missing");
    expect(read(long("BRK.B")).map((one) => one.symbol)).toEqual(["AAPL", "BRK.B"]);
    expect(read(long("^GSPC")).map((one) => one.symbol)).toEqual(["AAPL", "^GSPC"]);
  });

  it("takes the names a CSV header takes as keys, in any case and with the same time names, each once", () => {
    const names = ["Timestamp", "OPEN", " High ", "low", "Close", "Volume"];
    const row = ["2020-01-02", 1, 2, 0.5, 1.5, 100];
    const fromCsv = read(`${names.join(",")}\n${row.join(",")}\n`)[0]?.bars;
    const fromJson = read(JSON.stringify([Object.fromEntries(names.map((name, i) => [name, row[i]]))]))[0]
      ?.bars;
    expect(fromCsv).toEqual([{ time: "2020-01-02", open: 1, high: 2, low: 0.5, close: 1.5, volume: 100 }]);
    expect(fromJson).toEqual(fromCsv);
    // The time from the first key that names it, as from the first time column; a number given two values
    // is refused, as two columns naming it are (CLOSE's 2 was passed over, the close read as 1).
    expect(read('[{"Date":"2020-01-02","time":"2020-01-03","close":1}]')[0]?.bars).toEqual([
      { time: "2020-01-02", close: 1 },
    ]);
    expect(failure(() => read('[{"Date":"2020-01-02","close":1,"CLOSE":2}]')).message).toBe(
      'row 1: close is given twice, by the keys "close" and "CLOSE": one would be read and the other not',
    );
  });

  it("applies the same strict times to JSON bars", () => {
    expect(read('\ufeff[{"time":"2020-01-02","close":1}]')[0]?.bars).toEqual([
      { time: "2020-01-02", close: 1 },
    ]);
    expect(failure(() => read('[{"time":"2020-01-02","close":1},{"time":"2020-02-30","close":2}]')).row).toBe(
      2,
    );
  });

  it("reads JSON bars' string times in a --date-format layout as it reads CSV cells, and a number as epoch", () => {
    const dayFirst = { dateFormat: dateFormat("DD/MM/YYYY") };
    const fromJson = read('[{"time":"31/01/2020","close":1},{"Date":"01/02/2020","close":2}]', dayFirst)[0];
    expect(fromJson?.bars).toEqual([
      { time: "2020-01-31", close: 1 },
      { time: "2020-02-01", close: 2 },
    ]);
    expect(fromJson?.bars).toEqual(read("Date,Close\n31/01/2020,1\n01/02/2020,2\n", dayFirst)[0]?.bars);
    // A number is no layout's text: epoch seconds or milliseconds, as without the option.
    expect(read('[{"time":1600000000,"close":1},{"time":1600000060,"close":2}]', dayFirst)[0]?.bars).toEqual([
      { time: "1600000000", close: 1 },
      { time: "1600000060", close: 2 },
    ]);
  });

  it("refuses under --date-format a JSON bar's time as a CSV cell's, naming the row and quoting it as written", () => {
    const dayFirst = { dateFormat: dateFormat("DD/MM/YYYY") };
    const refusal = (json: string, format = dayFirst) => failure(() => read(json, format)).message;
    expect(refusal('[{"time":"31/01/2020","close":1},{"time":"2020-02-01","close":2}]')).toBe(
      'row 2: time "2020-02-01" does not match --date-format DD/MM/YYYY',
    );
    // The bars' order, with their times as the file writes them, and newest first said so.
    expect(refusal('[{"time":"31/01/2020","close":1},{"time":"30/01/2020","close":2}]')).toBe(
      'row 2: time "30/01/2020" is not after the previous bar\'s "31/01/2020"',
    );
    const newestFirst = [3, 2, 1].map((day) => ({ time: `0${day}/01/2020`, close: day }));
    expect(refusal(JSON.stringify(newestFirst))).toBe(
      `row 2: time "02/01/2020" is not after the previous bar's "03/01/2020": ${NEWEST_FIRST_ARRAY}`,
    );
    // One way of writing times in a file, as without the option.
    expect(refusal('[{"time":"31/01/2020","close":1},{"time":1600000000,"close":2}]')).toBe(
      'row 2: time "1600000000" is an epoch number but the rows before are not',
    );
    expect(refusal('[{"time":1600000000,"close":1},{"time":"31/01/2020","close":2}]')).toBe(
      'row 2: time "31/01/2020" is in the layout of --date-format DD/MM/YYYY but the rows before are not',
    );
    // A number the rule refuses, though the layout reads its digits: the string it is written as.
    expect(refusal('[{"time":20200102,"close":1}]', { dateFormat: dateFormat("YYYYMMDD") })).toBe(
      `row 1: ${ruleTimeStyle("20200102")} (--date-format YYYYMMDD reads it written as a string, "20200102")`,
    );
    expect(refusal('[{"time":20200102,"close":1}]')).toBe(`row 1: ${ruleTimeStyle("20200102")}`);
  });
});

const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** Whether year `y`, month `m` (1-12) has a day `d`, by the Date object's calendar. */
function exists(y: number, m: number, d: number): boolean {
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d);
  return m >= 1 && m <= 12 && d >= 1 && date.getUTCDate() === d;
}

describe("bare calendar dates", () => {
  it("are ISO exactly when the day exists in that month and year, leap years included", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (y, m, d) => {
          const style = timeStyle(`${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
          expect(style === "iso").toBe(exists(y, m, d));
        },
      ),
      { numRuns: 5_000, seed: 13 },
    );
  });
});

describe("datetimes", () => {
  it("are ISO exactly when the day exists and the time of day is one, at every width the rule allows", () => {
    const datetime = fc.record({
      y: fc.integer({ min: 0, max: 9999 }),
      m: fc.integer({ min: 0, max: 13 }),
      d: fc.integer({ min: 0, max: 32 }),
      between: fc.constantFrom("T", " ", "t"),
      hour: fc.integer({ min: 0, max: 25 }),
      minute: fc.integer({ min: 0, max: 60 }),
      second: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
      fraction: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
      zone: fc.constantFrom("", "Z", "+05:30", "-0800", "z"),
    });
    fc.assert(
      fc.property(datetime, ({ y, m, d, between, hour, minute, second, fraction, zone }) => {
        const seconds =
          second === undefined
            ? ""
            : `:${pad(second, 2)}${fraction === undefined ? "" : `.${"7".repeat(fraction)}`}`;
        const text = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}${between}${pad(hour, 2)}:${pad(minute, 2)}${seconds}${zone}`;
        const fractionOk = second === undefined || fraction === undefined || (fraction >= 1 && fraction <= 9);
        const iso =
          exists(y, m, d) &&
          between !== "t" &&
          zone !== "z" &&
          hour <= 23 &&
          minute <= 59 &&
          (second ?? 0) <= 59 &&
          fractionOk;
        expect(timeStyle(text) === "iso", text).toBe(iso);
      }),
      { numRuns: 5_000, seed: 17 },
    );
  });
});

describe("a file's bytes as text", () => {
  it("refuses, in words, a text longer than a string may be, which had crashed with Node's stack", () => {
    // Not filled: the length is refused before a byte is read, so its pages are never touched.
    const bytes = Buffer.allocUnsafe(constants.MAX_STRING_LENGTH + 1);
    const refused = failure(() => decodeText(bytes));
    expect(refused).toBeInstanceOf(BarsError);
    expect(refused.message).toBe(
      "the input is 512 MiB, more than a file read whole may hold as text (536,870,888 characters, about 512 MiB): split it into smaller files (a folder of a file per symbol reads as one universe)",
    );
    expect(decodeText(Buffer.from("Date,Close\n"))).toBe("Date,Close\n");
  });
});
