// A file of many series: split by its Symbol column or its bars' symbol keys, each series validated on its
// own, every refusal naming its row in the file.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseBarsCsv, parseSeriesCsv } from "./csv";
import { BarsError } from "./errors";
import { parseBarsJson, parseSeriesJson } from "./json";

/** What a parse threw, as its message (a BarsError's, with its row). */
function refusal(parse: () => unknown): string {
  try {
    parse();
  } catch (error) {
    if (error instanceof BarsError) return error.message;
    throw error;
  }
  throw new Error("not refused");
}

const BY_DATE = [
  "Date,Symbol,Close",
  "2024-01-02,AAA,10",
  "2024-01-02,bbb,20",
  "2024-01-03,aaa,11",
  "2024-01-03,BBB,21",
  "2024-01-04,AAA,12",
].join("\n");

describe("parseSeriesCsv", () => {
  it("splits a file by date into a series per symbol, in the order the file first names them, as the stream stores symbols", () => {
    expect(parseSeriesCsv(BY_DATE)).toEqual([
      {
        symbol: "AAA",
        firstRow: 2,
        bars: [
          { time: "2024-01-02", close: 10 },
          { time: "2024-01-03", close: 11 },
          { time: "2024-01-04", close: 12 },
        ],
      },
      {
        symbol: "bbb",
        firstRow: 3,
        bars: [
          { time: "2024-01-02", close: 20 },
          { time: "2024-01-03", close: 21 },
        ],
      },
    ]);
    // The same bars as each symbol's own file.
    const [aaa] = parseSeriesCsv(BY_DATE);
    expect(aaa?.bars).toEqual(parseBarsCsv("Date,Close\n2024-01-02,10\n2024-01-03,11\n2024-01-04,12"));
  });

  it("is one series of no symbol when the file has no Symbol column", () => {
    expect(parseSeriesCsv("Date,Close\n2024-01-02,10\n2024-01-03,11")).toEqual([
      { symbol: undefined, firstRow: 2, bars: parseBarsCsv("Date,Close\n2024-01-02,10\n2024-01-03,11") },
    ]);
  });

  it("refuses a row with no symbol, a bar out of order in its own series, at the earliest row any series breaks the rules", () => {
    expect(refusal(() => parseSeriesCsv(`${BY_DATE}\n2024-01-05,,13`))).toBe("row 7: symbol is missing");
    // BBB's third bar repeats its second's time: its row in the file, not its place in BBB's series.
    expect(refusal(() => parseSeriesCsv(`${BY_DATE}\n2024-01-03,BBB,22`))).toMatch(
      /^row 7: time "2024-01-03"/,
    );
    // Two series out of order: the earlier row is said, though its series comes second in the file.
    const both = `${BY_DATE}\n2024-01-01,BBB,22\n2024-01-01,AAA,9`;
    expect(refusal(() => parseSeriesCsv(both))).toMatch(/^row 7: /);
    expect(refusal(() => parseSeriesCsv("Date,Symbol,Close"))).toBe(
      refusal(() => parseBarsCsv("Date,Close")),
    );
    // A cell that is no number: the same refusal as one series' file.
    expect(refusal(() => parseSeriesCsv("Date,Symbol,Close\n2024-01-02,AAA,ten"))).toBe(
      'row 2: close "ten" is not a number',
    );
  });
});

describe("parseSeriesJson", () => {
  const bars = [
    { date: "2024-01-02", symbol: "AAA", close: 10 },
    { date: "2024-01-02", Symbol: "BBB", close: 20 },
    { date: "2024-01-03", symbol: "AAA", close: 11 },
  ];

  it("splits bars by their symbol keys, each series as its own bars read alone", () => {
    expect(parseSeriesJson(bars)).toEqual([
      { symbol: "AAA", firstRow: 1, bars: parseBarsJson([bars[0], bars[2]]) },
      { symbol: "BBB", firstRow: 2, bars: parseBarsJson([bars[1]]) },
    ]);
    expect(parseSeriesJson([{ date: "2024-01-02", close: 1 }])).toEqual([
      { symbol: undefined, firstRow: 1, bars: parseBarsJson([{ date: "2024-01-02", close: 1 }]) },
    ]);
  });

  it("refuses a bar naming no symbol, or one where the first names none, or a symbol that is not a string", () => {
    expect(refusal(() => parseSeriesJson([...bars, { date: "2024-01-04", close: 12 }]))).toBe(
      "row 4: symbol is missing",
    );
    expect(
      refusal(() =>
        parseSeriesJson([
          { date: "2024-01-02", close: 1 },
          { date: "2024-01-03", symbol: "AAA", close: 1 },
        ]),
      ),
    ).toBe(
      'row 2: symbol "AAA" where row 1 names none: a file\'s bars name their symbol on every row or on none',
    );
    expect(refusal(() => parseSeriesJson([...bars, { date: "2024-01-04", symbol: 7, close: 12 }]))).toBe(
      "row 4: symbol must be a string, not 7",
    );
  });
});

