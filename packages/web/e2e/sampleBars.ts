// Real daily S&P 500 bars from the repository's sample data, as the API's POST /patterns takes them.
import { readFileSync } from "node:fs";
import { join } from "node:path";

const SAMPLE = join(import.meta.dirname, "..", "..", "..", "data", "sp500-2000.csv");

/** One bar of the sample. */
export interface SampleBar {
  time: string;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/**
 * The sample's bars from `from` through `to` (ISO dates, inclusive).
 * @example sampleBars("2000-01-01", "2000-12-31").length // 252
 */
export function sampleBars(from: string, to: string): SampleBar[] {
  const [header = "", ...rows] = readFileSync(SAMPLE, "utf8").trim().split(/\r?\n/);
  const columns = header.split(",");
  const at = (name: string) => columns.indexOf(name);
  return rows.flatMap((row) => {
    const cells = row.split(",");
    const time = cells[at("date")];
    if (time === undefined || time < from || time > to) return [];
    return [
      {
        time,
        open: Number(cells[at("open")]),
        high: Number(cells[at("high")]),
        low: Number(cells[at("low")]),
        close: Number(cells[at("close")]),
        volume: Number(cells[at("volume")]),
      },
    ];
  });
}
