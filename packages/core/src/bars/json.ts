// Reads bars from a JSON array of objects: `time` (or `date`) and `close` required, the rest optional.

import type { Bar } from "../types";
import { BarsError } from "./errors";
import { validateBars } from "./validate";

const OPTIONAL_FIELDS = ["open", "high", "low", "volume"] as const;

function barAt(item: unknown, row: number): Bar {
  if (typeof item !== "object" || item === null || Array.isArray(item)) {
    throw new BarsError("a bar must be an object with time and close", row);
  }
  const record = item as Record<string, unknown>;
  const time = record.time ?? record.date;
  if (typeof time !== "string" && typeof time !== "number") throw new BarsError("time is missing", row);
  if (record.close === undefined || record.close === null) throw new BarsError("close is missing", row);
  if (typeof record.close !== "number")
    throw new BarsError(`close ${JSON.stringify(record.close)} is not a number`, row);
  const bar: Bar = { time: String(time), close: record.close };
  for (const field of OPTIONAL_FIELDS) {
    const value = record[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new BarsError(`${field} ${JSON.stringify(value)} is not a number`, row);
    }
    bar[field] = value;
  }
  return bar;
}

/**
 * Parses a JSON value (an array of bar objects) into validated bars; rows are 1-based array positions.
 *
 * @example
 * parseBarsJson([{ time: "2020-01-02", close: 10 }])
 */
export function parseBarsJson(value: unknown): Bar[] {
  if (!Array.isArray(value)) throw new BarsError("bars must be a JSON array");
  return validateBars(value.map((item, index) => barAt(item, index + 1)));
}
