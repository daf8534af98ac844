// Why a JSON bar that the API reads by its exact field names lacks its time or close: it names them
// another way, in a form the `patterns` CLI reads (Date, Close, timestamp) or with Polygon's short keys.

import { listed } from "../words/listed";
import { didYouMean } from "../words/near-miss";
import { absentFieldsMeant, barFieldNamed, NUMERIC_FIELDS } from "./columns";
import { quotedText } from "./errors";
import { isJsonObject } from "./json-object";

/** The fields a bar must have, in the order a message names them. */
const REQUIRED = ["time", "close"] as const;
/**
 * Polygon's (now Massive's) one-letter keys of an aggregate bar, by the field each holds: the API's hint and
 * the CLI's jq rewrite both name them from here.
 */
export const POLYGON_BAR_KEYS = {
  time: "t",
  open: "o",
  high: "h",
  low: "l",
  close: "c",
  volume: "v",
} as const;
/** What the API reads, said at the end of each hint. */
const READ_NAMES = `the API reads only the names ${listed(["time", ...NUMERIC_FIELDS])}, in lower case`;

/**
 * What to tell a caller whose bar lacks `time` or `close` because it names them another way; undefined
 * when it does not (the field is simply missing, the bar has both, or it is no object).
 *
 * @example
 * misnamedBarFields({ Date: "2024-01-02", Close: 5 })
 * // 'time and close are missing: the bar has "Date" and "Close"; the API reads only the names time, close, ...'
 * misnamedBarFields({ t: 1704153600000, c: 5 })
 * // "time and close are missing: the bar has Polygon's short keys t and c; the API reads only ..."
 */
export function misnamedBarFields(bar: unknown): string | undefined {
  if (!isJsonObject(bar)) return undefined;
  const missing = REQUIRED.filter((field) => !Object.hasOwn(bar, field));
  if (missing.length === 0) return undefined;
  const said = `${listed(missing)} ${missing.length > 1 ? "are" : "is"} missing`;
  const keys = Object.keys(bar);
  const named = missing.flatMap((field) => {
    const key = keys.find((name) => name !== field && barFieldNamed(name) === field);
    return key === undefined ? [] : [quotedText(key)];
  });
  if (named.length === missing.length) return `${said}: the bar has ${listed(named)}; ${READ_NAMES}`;
  const polygon = missing.map((field) => POLYGON_BAR_KEYS[field]);
  if (polygon.every((key) => Object.hasOwn(bar, key))) {
    const all = Object.entries(POLYGON_BAR_KEYS).map(([field, key]) => `${key} as ${field}`);
    return `${said}: the bar has Polygon's short keys ${listed(polygon)}; ${READ_NAMES} (send ${listed(all)})`;
  }
  return undefined;
}

/** Every field's name, as the API and the stream read them. */
const FIELD_NAMES: readonly string[] = ["time", ...NUMERIC_FIELDS];

/**
 * What to tell a caller whose bar names a field it lacks another way: a key read as no field that names
 * it in a form the CLI reads (`Volume`, `VOLUME`) or a letter or two off (`volumne`). Such a key was
 * dropped and the bar read without it, its volume (which weighs in a detection's confidence) or a price
 * silently lost. Undefined when there is none: a key naming a field the bar has (`Close` beside `close`),
 * or no field at all (`vwap`, `adjclose`), is still passed over; `others` are keys the caller reads
 * itself (a stream record's `symbol` and `interval`). A missing time or close is misnamedBarFields'.
 *
 * @example
 * misnamedOptionalFields({ time: "2024-01-02", close: 5, Volume: 1200 })
 * // 'the bar's "Volume" is no field (did you mean volume?): fields are named time, close, ...'
 */
export function misnamedOptionalFields(bar: unknown, others: readonly string[] = []): string | undefined {
  if (!isJsonObject(bar)) return undefined;
  const given = Object.keys(bar);
  const misnamed = given.flatMap((key) => {
    if (FIELD_NAMES.includes(key) || others.includes(key)) return [];
    const named = barFieldNamed(key);
    const meant =
      named === undefined
        ? absentFieldsMeant(key, given)
        : named !== "time" && named !== "close" && !given.includes(named)
          ? [named]
          : [];
    return meant.length === 0 ? [] : [`${quotedText(key)} is no field${didYouMean(meant)}`];
  });
  if (misnamed.length === 0) return undefined;
  return `the bar's ${misnamed.join(", and its ")}: fields are named ${listed(FIELD_NAMES)}, in lower case`;
}
