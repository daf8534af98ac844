// A file of many series, one per symbol: a long CSV file's Symbol column or JSON bars' symbol keys, as a
// database exports a universe by date. Each symbol's bars are a series of their own, validated on their own
// (in order among themselves, whatever the order of the file's rows), every error naming its row in the file.

import { unpadded } from "../contracts/padding";
import type { Bar } from "../types";
import { BarsError, quotedValue } from "./errors";
import { asStored } from "./one-series";
import { validateBars } from "./validate";

/** One symbol's bars in a file of many: `symbol` as its first row wrote it (undefined: the file names none). */
export interface NamedSeries {
  symbol: string | undefined;
  /** The row (1-based, as errors name it) where the file first names this symbol. */
  firstRow: number;
  bars: Bar[];
}

/**
 * The symbol of each row of a file, checked as the rows are read: the first row tells whether the rows
 * name their symbols (a symbol, or none); then each must do as it did. A symbol written in two cases is
 * one symbol, as the stream stores symbols. `series` then splits the file's bars by symbol.
 *
 * @example
 * const symbols = new SymbolsByRow();
 * symbols.check("AAPL", 2); symbols.check("msft", 3); symbols.check("aapl", 4);
 * symbols.series(bars, [2, 3, 4]); // AAPL's two bars, MSFT's one
 */
export class SymbolsByRow {
  /** Each checked row's symbol as stored, in the order checked; undefined until a row is checked. */
  #keys: string[] | undefined;
  #named = false;
  #firstRow = 0;
  readonly #first = new Map<string, { said: string; row: number }>();

  check(given: unknown, row: number): void {
    const said = typeof given === "string" ? unpadded(given) : given;
    const names = said !== undefined && said !== null && said !== "";
    if (this.#keys === undefined) {
      this.#keys = [];
      this.#named = names;
      this.#firstRow = row;
    }
    if (!this.#named) {
      if (names)
        throw new BarsError(
          `symbol ${quotedValue(said)} where row ${this.#firstRow} names none: a file's bars name their symbol on every row or on none`,
          row,
        );
      return;
    }
    if (!names) throw new BarsError("symbol is missing", row);
    if (typeof said !== "string")
      throw new BarsError(`symbol must be a string, not ${quotedValue(said)}`, row);
    const key = asStored(said);
    if (!this.#first.has(key)) this.#first.set(key, { said, row });
    this.#keys.push(key);
  }

  /**
   * The file's bars (`rows[i]` the row of `bars[i]`, every one checked in order) split by symbol, in the
   * order the file first names each, each series validated: the BarsError of the earliest row any series
   * breaks the rules at is thrown. A file naming no symbol is one series of symbol undefined.
   */
  series(bars: Bar[], rows: readonly number[]): NamedSeries[] {
    if (bars.length === 0) return [{ symbol: undefined, firstRow: 1, bars: validateBars(bars) }];
    const keys = this.#named ? (this.#keys ?? []) : undefined;
    const groups = new Map<string | undefined, { bars: Bar[]; rows: number[] }>();
    bars.forEach((bar, i) => {
      const key = keys?.[i];
      let group = groups.get(key);
      if (group === undefined) {
        group = { bars: [], rows: [] };
        groups.set(key, group);
      }
      group.bars.push(bar);
      group.rows.push(rows[i] ?? i + 1);
    });
    let earliest: BarsError | undefined;
    const series: NamedSeries[] = [];
    for (const [key, group] of groups) {
      try {
        validateBars(group.bars, (i) => group.rows[i] ?? i + 1);
      } catch (error) {
        if (!(error instanceof BarsError)) throw error;
        if (earliest === undefined || (error.row ?? 0) < (earliest.row ?? 0)) earliest = error;
        continue;
      }
      const first = key === undefined ? undefined : this.#first.get(key);
      series.push({ symbol: first?.said, firstRow: first?.row ?? group.rows[0] ?? 1, bars: group.bars });
    }
    if (earliest !== undefined) throw earliest;
    return series;
  }
}
