import { readFileSync } from "node:fs";
import { WINDOW } from "@stock-patterns/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { randomSeries } from "../../../../core/test/random-series";
import { printed } from "../../../test/printed";
import { SPX_FILE } from "../../../test/run";
import { throughBars } from "../../../test/through-bars";
import { readColumns } from "../../bars";
import { type ScanSettings, scanFile } from "./scan-file";

/** Settings worth comparing: every format, with and without outcomes, screens that cut the scan. */
const SETTINGS: ScanSettings[] = [
  { bandwidth: 1, format: "jsonl", screen: {} },
  { bandwidth: 1, format: "jsonl", screen: {}, outcomes: true },
  { bandwidth: 1, format: "csv", screen: { minConfidence: 60 } },
  { bandwidth: 1.2, format: "csv", screen: { latest: 200 }, outcomes: true },
  { bandwidth: 1, format: "csv", screen: { since: Date.UTC(2010, 0, 1) }, outcomes: true },
  { bandwidth: 1, format: "jsonl", screen: { minConfidence: 70 }, outcomes: true },
  { bandwidth: 1, format: "table", screen: {}, outcomes: true },
  { bandwidth: 1.5, format: "jsonl", screen: { latest: 5 } },
  { bandwidth: 1, format: "jsonl", screen: { latest: 300 }, outcomes: true },
  { bandwidth: 0.6, format: "table", screen: { latest: 40 }, patterns: ["HS", "DTOP", "DBOT"] },
];

/** Cells a Yahoo-style row may lack (yahooCsv): its volume left empty, its open empty, or the row cut before its volume. */
type Absent = "none" | "volume" | "open" | "short";

/**
 * Yahoo-style CSV of `closes` (four decimals, as such files write them), volumes made from the index; every
 * `every`-th row lacks what `absent` says (readSeries reads an empty or missing cell as absent).
 */
function yahooCsv(closes: readonly number[], separator: string, absent: Absent = "none", every = 1): string {
  const head = ["Date", "Open", "High", "Low", "Close", "Adj Close", "Volume"].join(separator);
  const rows = closes.map((close, i) => {
    const price = close.toFixed(4);
    const date = new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const cells = [date, price, price, price, price, price, String(1000 + ((i * 7919) % 5000))];
    if (i % every === 0 && absent === "volume") cells[6] = "";
    if (i % every === 0 && absent === "open") cells[1] = "";
    return (i % every === 0 && absent === "short" ? cells.slice(0, 6) : cells).join(separator);
  });
  return `${head}\n${rows.join("\n")}\n`;
}

