// Pages through DynamoDB results with an opaque cursor, filling each page, within a read budget, even when a
// filter drops items.

import {
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
  type ScanCommandInput,
} from "@aws-sdk/lib-dynamodb";
import { LAST_INSTANT, needsEscaping, sortableTime } from "@stock-patterns/core";
import { PAGE_READ_BUDGET } from "@stock-patterns/core/contracts";
import * as z from "zod";
import { dynamo } from "#aws";

/** A cursor that cannot be decoded, or does not fit the query: the API answers 400, saying why when it can. */
export class InvalidCursorError extends Error {
  constructor(reason?: string) {
    super(`cursor is not one this API issued for this query${reason ? `: ${reason}` : ""}`);
    this.name = "InvalidCursorError";
  }
}

type Key = Record<string, string | number>;

/**
 * The exact shape of the key a page of one query ends on: the table's key plus the index's, each value
 * checked against what the repositories write there (an id's shape, a time as sort keys hold it, the query's
 * own partition value). DynamoDB refuses a start key that does not fit the query, and takes one that fits
 * but was never written (a sort key of "garbage" starts a newest-first listing over from its newest item,
 * and a client following cursors never ends), so a forged cursor is stopped here instead.
 */
export type CursorShape = z.ZodObject<Record<string, z.ZodType<string | number>>>;

/**
 * A key attribute's text as DynamoDB accepts it in a start key (non-empty, at most 1,024 bytes) and as this
 * API writes keys (ids, ISO times, symbols): well-formed Unicode, with no character a message would escape
 * (needsEscaping: NUL and other controls, format characters, spaces but U+0020). AWS documents a string as
 * UTF-8 encoded text ("STRING: Up to 400KiB of UTF-8 encoded text",
 * https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.aws_dynamodb.AttributeType.html; "Strings are
 * Unicode with UTF-8 binary encoding", https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html):
 * a lone surrogate has no UTF-8 form, and what DynamoDB answers to one is not documented. The local emulator
 * takes one, so a forged cursor holding one is refused here, before any call.
 */
export const keyText = z
  .string({ error: "is not text" })
  .min(1, "is empty")
  .refine(
    (text) => text.isWellFormed() && !needsEscaping(text),
    "holds a character no key holds (a lone surrogate, a control or format character)",
  )
  .refine((text) => Buffer.byteLength(text) <= 1024, "is over 1,024 bytes");

/**
 * A key holding an id of the shape `shape` (core's PATTERN_ID, ALERT_ID), named `what` in the reason a
 * cursor is refused.
 *
 * @example
 * idKey(ALERT_ID, "an alert id").safeParse("zzz").success // false
 */
export const idKey = (shape: RegExp, what: string) =>
  z.string({ error: "is not text" }).regex(shape, `is not ${what}`);

/**
 * A key holding an instant as the repositories write times into keys (core's sortableTime: ISO UTC with
 * milliseconds, 2024-01-02T00:00:00.000Z), nothing else that would sort among them.
 *
 * @example
 * instantKey.safeParse("not a date").success // false
 */
export const instantKey = z
  .string({ error: "is not text" })
  .refine((time) => sortableTime(time) === time, "is not a time as this API stores one (ISO UTC)");

/** Epoch seconds of the last second of 9999 (UTC): the years a time may name (core's LAST_INSTANT). */
const LAST_EPOCH_SECOND = Math.floor(LAST_INSTANT / 1000);

/**
 * A key holding an instant in epoch seconds, as the repositories write a deadline: a whole number of the
 * years 1970 to 9999.
 *
 * @example
 * epochSecondsKey.safeParse(-5).success // false
 */
export const epochSecondsKey = z
  .number({ error: "is not a number" })
  .int("is not a whole number of epoch seconds")
  .min(0, "is not epoch seconds of a time this API stores")
  .max(LAST_EPOCH_SECOND, "is not epoch seconds of a time this API stores");

/**
 * The shape of a cursor with these attributes, no others.
 *
 * @example
 * cursorShape({ alertId: idKey(ALERT_ID, "an alert id"), feed: z.literal("alerts"), createdAt: instantKey })
 */
