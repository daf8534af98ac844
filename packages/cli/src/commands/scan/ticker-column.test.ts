// A file of many symbols whose header names their column Ticker (Polygon's flat files, many vendors'
// exports) or sym (kdb+'s), or whose JSON bars name their key ticker, through the compiled process: the column is not read, so the file is one series
// refused at its first bar out of order, and the refusal names the column and how to have it read. Named
// Symbol, the same rows are a series per symbol; a Ticker column of one symbol's file is read as before.

import { describe, expect, it } from "vitest";
import { PROCESS_TIMEOUT, runPatterns } from "../../../test/bin";
import { refusedByBoth } from "../../../test/refused-by-both";
import { scratchFolder } from "../../../test/scratch";

const { write } = scratchFolder("ticker-column");

const hint = (name: string, column: number) =>
  `the "${name}" column (column ${column}) is not read, so the file is read as one series: name it Symbol to read a series per symbol`;

describe("a column of symbols named other than Symbol", () => {
  it(
    "is named when the bars it would have split are refused for their order, by date or by symbol, in scan and stats",
    () => {
      const byDate = write(
        "by-date.csv",
        "Date,Ticker,Close\n2024-01-02,AAA,10\n2024-01-02,BBB,20\n2024-01-03,AAA,11\n",
      );
      refusedByBoth(
        [byDate],
        `patterns: ${byDate}: row 3: time "2024-01-02" is not after the previous bar's "2024-01-02": ${hint("Ticker", 2)}\n`,
      );
      const bySymbol = write(
        "by-symbol.csv",
        "date,close,sym\n2024-01-02,10,AAA\n2024-01-03,11,AAA\n2024-01-02,20,BBB\n",
      );
      refusedByBoth(
        [bySymbol],
        `patterns: ${bySymbol}: row 4: time "2024-01-02" is not after the previous bar's "2024-01-03": ${hint("sym", 3)}\n`,
      );
      // Named Symbol, the same rows are a series per symbol.
      const named = write(
        "named.csv",
        "Date,Symbol,Close\n2024-01-02,AAA,10\n2024-01-02,BBB,20\n2024-01-03,AAA,11\n",
      );
      const run = runPatterns("scan", named, "--json");
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
    },
    PROCESS_TIMEOUT,
  );

  it(
    "is named for JSON bars whose symbols are under a ticker key, and not beside a symbol key",
    () => {
      const bars = [
        { date: "2024-01-02", ticker: "AAA", close: 10 },
        { date: "2024-01-02", ticker: "BBB", close: 20 },
      ];
      const json = write("by-date.json", JSON.stringify(bars));
      refusedByBoth(
        [json],
        `patterns: ${json}: row 2: time "2024-01-02" is not after the previous bar's "2024-01-02": the key "ticker" is not read, so the bars are read as one series: name it symbol to read a series per symbol\n`,
      );
      const both = write("both.json", JSON.stringify(bars.map((bar) => ({ ...bar, symbol: "AAA" }))));
      refusedByBoth(
        [both],
        `patterns: ${both}: row 2: time "2024-01-02" is not after the previous bar's "2024-01-02"\n`,
      );
    },
    PROCESS_TIMEOUT,
  );

  it(
    "is not named for another refusal, nor beside a Symbol column, and a file of one symbol with one is read",
    () => {
      const badClose = write("bad-close.csv", "Date,Ticker,Close\n2024-01-02,AAA,10\n2024-01-03,AAA,ten\n");
      refusedByBoth([badClose], `patterns: ${badClose}: row 3: close "ten" is not a number\n`);
      const both = write("both.csv", "Date,Symbol,Ticker,Close\n2024-01-02,AAA,X,10\n2024-01-02,AAA,Y,20\n");
      refusedByBoth(
        [both],
        `patterns: ${both}: row 3: time "2024-01-02" is not after the previous bar's "2024-01-02"\n`,
      );
      const one = write("AAA.csv", "Date,Ticker,Close\n2024-01-02,AAA,10\n2024-01-03,AAA,11\n");
      const run = runPatterns("scan", one, "--json");
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
    },
    PROCESS_TIMEOUT,
  );
});
