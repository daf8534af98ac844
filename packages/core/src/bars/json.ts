// Reads bars from a JSON array of objects: a time (`time`, `date`, ... as a CSV header names it) and `close`
// required, the rest optional; keys in any case.

import { unpadded } from "../contracts/padding";
import type { Bar } from "../types";
import { didYouMean } from "../words/near-miss";
import {
  absentFieldsMeant,
  barSymbol,
  GIVEN_TWICE,
  keyField,
  type NumericField,
  OPTIONAL_FIELDS,
} from "./columns";
import { BarsError, quotedCell, quotedValue } from "./errors";
import { isJsonObject } from "./json-object";
import { SeriesSymbol } from "./one-series";
import { validateBars } from "./validate";

type BarField = NonNullable<ReturnType<typeof keyField>>;
/** The field a key names on a row (keyField, whose refusal names the row). */
type FieldOf = (key: string, row: number) => BarField | undefined;
/** The optional fields a key of no field is a letter or two off (columns.ts, absentFieldsMeant). */
type MeantOf = (key: string) => readonly NumericField[];

/**
 * A bar object's value of each field, taken from the key naming it (keyField) that holds a value: `time`,
 * `Date` and `TIMESTAMP` alike, the first of several for the time (as a CSV header's first time column).
 * Two keys that give one number two values are refused, as two CSV columns naming it are: one would be
 * read and the other not (the same value twice is read). `fieldOf` caches the names, which repeat from bar to bar.
 */
function fieldValues(record: Record<string, unknown>, row: number, fieldOf: FieldOf, meantOf: MeantOf) {
  const values: Partial<Record<BarField, unknown>> = {};
  const keys: Partial<Record<BarField, string>> = {};
  let unread: [string, readonly NumericField[]][] | undefined;
  for (const key in record) {
    const field = fieldOf(key, row);
    const value = record[key];
    if (field === undefined) {
      const meant = meantOf(key);
      if (meant.length > 0) {
        unread ??= [];
        unread.push([key, meant]);
      }
      continue;
    }
    if (value == null) continue;
    const first = keys[field];
    if (first === undefined) {
      values[field] = value;
      keys[field] = key;
    } else if (field !== "time" && !Object.is(value, values[field]))
      throw new BarsError(
        `${field} is given twice, by the keys ${quotedCell(first)} and ${quotedCell(key)}: ${GIVEN_TWICE}`,
        row,
      );
  }
  const misnamed = (unread ?? []).flatMap(([key, meant]) => {
    const absent = meant.filter((field) => keys[field] === undefined);
    return absent.length === 0 ? [] : [`the key ${quotedCell(key)} is no field's name${didYouMean(absent)}`];
  });
  if (misnamed.length > 0)
    throw new BarsError(
      `${misnamed.join(", and ")}: ${misnamed.length > 1 ? "they" : "it"} would not be read`,
      row,
    );
  return values;
}

/**
 * How a reader takes a JSON bar's time as the file gives it, a string or a number, on `row` (1-based): the
 * text it keeps as the bar's time, or a BarsError naming the row.
 */
export type JsonTimeReader = (time: string | number, row: number) => string;

function barAt(
  item: unknown,
  row: number,
  fieldOf: FieldOf,
  meantOf: MeantOf,
  readTime: JsonTimeReader,
): Bar {
  if (!isJsonObject(item)) throw new BarsError("a bar must be an object with time and close", row);
  const record = fieldValues(item, row, fieldOf, meantOf);
  const time = record.time;
  if (typeof time !== "string" && typeof time !== "number") throw new BarsError("time is missing", row);
  if (record.close === undefined || record.close === null) throw new BarsError("close is missing", row);
  if (typeof record.close !== "number")
    throw new BarsError(`close ${quotedValue(record.close)} is not a number`, row);
  const bar: Bar = { time: readTime(time, row), close: record.close };
  for (const field of OPTIONAL_FIELDS) {
    const value = record[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new BarsError(`${field} ${quotedValue(value)} is not a number`, row);
    }
    bar[field] = value;
  }
  return bar;
}

/**
 * The bars of a JSON value (an array of bar objects), each bar's keys and fields checked and its time as
 * `readTime` takes it (its text, by default), not yet validated: the valid-bar rule, the time rule and the
 * order are validateBars'. A reader of a layout of times (the CLI's --date-format) reads them here, before
 * the time rule would refuse them. Rows are 1-based array positions.
 *
 * @example
 * jsonBars([{ time: "31/01/2020", close: 10 }]) // [{ time: "31/01/2020", close: 10 }]
 */
export function jsonBars(value: unknown, readTime: JsonTimeReader = String): Bar[] {
  if (!Array.isArray(value)) throw new BarsError("bars must be a JSON array");
  // null: a key of no field (one Map lookup per key, the names being few).
  const names = new Map<string, BarField | null>();
  const fieldOf = (key: string, row: number) => {
    let field = names.get(key);
    if (field === undefined) {
      field = keyField(key, row) ?? null;
      names.set(key, field);
    }
    return field ?? undefined;
  };
  const meant = new Map<string, readonly NumericField[]>();
  const meantOf = (key: string) => {
    let fields = meant.get(key);
    if (fields === undefined) {
      fields = absentFieldsMeant(unpadded(key).toLowerCase(), []);
      meant.set(key, fields);
    }
    return fields;
  };
  return value.map((item, index) => barAt(item, index + 1, fieldOf, meantOf, readTime));
}

/**
 * Parses a JSON value (an array of bar objects) into validated bars of one series; rows are 1-based array
 * positions. Each bar's symbol key goes to `symbol`, which refuses a second symbol and keeps the one named.
 *
 * @example
 * parseBarsJson([{ time: "2020-01-02", close: 10 }])
 */
export function parseBarsJson(value: unknown, symbol = new SeriesSymbol()): Bar[] {
  const bars = jsonBars(value);
  const names = new Map<string, boolean>();
  (value as unknown[]).forEach((item, index) => {
    if (!isJsonObject(item)) return;
    symbol.check(barSymbol(item, index + 1, names), index + 1);
  });
  return validateBars(bars);
}
