// Headers that name a bar's columns in a vendor's own words (MetaTrader 5's <DATE> ... <CLOSE>, Bloomberg's
// PX_LAST): the refusal of such a header says what the names are and how to write them as the CLI reads
// them, where "the header has no Close column" left a user to find out.

import { listed, unpadded } from "@stock-patterns/core";

/** Bloomberg's field mnemonics of a bar, by the column name the CLI reads each as. */
const BLOOMBERG_FIELDS = [
  ["PX_OPEN", "Open"],
  ["PX_HIGH", "High"],
  ["PX_LOW", "Low"],
  ["PX_LAST", "Close"],
  ["PX_VOLUME", "Volume"],
] as const;

/** A name between angle brackets, as MetaTrader 5's export writes each: <DATE>, <CLOSE>, <TICKVOL>. */
const BRACKETED = /^<[A-Za-z_]+>$/;

/**
 * What the refusal of header `cells` adds when they are a vendor's names for a bar's columns; "" else.
 *
 * @example
 * vendorHeaderHint(["<DATE>", "<TIME>", "<CLOSE>"]) // "; these are MetaTrader 5's names, ... sed '1s/[<>]//g' FILE > bars.csv ..."
 * vendorHeaderHint(["Date", "PX_LAST"]) // "; PX_LAST is Bloomberg's name for the last price: name the column Close, ..."
 */
export function vendorHeaderHint(cells: readonly string[]): string {
  const names = cells.map((cell) => unpadded(cell));
  if (names.some((name) => BRACKETED.test(name)))
    return (
      "; these are MetaTrader 5's names, each written between < and >: write the header without them, as " +
      "sed '1s/[<>]//g' FILE > bars.csv does (the Date column is then read, its dates with --date-format YYYY.MM.DD)"
    );
  const upper = new Set(names.map((name) => name.toUpperCase()));
  if (!upper.has("PX_LAST")) return "";
  const given = BLOOMBERG_FIELDS.filter(([field]) => upper.has(field));
  const fields = listed(given.map(([field]) => field));
  const read = listed(given.map(([, name]) => name));
  return given.length === 1
    ? "; PX_LAST is Bloomberg's name for the last price: name the column Close, as the CLI reads it"
    : `; ${fields} are Bloomberg's names (PX_LAST the last price): name them ${read}, as the CLI reads them`;
}