describe("the column reader's way through the scan", () => {
  it("prints what the bar path prints for the bundled S&P 500 series, byte for byte", () => {
    const file = readFileSync(SPX_FILE);
    expect(readColumns(file, { symbol: "spx" })?.length).toBe(5105);
    for (const settings of SETTINGS) {
      expect(printed(scanFile(file, { file: "spx.csv", symbol: "spx" }, settings, undefined))).toEqual(
        printed(throughBars(file, "spx", settings)),
      );
    }
  });

  it("prints what the bar path prints for random series, any separator, with or without volumes", () => {
    const input = fc.record({
      series: randomSeries,
      separator: fc.constantFrom(",", ";", "\t"),
      yahoo: fc.boolean(),
      absent: fc.constantFrom<Absent>("none", "volume", "open", "short"),
      every: fc.integer({ min: 1, max: 400 }),
      settings: fc.constantFrom(...SETTINGS),
    });
    fc.assert(
      fc.property(input, ({ series, separator, yahoo, absent, every, settings }) => {
        const closes = series.bars.map((bar) => bar.close);
        const text = yahoo
          ? yahooCsv(closes, separator, absent, every)
          : `Date${separator}Close\n${series.bars.map((b) => `${b.time}${separator}${b.close.toFixed(3)}`).join("\n")}`;
        const file = Buffer.from(text);
        const given = { ...settings, bandwidth: series.bandwidth };
        expect(readColumns(file, { symbol: "R" })?.length).toBe(closes.length);
        expect(printed(scanFile(file, { file: "r.csv", symbol: "R" }, given, undefined))).toEqual(
          printed(throughBars(file, "R", given)),
        );
      }),
      { numRuns: 200, seed: 13 },
    );
  });

  it("reads a bar without a volume, an open or later cells as readSeries does, and scores its windows without volume", () => {
    const closes = Array.from({ length: 1_500 }, (_, i) => 100 + 10 * Math.sin(i / 9) + ((i * 37) % 11) / 10);
    const whole = readColumns(Buffer.from(yahooCsv(closes, ",")), { symbol: "Y" });
    for (const absent of ["volume", "open", "short"] as const) {
      const file = Buffer.from(yahooCsv(closes, ",", absent, 97));
      const series = readColumns(file, { symbol: "Y" });
      expect(series?.length, absent).toBe(closes.length);
      // The bars that lack a volume have none; a window over one of them has no mean volume.
      const lacking = absent === "open" ? [] : [0, 97, 194];
      for (const i of lacking) expect(series?.volume(i), absent).toBeUndefined();
      expect(series?.volume(1)).toBe(whole?.volume(1));
      // WINDOW bars end at bar e: the window ending at 110 holds bar 97, the one ending at 150 none.
      expect(WINDOW).toBeLessThan(50);
      expect(series?.meanVolume(110)).toBe(absent === "open" ? whole?.meanVolume(110) : undefined);
      expect(series?.meanVolume(150)).toBe(whole?.meanVolume(150));
      const settings: ScanSettings = { bandwidth: 1, format: "jsonl", screen: {}, outcomes: true };
      expect(printed(scanFile(file, { file: "y.csv", symbol: "Y" }, settings, undefined))).toEqual(
        printed(throughBars(file, "Y", settings)),
      );
    }
  });

  it("leaves every other file to readSeries", () => {
    const declined = [
      'Date,Close\n"2020-01-02,1"\n',
      'Date,Close\n"2020-01-02"1\n',
      "Date,Close\r\n2020-01-02,1\n2020-01-03,2\r\n",
      "Date,Close\r2020-01-02,1\r",
      "Date,Close\n01577923200,1\n",
      "Date,Close\n1577923200.5,1\n",
      "Date,Close\n1577923200,1\n1578009600000,2\n",
      "Date,Close\n2020-01-02,1\n2020-01-03T00:00,2\n",
      "Date,Close,Symbol\n2020-01-02,1,SPX\n",
      "Date,Close,Volume\n2020-01-02,\n",
      "Date,Close,Volume\n2020-01-02\n",
      "Date,Close\n2020-01-02, 1\n",
      "Date,Close\n2020-01-02,1e2\n",
      "Date,Close\n2020-01-02,0\n",
      "Date,Close\n2020-01-03,1\n2020-01-02,1\n",
      "Date,Close\n2020-02-30,1\n",
      "Date,Close\n",
      "Time,Price\n2020-01-02,1\n",
      "\nDate,Close\n2020-01-02,1\n",
    ];
    for (const text of declined)
      expect(readColumns(Buffer.from(text), { symbol: "X" }), text).toBeUndefined();
    const plain = "\uFEFFDate,Close\n2020-01-02,1\n\n2020-01-03,2";
    expect(readColumns(Buffer.from(plain), { symbol: "X" })?.closes).toEqual(Float64Array.from([1, 2]));
    const quoted = 'Date,"Close"\n"2020-01-02",1\n"2020-01-03",2\n';
    expect(readColumns(Buffer.from(quoted), { symbol: "X" })?.closes).toEqual(Float64Array.from([1, 2]));
    const crlf = "Date,Close\r\n2020-01-02,1\r\n\r\n2020-01-03,2\r\n";
    expect(readColumns(Buffer.from(crlf), { symbol: "X" })?.closes).toEqual(Float64Array.from([1, 2]));
    for (const [first, second] of [
      ["1577923200", "1578009600"],
      ["1577923200000", "1578009600000"],
      ["2020-01-02 09:30", "2020-01-02 09:31"],
    ]) {
      const series = readColumns(Buffer.from(`Date,Close\n${first},1\n${second},2\n`), { symbol: "X" });
      expect([series?.time(0), series?.time(1)]).toEqual([first, second]);
    }
  });
});
