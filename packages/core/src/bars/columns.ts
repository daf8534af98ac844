// Which column of a bar table (or key of a JSON bar) holds what: Yahoo-style names in any case, a time and
// Close required.

import { unpadded } from "../contracts/padding";
import { didYouMean, nearMisses } from "../words/near-miss";
import { BarsError, quotedCell, withoutEscaped } from "./errors";

const TIME_HEADERS = new Set(["date", "time", "datetime", "timestamp"]);
export const NUMERIC_FIELDS = ["close", "open", "high", "low", "volume"] as const;
export type NumericField = (typeof NUMERIC_FIELDS)[number];

/** Column indexes of a bar table: the time, and each numeric field present. */
export interface BarColumns {
  time: number;
  fields: [NumericField, number][];
}

/**
 * The bar field a column header or a JSON bar's key names (in any case, ASCII spaces and tabs around it ignored): the one
 * list of the names bar input may use, whatever its format. Undefined for a name of no field.
 *
 * @example
 * barFieldNamed(" Timestamp ") // "time"
 * barFieldNamed("CLOSE") // "close"
 */
export function barFieldNamed(name: string): "time" | NumericField | undefined {
  const plain = unpadded(name).toLowerCase();
  if (TIME_HEADERS.has(plain)) return "time";
  return (NUMERIC_FIELDS as readonly string[]).includes(plain) ? (plain as NumericField) : undefined;
}

/** Every name a header cell may give a column a reader uses: times, numbers, a long file's Symbol. */
const KNOWN_HEADERS = new Set<string>([...TIME_HEADERS, ...NUMERIC_FIELDS, "symbol"]);

/**
 * Why a name (unpadded, in lower case) a reader sees as one `used` is not it: padded by a character other
 * than a space or tab (U+00A0, a BOM, U+2028, U+200B), or with one that shows nothing inside it (a soft
 * hyphen, U+034F); undefined for a name that is what a reader sees, or that reads as no used name. `of`
 * says whose name it is: "a column's name".
 */
function unseenInName(name: string, used: (seen: string) => boolean, of: string): string | undefined {
  // U+0020 is no escaped character: "\u00a0 Close" leaves " close".
  const seen = withoutEscaped(name).trim();
  if (seen === name || !used(seen)) return undefined;
  return name.includes(seen)
    ? "is padded by a character other than a space or tab"
    : `has a character that is not a letter inside ${of}`;
}

/**
 * A header cell's name: without the ASCII spaces and tabs around it, in lower case. A name a reader uses
 * padded by any other spacing (U+00A0, a BOM, U+2028), or with a character that shows nothing inside it
 * (U+200B, a soft hyphen), is a BarsError on row 1, not a column of no use: "\u00a0Symbol" or
 * "Symbol\u200b" would otherwise read a long file as one series.
 *
 * @example
 * headerName(" Close\t") // "close"
 * headerName("\u00a0Close") // throws BarsError: row 1: the header's "\u00a0Close" is padded by ...
 * headerName("Clo\u200bse") // throws BarsError: row 1: the header's "Clo\u200bse" has a character ...
 */
export function headerName(cell: string): string {
  const name = unpadded(cell).toLowerCase();
  const unseen = unseenInName(name, (seen) => KNOWN_HEADERS.has(seen), "a column's name");
  if (unseen !== undefined) throw new BarsError(`the header's ${quotedCell(cell)} ${unseen}`, 1);
  return name;
}

/**
 * The bar field a JSON bar's key names (barFieldNamed), by headerName's rule: a key a reader sees as a
 * field's name but which is not one ("Close\u200b", "Clo\u00adse") is a BarsError on `row`, naming the key
 * escaped, not a key of no use (alone it was "close is missing", beside a close it was ignored).
 *
 * @example
 * keyField("Close", 1) // "close"
 * keyField("Close\u200b", 3) // throws BarsError: row 3: the key "Close\u200b" is padded by ...
 */
export function keyField(key: string, row: number): "time" | NumericField | undefined {
  keyName(key, row, (seen) => barFieldNamed(seen) !== undefined);
  return barFieldNamed(key);
}

/**
 * A JSON bar's `key` as read: without ASCII spaces and tabs around it, in lower case; a BarsError on `row`
 * when a reader sees it as a name `used` takes but it is not one (unseenInName), naming the key escaped.
 */
function keyName(key: string, row: number, used: (seen: string) => boolean): string {
  const name = unpadded(key).toLowerCase();
  const unseen = unseenInName(name, used, "a field's name");
  if (unseen !== undefined) throw new BarsError(`the key ${quotedCell(key)} ${unseen}`, row);
  return name;
}

/** The end of the refusal of a field two columns (or two keys of a JSON bar) give: why neither is read. */
export const GIVEN_TWICE = "one would be read and the other not";

/** Whether a JSON bar's `key` names its symbol (barSymbol), refused on `row` when it only seems to. */
const namesSymbol = (key: string, row: number): boolean =>
  keyName(key, row, (seen) => seen === "symbol") === "symbol";

