// A CSV whose first line is a bar, not names (Binance's klines, MetaTrader 4's export): its refusal says the
// file has no header and what one needs, where "the header has no Date or Time column" left a user to
// work out that the numbers it quoted were taken for names.

import { decimalCell, unpadded } from "@stock-patterns/core";
import { timeStyle } from "./time";

/** A value of a bar that is neither a plain decimal nor a time by the bars' rule: 2024.01.02, 00:00, 4/23/2019. */
const DIGITS_BETWEEN_MARKS = /^[0-9]+([./:-][0-9]+)*$/;

/**
 * Whether a row taken for the header holds a bar's values and no name: a cell not empty, and each cell empty, a plain decimal, a
 * time (by the bars' rule) or digits between marks (MetaTrader's 2024.01.02 and 00:00).
 *
 * @example
 * holdsValues(["1704153600000", "42283.58", "", "0"]) // true
 * holdsValues(["<DATE>", "<CLOSE>"]) // false
 */
export function holdsValues(cells: readonly string[]): boolean {
  if (cells.every((raw) => unpadded(raw) === "")) return false;
  return cells.every((raw) => {
    const cell = unpadded(raw);
    if (cell === "" || DIGITS_BETWEEN_MARKS.test(cell)) return true;
    const number = decimalCell(cell);
    return (number !== undefined && !Number.isNaN(number)) || timeStyle(cell) === "iso";
  });
}

/**
 * What the refusal of a file without a header says, around the cells it quotes, for a row of `count` cells.
 *
 * @example
 * withoutHeader(12).after // "; add a first line naming its 12 columns, ..."
 */
export const withoutHeader = (count: number) => ({
  reason: "the file has no header: this row holds values, not column names",
  after:
    `; add a first line naming its ${count} columns, the time's Time (or Date) and the close's Close, as ` +
    "Yahoo's Date,Open,High,Low,Close,Volume (a column of another name is passed over)",
});