export function cursorShape(attributes: Record<string, z.ZodType<string | number>>): CursorShape {
  return z.strictObject(attributes);
}

/** Encodes a DynamoDB key as an opaque URL-safe cursor. */
export function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** Why the decoded cursor `value` does not fit its shape, in words: its first problem, `issue`. */
function misfit(value: unknown, issue: z.core.$ZodIssue): string {
  const [field] = issue.path;
  if (issue.code === "unrecognized_keys") return `it holds ${issue.keys.join(", ")}, which it should not`;
  if (field === undefined) return "it is not a key";
  if (!Object.hasOwn(value as object, field)) return `it has no ${String(field)}`;
  return `its ${String(field)} ${issue.message}`;
}

/**
 * Decodes a cursor from `encodeCursor` that fits `shape`; throws InvalidCursorError for anything else, with
 * the first field that does not fit. Its text must be the base64url encodeCursor writes: Buffer skips what
 * base64url does not hold, so `!!!` or a space around an issued cursor read as that cursor, and padding or
 * `+` and `/` as well.
 *
 * @example
 * decodeCursor(page.cursor, shape) // { alertId: "alr_…", feed: "alerts#2", createdAt: "2024-…Z" }
 */
export function decodeCursor(cursor: string, shape: CursorShape): Key {
  let value: unknown;
  try {
    const bytes = Buffer.from(cursor, "base64url");
    if (bytes.toString("base64url") !== cursor) throw new Error("not as encodeCursor writes it");
    value = JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new InvalidCursorError("it is not base64url of JSON");
  }
  const parsed = shape.safeParse(value);
  const [issue] = parsed.error?.issues ?? [];
  if (issue) throw new InvalidCursorError(misfit(value, issue));
  return parsed.data as Key;
}

/** One page of items and the cursor of the next page, if any. */
export interface Page<T> {
  items: T[];
  cursor?: string;
}

/**
 * Runs a Query or Scan until `limit` items passed its filter, the table is exhausted or the page's read
 * budget (core's PAGE_READ_BUDGET) is spent; so a page may hold fewer items than `limit`, even none, and still
 * carry a cursor. The first read asks for `limit` items (an unfiltered page takes one read); each further
 * one asks for twice as many as the one before, within the budget. When a read returns more than needed,
 * the next cursor is the key of the last item returned, so nothing is skipped.
 *
 * @param shape the key a cursor must carry (table key plus index key), see CursorShape.
 */
export async function readPage<T>(
  kind: "query" | "scan",
  input: QueryCommandInput | ScanCommandInput,
  limit: number,
  shape: CursorShape,
  cursor?: string,
): Promise<Page<T>> {
  const keyNames = Object.keys(shape.shape);
  const items: Record<string, unknown>[] = [];
  let startKey: Key | undefined = cursor ? decodeCursor(cursor, shape) : undefined;
  let examined = 0;
  let asked = limit;
  for (let read = 0; read < PAGE_READ_BUDGET.reads; read++) {
    const request = {
      ...input,
      Limit: Math.min(asked, PAGE_READ_BUDGET.items - examined),
      ExclusiveStartKey: startKey,
    };
    const output =
      kind === "query"
        ? await dynamo().send(new QueryCommand(request as QueryCommandInput))
        : await dynamo().send(new ScanCommand(request as ScanCommandInput));
    const found = output.Items ?? [];
    const room = limit - items.length;
    if (found.length > room) {
      items.push(...found.slice(0, room));
      const last = items.at(-1);
      if (last === undefined) throw new RangeError("a page limit must be at least 1");
      return { items: items as T[], cursor: encodeCursor(pick(last, keyNames)) };
    }
    items.push(...found);
    startKey = output.LastEvaluatedKey as Key | undefined;
    examined += output.ScannedCount ?? found.length;
    asked *= 2;
    if (!startKey || items.length === limit || examined >= PAGE_READ_BUDGET.items) break;
  }
  return { items: items as T[], cursor: startKey ? encodeCursor(startKey) : undefined };
}

function pick(item: Record<string, unknown>, names: readonly string[]): Key {
  return Object.fromEntries(names.map((name) => [name, item[name] as string | number]));
}