/**
 * The symbol a JSON bar's key gives, the key named by headerName's rule as a CSV header's Symbol column
 * (`symbol`, `Symbol`, ` SYMBOL\t`): undefined when no key names it or its value is null. A key a reader
 * sees as `symbol` but which is not one ("Symbol\u200b") is a BarsError on `row`, as keyField refuses a
 * field's; so are two keys that give it two values. `names` keeps what each key was found to name, for a
 * file's bars, whose keys repeat.
 *
 * @example
 * barSymbol({ Symbol: "AAPL", close: 1 }, 2) // "AAPL"
 * barSymbol({ "Symbol\u200b": "AAPL", close: 1 }, 2) // throws BarsError: row 2: the key "Symbol\u200b" is padded by ...
 */
export function barSymbol(
  bar: Readonly<Record<string, unknown>>,
  row: number,
  names = new Map<string, boolean>(),
): unknown {
  let first: string | undefined;
  let symbol: unknown;
  for (const key in bar) {
    let isSymbol = names.get(key);
    if (isSymbol === undefined) {
      isSymbol = namesSymbol(key, row);
      names.set(key, isSymbol);
    }
    const given = bar[key];
    if (!isSymbol || given == null) continue;
    if (first === undefined) {
      first = key;
      symbol = given;
    } else if (!Object.is(given, symbol))
      throw new BarsError(
        `symbol is given twice, by the keys ${quotedCell(first)} and ${quotedCell(key)}: ${GIVEN_TWICE}`,
        row,
      );
  }
  return symbol;
}

/**
 * The column the header names `name` (headerName's rule) at, or -1; a BarsError on row 1 when two
 * columns give it ("Date,Close,close" read the first and passed over the second, whichever was meant).
 */
function onlyColumn(header: readonly string[], names: readonly (string | undefined)[], name: string): number {
  const first = names.indexOf(name);
  const second = first < 0 ? -1 : names.indexOf(name, first + 1);
  if (second < 0) return first;
  throw new BarsError(
    `the header names ${name} twice (${quotedCell(header[first] ?? "")}, column ${first + 1}, and ${quotedCell(header[second] ?? "")}, column ${second + 1}): ${GIVEN_TWICE}`,
    1,
  );
}

/**
 * The column a long file's Symbol cells are in (headerName's rule), or -1; a BarsError on row 1 when two
 * columns are so named.
 *
 * @example
 * symbolColumnOf(["Symbol", "Date", "Close"]) // 0
 */
export function symbolColumnOf(header: readonly string[]): number {
  return onlyColumn(
    header,
    header.map((cell) => headerName(cell)),
    "symbol",
  );
}

/**
 * Finds the bar columns in a header row (names in any case, ASCII spaces and tabs around them ignored); throws BarsError
 * on row 1 when the time or the Close column is missing, or when two columns name one number (onlyColumn). Of
 * two time columns the first is read: a Date beside its Time of day (an intraday file is then refused at
 * its second bar of a day, the time named; the CLI adds that the Time column is not read and how to give date
 * and time in one: packages/cli/src/bars/time-of-day.ts).
 *
 * @example
 * barColumns(["Date", "Open", "Close"]) // { time: 0, fields: [["close", 2], ["open", 1]] }
 */
export function barColumns(header: readonly string[]): BarColumns {
  const names = header.map((cell) => barFieldNamed(headerName(cell)));
  const time = names.indexOf("time");
  if (time < 0) throw new BarsError("the header has no Date or Time column", 1);
  const fields = NUMERIC_FIELDS.map(
    (field) => [field, onlyColumn(header, names, field)] as [NumericField, number],
  ).filter(([, index]) => index >= 0);
  if (!fields.some(([field]) => field === "close")) throw new BarsError("the header has no Close column", 1);
  const misnamed = header.flatMap((cell, at) => {
    const meant = names[at] === undefined ? absentFieldsMeant(headerName(cell), names) : [];
    return meant.length === 0
      ? []
      : [`${quotedCell(cell)} (column ${at + 1}) is no column's name${didYouMean(meant)}`];
  });
  if (misnamed.length > 0)
    throw new BarsError(
      `the header's ${misnamed.join(", and its ")}: ${misnamed.length > 1 ? "they" : "it"} would not be read`,
      1,
    );
  return { time, fields };
}

/** The fields a bar may lack: every number but its close. */
export const OPTIONAL_FIELDS = NUMERIC_FIELDS.filter(
  (field): field is Exclude<NumericField, "close"> => field !== "close",
);

/**
 * The optional fields (open, high, low, volume) `name`, read as no field, is a letter or two off, of those
 * no other name gives (`given`): `volumne` beside no Volume column was passed over, and every bar read
 * without its volume. A name near a field that is given is another column (a vendor's own).
 */
export function absentFieldsMeant(name: string, given: readonly (string | undefined)[]): NumericField[] {
  return nearMisses(name, OPTIONAL_FIELDS).filter((field) => !given.includes(field)) as NumericField[];
}