describe("a universe by date, generated", () => {
  it("splits into each symbol's series as its own file reads, whatever days each symbol has and the rows' order within a day", () => {
    const symbols = ["AAA", "BBB", "CCC", "DDD"];
    const day = (d: number) => new Date(Date.UTC(2024, 0, 2 + d)).toISOString().slice(0, 10);
    fc.assert(
      fc.property(
        // Which of 30 days each symbol has a bar on, its close that day, and the order of a day's rows.
        fc.array(fc.tuple(fc.subarray(symbols), fc.integer({ min: 1, max: 999 }), fc.boolean()), {
          minLength: 1,
          maxLength: 30,
        }),
        (days) => {
          const rows = days.flatMap(([present, close, reversed], d) => {
            const these = present.map((symbol, k) => `${day(d)},${symbol},${close + k}`);
            return reversed ? these.reverse() : these;
          });
          fc.pre(rows.length > 0);
          const own = (symbol: string) =>
            rows.filter((row) => row.split(",")[1] === symbol).map((row) => row.replace(`,${symbol},`, ","));
          const expected = [...new Set(rows.map((row) => row.split(",")[1] as string))].map((symbol) => ({
            symbol,
            firstRow: rows.findIndex((row) => row.split(",")[1] === symbol) + 2,
            bars: parseBarsCsv(["Date,Close", ...own(symbol)].join("\n")),
          }));
          expect(parseSeriesCsv(["Date,Symbol,Close", ...rows].join("\n"))).toEqual(expected);
        },
      ),
      { numRuns: 300, seed: 13 },
    );
  });
});

describe("a column of symbols named other than Symbol", () => {
  const file = "Date,Ticker,Close\n2024-01-02,AAA,10\n2024-01-02,BBB,20\n2024-01-03,AAA,11";
  const said =
    'row 3: time "2024-01-02" is not after the previous bar\'s "2024-01-02": the "Ticker" column (column 2) is not read, so the file is read as one series: name it Symbol to read a series per symbol';

  it("is named when the rows it would have split are refused for their order, by the reader of many series", () => {
    expect(refusal(() => parseSeriesCsv(file))).toBe(said);
    // The reader of one series, which would refuse the file's second symbol named Symbol too, names none.
    expect(refusal(() => parseBarsCsv(file))).toBe(said.slice(0, said.indexOf(': the "Ticker"')));
    // Named Symbol, the same rows are a series per symbol.
    expect(parseSeriesCsv(file.replace("Ticker", "Symbol")).map(({ symbol }) => symbol)).toEqual([
      "AAA",
      "BBB",
    ]);
  });

  it("is named for JSON bars whose symbols are under a ticker key, by the reader of many series", () => {
    const bars = [
      { date: "2024-01-02", Ticker: "AAA", close: 10 },
      { date: "2024-01-02", Ticker: "BBB", close: 20 },
    ];
    const key =
      'row 2: time "2024-01-02" is not after the previous bar\'s "2024-01-02": the key "Ticker" is not read, so the bars are read as one series: name it symbol to read a series per symbol';
    expect(refusal(() => parseSeriesJson(bars))).toBe(key);
    // parseBarsJson reads POST /patterns' bars, of the one symbol its body names: no series per symbol to offer.
    expect(refusal(() => parseBarsJson(bars))).toBe(key.slice(0, key.indexOf(': the key "Ticker"')));
    expect(refusal(() => parseSeriesJson(bars.map((bar) => ({ ...bar, symbol: "AAA" }))))).toBe(
      'row 2: time "2024-01-02" is not after the previous bar\'s "2024-01-02"',
    );
  });

  it("is not named for another refusal, nor beside a Symbol column, and one symbol's file with one is read", () => {
    expect(refusal(() => parseSeriesCsv("Date,Ticker,Close\n2024-01-02,AAA,ten"))).toBe(
      'row 2: close "ten" is not a number',
    );
    expect(
      refusal(() => parseSeriesCsv("Date,Symbol,Ticker,Close\n2024-01-02,AAA,X,10\n2024-01-02,AAA,Y,20")),
    ).toBe('row 3: time "2024-01-02" is not after the previous bar\'s "2024-01-02"');
    expect(parseBarsCsv("Date,Ticker,Close\n2024-01-02,AAA,10\n2024-01-03,AAA,11")).toHaveLength(2);
  });
});
