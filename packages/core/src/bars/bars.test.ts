import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { barsErrorOf } from "../../test/bars-error";
import { timeByTheRule } from "../../test/time-rule";
import { barSymbol, jsonBars, parseBarsCsv, parseBarsJson, symbolColumnOf, timeValue } from "./index";

const error = barsErrorOf;

describe("CSV bars", () => {
  it("reads Yahoo headers in any case, keeps time verbatim and ignores Adj Close", () => {
    const bars = parseBarsCsv(
      "DATE,open,HIGH,Low,Close,Adj Close,Volume\n2020-01-02,1,2,0.5,1.5,9,100\n2020-01-03,1.5,2,1,1.8,9,200\n",
    );
    expect(bars).toEqual([
      { time: "2020-01-02", open: 1, high: 2, low: 0.5, close: 1.5, volume: 100 },
      { time: "2020-01-03", open: 1.5, high: 2, low: 1, close: 1.8, volume: 200 },
    ]);
  });

  it("needs only a time column and Close; CRLF and quotes are fine", () => {
    expect(parseBarsCsv('"Time","close"\r\n"2020-01-02T10:00:00Z","3"\r\n')).toEqual([
      { time: "2020-01-02T10:00:00Z", close: 3 },
    ]);
  });

  it("names the row and the problem", () => {
    expect(error(() => parseBarsCsv("Date,Close\n2020-01-02,1\n2020-01-03,\n")).message).toBe(
      "row 3: close is missing",
    );
    expect(error(() => parseBarsCsv("Date,Close\n2020-01-02,abc\n")).message).toBe(
      'row 2: close "abc" is not a number',
    );
    expect(error(() => parseBarsCsv("Date,Close\n2020-01-02,1\n2020-01-02,2\n")).message).toBe(
      'row 3: time "2020-01-02" is not after the previous bar\'s "2020-01-02"',
    );
    // A bidirectional override is quoted escaped, as a control character is: "1\u202e05" would read 150.
    expect(error(() => parseBarsCsv("Date,Close\n2020-01-02,1\u202e05\n")).message).toBe(
      'row 2: close "1\\u202e05" is not a number',
    );
    expect(error(() => parseBarsCsv("Date,Close,Volume\n2020-01-02,1,lots\n")).row).toBe(2);
    // A thousands separator splits the close: refused, not read as 1.
    expect(error(() => parseBarsCsv("Date,Close\n2020-01-02,1,400\n")).message).toBe(
      "row 2: 3 cells where the header has 2",
    );
    expect(parseBarsCsv("Date,Close,Volume\n2020-01-02,1\n2020-01-03,1,2\n")).toHaveLength(2);
    expect(error(() => parseBarsCsv("Date,Close\n2020-13-45,1\n")).message).toMatch(
      /row 2: time "2020-13-45"/,
    );
  });

  it("reads numbers and pads as the CLI does: plain decimals, ASCII spaces and tabs only", () => {
    // The same file must read the same through `npm start --replay` as through `patterns scan`.
    expect(parseBarsCsv("Date , Close\t\n 2020-01-02\t, 1e3 \n")).toEqual([
      { time: "2020-01-02", close: 1000 },
    ]);
    for (const close of ["0x10", "0b1", "1_000", "1e", ".", "\u00a012", "12\ufeff", "12\u2028", "\u300012"])
      expect(error(() => parseBarsCsv(`Date,Close\n2020-01-02,${close}\n`)).message, close).toMatch(
        /^row 2: close ".*" is not a number$/,
      );
    expect(error(() => parseBarsCsv("Date,Close\n\u00a02020-01-02,1\n")).message).toMatch(/^row 2: time "/);
    for (const [header, cell] of [
      ["Date,\u00a0Close", '"\\u00a0Close"'],
      ["Date,Close\ufeff", '"Close\\ufeff"'],
      ["Date\u2028,Close", '"Date\\u2028"'],
    ])
      expect(error(() => parseBarsCsv(`${header}\n2020-01-02,1\n`)).message, header).toBe(
        `row 1: the header's ${cell} is padded by a character other than a space or tab`,
      );
    // So is one with a character that shows nothing beside it or inside it ("Symbol\u200b" was no Symbol).
    for (const [header, cell, said] of [
      ["Date,Close\u200b", '"Close\\u200b"', "is padded by a character other than a space or tab"],
      ["Da\u00adte,Close", '"Da\\u00adte"', "has a character that is not a letter inside a column's name"],
      ["Date,C\u034flose", '"C\\u034flose"', "has a character that is not a letter inside a column's name"],
    ])
      expect(error(() => parseBarsCsv(`${header}\n2020-01-02,1\n`)).message, header).toBe(
        `row 1: the header's ${cell} ${said}`,
      );
    expect(error(() => symbolColumnOf(["Date", "Sym\u2060bol"])).row).toBe(1);
    // A column no reader uses may be spaced as it likes; a long file's Symbol column is named by the same rule.
    expect(parseBarsCsv("Date,Close,\u00a0Note\n2020-01-02,1,x\n")).toEqual([
      { time: "2020-01-02", close: 1 },
    ]);
    expect(symbolColumnOf(["Date", "Close", " SYMBOL\t"])).toBe(2);
    expect(error(() => symbolColumnOf(["Date", "\u00a0Symbol"])).row).toBe(1);
  });

  it("refuses a header that names a number or the symbol twice, and reads the first of two time columns", () => {
    // "Date,Close,close" read the first close and passed over the second, "x" or a price alike.
    expect(error(() => parseBarsCsv("Date,Close,close\n2020-01-02,1,x\n")).message).toBe(
      'row 1: the header names close twice ("Close", column 2, and "close", column 3): one would be read and the other not',
    );
    expect(error(() => parseBarsCsv("Date,Volume,Close, VOLUME \n2020-01-02,1,2,3\n")).message).toBe(
      'row 1: the header names volume twice ("Volume", column 2, and "VOLUME", column 4): one would be read and the other not',
    );
    expect(error(() => symbolColumnOf(["Symbol", "Date", "Close", "symbol"])).message).toBe(
      'row 1: the header names symbol twice ("Symbol", column 1, and "symbol", column 4): one would be read and the other not',
    );
    // A date beside its time of day: the date is read, as before (an intraday file is refused at its
    // second bar of a day, the time named).
    expect(parseBarsCsv("Date,Time,Close\n2020-01-02,00:00,1\n")).toEqual([{ time: "2020-01-02", close: 1 }]);
  });

  it("rejects empty input and a header without Close or time", () => {
    expect(error(() => parseBarsCsv("")).message).toBe("no bars: the input is empty");
    expect(error(() => parseBarsCsv("Date,Close\n")).message).toBe("no bars: the series is empty");
    expect(error(() => parseBarsCsv("Date,Open\n2020-01-02,1\n")).message).toBe(
      "row 1: the header has no Close column",
    );
    expect(error(() => parseBarsCsv("Day,Close\nx,1\n")).message).toBe(
      "row 1: the header has no Date or Time column",
    );
  });
});

describe("JSON bars", () => {
  it("reads time or date, numbers as epoch times, optional fields", () => {
    expect(
      parseBarsJson([
        { date: "2020-01-02", close: 1, volume: 5 },
        { time: "2020-01-03", close: 2 },
      ]),
    ).toEqual([
      { time: "2020-01-02", close: 1, volume: 5 },
      { time: "2020-01-03", close: 2 },
    ]);
    expect(parseBarsJson([{ time: 1_600_000_000, close: 2 }])).toEqual([{ time: "1600000000", close: 2 }]);
    // The names a CSV header takes (barColumns), in any case.
    expect(parseBarsJson([{ DateTime: "2020-01-02T10:00:00Z", Close: 2, VOLUME: 5, " open ": 1 }])).toEqual([
      { time: "2020-01-02T10:00:00Z", close: 2, volume: 5, open: 1 },
    ]);
  });

  it("refuses a bar whose two keys give one number two values, and reads one beside a null or its equal", () => {
    expect(error(() => parseBarsJson([{ time: "2020-01-02", close: 1, Close: 2 }])).message).toBe(
      'row 1: close is given twice, by the keys "close" and "Close": one would be read and the other not',
    );
    expect(parseBarsJson([{ time: "2020-01-02", close: 2, CLOSE: 2 }])).toEqual([
      { time: "2020-01-02", close: 2 },
    ]);
    expect(parseBarsJson([{ time: "2020-01-02", close: null, Close: 2 }])).toEqual([
      { time: "2020-01-02", close: 2 },
    ]);
  });

  it("names the row and the problem", () => {
    expect(error(() => parseBarsJson({})).message).toBe("bars must be a JSON array");
    expect(error(() => parseBarsJson([])).message).toBe("no bars: the series is empty");
    expect(error(() => parseBarsJson([{ time: "2020-01-02" }])).message).toBe("row 1: close is missing");
    expect(error(() => parseBarsJson([{ time: "2020-01-02", close: "1" }])).message).toBe(
      'row 1: close "1" is not a number',
    );
    expect(error(() => parseBarsJson([{ time: "2020-01-02", close: "\u20661\u2069" }])).message).toBe(
      'row 1: close "\\u20661\\u2069" is not a number',
    );
    // Any other value is quoted as its JSON, escaped and cut as a cell is (100,000 numbers were printed whole).
    expect(error(() => parseBarsJson([{ time: "2020-01-02", close: { "\u009b2J\u202e": 1 } }])).message).toBe(
      'row 1: close {"\\u009b2J\\u202e":1} is not a number',
    );
    const many = Array.from({ length: 100_000 }, (_, i) => i);
    expect(error(() => parseBarsJson([{ time: "2020-01-02", close: 1, volume: many }])).message).toBe(
      `row 1: volume ${JSON.stringify(many).slice(0, 40)}... is not a number`,
    );
    expect(error(() => parseBarsJson([{ time: "2020-01-02", close: 1 }, 7])).row).toBe(2);
  });

  it("refuses a key read as a field's name with a character that shows nothing beside or inside it, naming it", () => {
    // "Close\u200b" was a key of no field: alone, "close is missing"; beside a close, ignored.
    const bar = { time: "2020-01-02", close: 1 };
    for (const [key, said] of [
      ["Close\u200b", 'the key "Close\\u200b" is padded by a character other than a space or tab'],
      ["\u00a0time", 'the key "\\u00a0time" is padded by a character other than a space or tab'],
      ["Clo\u00adse", 'the key "Clo\\u00adse" has a character that is not a letter inside a field\'s name'],
      ["vol\u034fume", 'the key "vol\\u034fume" has a character that is not a letter inside a field\'s name'],
    ] as [string, string][]) {
      expect(error(() => parseBarsJson([bar, { time: "2020-01-03", [key]: 2 }])).message, key).toBe(
        `row 2: ${said}`,
      );
      expect(error(() => parseBarsJson([bar, { ...bar, time: "2020-01-03", [key]: 2 }])).message, key).toBe(
        `row 2: ${said}`,
      );
    }
    // A key of no field may be written as it likes, ASCII spaces around one too; jsonBars reads no symbol.
    expect(parseBarsJson([{ ...bar, "note\u00a0": 1, " close\t": 1 }])).toEqual([bar]);
    expect(jsonBars([{ ...bar, "Symbol\u200b": "A" }])).toEqual([bar]);
  });
});

// timeValue against the rule written a second time (test/time-rule.ts).
describe("a name a letter or two off a field the bars do not give", () => {
  it("is refused in a CSV header or a JSON bar's key, beside a field it is near it is passed over", () => {
    expect(barsErrorOf(() => parseBarsCsv("Date,Close,Volumne,Lo\n2024-01-02,10,5,9\n")).message).toBe(
      'row 1: the header\'s "Volumne" (column 3) is no column\'s name (did you mean volume?), and its "Lo" (column 4) is no column\'s name (did you mean low?): they would not be read',
    );
    expect(barsErrorOf(() => parseBarsJson([{ date: "2024-01-02", close: 1, volumne: 5 }])).message).toBe(
      'row 1: the key "volumne" is no field\'s name (did you mean volume?): it would not be read',
    );
    // Yahoo's Adj Close, a Volume beside Volumne, a key of no field: read as before.
    expect(parseBarsCsv("Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,1,2,1,1,1,5\n")).toHaveLength(
      1,
    );
    expect(parseBarsCsv("Date,Close,Volume,Volumne\n2024-01-02,10,5,6\n")).toEqual([
      { time: "2024-01-02", close: 10, volume: 5 },
    ]);
    expect(parseBarsJson([{ date: "2024-01-02", close: 1, Volume: 5, volumne: 6, vwap: 1 }])).toEqual([
      { time: "2024-01-02", close: 1, volume: 5 },
    ]);
  });
});

describe("bars of one series", () => {
  it("refuses a second symbol at its row, in a Symbol column or a JSON bar's symbol key, and reads one symbol in any case", () => {
    // Before, read as one series: refused at row 3 as "time "2024-01-02" is not after the previous bar's".
    const interleaved = "Date,Symbol,Close\n2024-01-02,AAPL,1\n2024-01-02,MSFT,2\n";
    expect(barsErrorOf(() => parseBarsCsv(interleaved))).toMatchObject({
      row: 3,
      message:
        'row 3: symbol "MSFT" where row 2 has "AAPL": these bars are read as one series, and the file holds more than one',
    });
    const oneSymbol = "Date,Symbol,Close\n2024-01-02,AAPL,1\n2024-01-03, aapl,2\n2024-01-04,,3\n";
    expect(parseBarsCsv(oneSymbol).map((bar) => bar.close)).toEqual([1, 2, 3]);
    // Read as the stream stores symbols (storedSymbol, for a symbol's shape only): "ſpy" upper-cases to
    // SPY, but is no symbol the stream would store as SPY.
    expect(
      barsErrorOf(() => parseBarsCsv("Date,Symbol,Close\n2024-01-02,SPY,1\n2024-01-03,\u017fpy,2\n")).row,
    ).toBe(3);
    expect(
      barsErrorOf(() =>
        parseBarsJson([
          { date: "2024-01-02", symbol: "AAPL", close: 1 },
          { date: "2024-01-03", Symbol: "MSFT", close: 2 },
        ]),
      ),
    ).toMatchObject({ row: 2, message: expect.stringContaining('symbol "MSFT" where row 1 has "AAPL"') });
    expect(
      parseBarsJson([
        { date: "2024-01-02", symbol: "AAPL", close: 1 },
        { date: "2024-01-03", SYMBOL: "AAPL", close: 2 },
      ]),
    ).toHaveLength(2);

    // Its symbol key by a header's rule: one a reader sees as "symbol" but which is not is refused at its
    // bar, as a Symbol column so named is at row 1 (it had been passed over, the bars read as one series).
    const day = { date: "2024-01-02", close: 1 };
    for (const key of ["Symbol\u200b", "\u00a0symbol", "Sym\u00adbol"])
      expect(
        barsErrorOf(() =>
          parseBarsJson([
            { ...day, symbol: "AAPL" },
            { ...day, [key]: "MSFT" },
          ]),
        ),
      ).toMatchObject({
        row: 2,
        message: expect.stringMatching(
          /^row 2: the key ".*" (is padded by|has a character that is not a letter inside)/,
        ),
      });
    expect(barsErrorOf(() => barSymbol({ symbol: "AAPL", Symbol: "MSFT" }, 4)).message).toBe(
      'row 4: symbol is given twice, by the keys "symbol" and "Symbol": one would be read and the other not',
    );
    expect(barSymbol({ symbol: "AAPL", " SYMBOL\t": "AAPL", close: 1 }, 1)).toBe("AAPL");
    expect(barSymbol({ symbol: null, Symbol: "MSFT" }, 1)).toBe("MSFT");
    expect(barSymbol({ close: 1, note: "symbol" }, 1)).toBeUndefined();
  });
});

describe("timeValue", () => {
  it("orders ISO dates, datetimes and epoch numbers; NaN for anything else", () => {
    expect(timeValue("2020-01-02")).toBeLessThan(timeValue("2020-01-02T00:00:01Z"));
    expect(timeValue("1700000000")).toBe(1_700_000_000_000);
    for (const text of ["yesterday", "01/02/2020", "Jan 2 2020", "Thu, 02 Jan 2020 00:00:00 GMT", "2020-01"])
      expect(timeValue(text), text).toBeNaN();
    expect(timeValue("")).toBeNaN();
  });

  it("reads short texts by the rule: epoch numbers of digits only, no sign, space, exponent or bare point", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[-0-9.e ]{0,6}$/), (text) => {
        expect(Object.is(timeValue(text), timeByTheRule(text))).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(timeValue("12.5")).toBe(12_500);
    for (const text of [" -12.5 ", "-12.5", "12.", "1e3", " 12", "0x10", "100000000000000000000"])
      expect(timeValue(text), text).toBeNaN();
  });

  it("reads ten-character texts (epoch seconds, read by a path of their own) by the same rule", () => {
    // Mostly digits, with the characters just outside "0".."9" ("/" and ":") among the others.
    const char = fc.oneof(fc.constantFrom(..."0123456789"), fc.constantFrom(..."/:-. e"));
    fc.assert(
      fc.property(fc.array(char, { minLength: 10, maxLength: 10 }), (chars) => {
        const text = chars.join("");
        expect(Object.is(timeValue(text), timeByTheRule(text))).toBe(true);
      }),
      { numRuns: 5000, seed: 13 },
    );
    expect(timeValue("0000000042")).toBe(42_000);
    expect(timeValue("9999999999")).toBe(9_999_999_999_000);
    expect(timeValue("170000000:")).toBeNaN();
    expect(timeValue("/700000000")).toBeNaN();
  });

  it("reads thirteen-character texts (epoch milliseconds, read by a path of their own) by the same rule", () => {
    // Mostly digits, so that a text with one character just outside "0".."9" at any place comes up often.
    const char = fc.oneof(
      { arbitrary: fc.constantFrom(..."0123456789"), weight: 9 },
      { arbitrary: fc.constantFrom(..."/:-. e"), weight: 1 },
    );
    fc.assert(
      fc.property(fc.array(char, { minLength: 13, maxLength: 13 }), (chars) => {
        const text = chars.join("");
        expect(Object.is(timeValue(text), timeByTheRule(text))).toBe(true);
      }),
      { numRuns: 8000, seed: 13 },
    );
    expect(timeValue("0000000000042")).toBe(42_000);
    expect(timeValue("0099999999999")).toBe(99_999_999_999_000);
    expect(timeValue("0100000000000")).toBe(100_000_000_000);
    expect(timeValue("1700000000123")).toBe(1_700_000_000_123);
    expect(timeValue("9999999999999")).toBe(9_999_999_999_999);
    expect(timeValue("170000000000:")).toBeNaN();
    expect(timeValue("/700000000000")).toBeNaN();
  });

  it("reads a YYYY-MM-DD date when it is on the calendar, and no other (2020-02-30 is not 1 March)", () => {
    const pad = (n: number, width: number) => String(n).padStart(width, "0");
    const date = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
      )
      .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
    fc.assert(
      fc.property(date, (text) => {
        expect(Object.is(timeValue(text), timeByTheRule(text))).toBe(true);
      }),
      { numRuns: 5000, seed: 13 },
    );
    for (const text of ["2000-02-29", "2020-12-31", "1970-01-01", "0000-01-01"])
      expect(timeValue(text), text).toBe(Date.parse(text));
    for (const text of ["1900-02-29", "2020-02-30", "2020-13-01", "2020-00-10", "2020-1a-01"])
      expect(timeValue(text), text).toBeNaN();
  });
});
