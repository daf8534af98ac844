// Pages through DynamoDB results with an opaque cursor, filling each page, within a read budget, even when a
// filter drops items.

import {
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
  type ScanCommandInput,
} from "@aws-sdk/lib-dynamodb";
import { needsEscaping } from "@stock-patterns/core";
import { PAGE_READ_BUDGET } from "@stock-patterns/core/contracts";
import * as z from "zod";
import { dynamo } from "#aws";

/** A cursor that cannot be decoded, or does not fit the query: the API answers 400. */
export class InvalidCursorError extends Error {
  constructor() {
    super("cursor is not one this API issued for this query");
    this.name = "InvalidCursorError";
  }
}

type Key = Record<string, string | number>;

/**
 * The exact shape of the key a page of one query ends on: the table's key plus the index's, each value
 * checked (a query's fixed partition value must be the query's own). DynamoDB refuses a start key
 * that does not fit the query, so a forged cursor is stopped here instead.
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
  .string()
  .min(1)
  .refine((text) => text.isWellFormed() && !needsEscaping(text))
  .refine((text) => Buffer.byteLength(text) <= 1024);

/**
 * The shape of a cursor with these attributes; every attribute is text (all key attributes of the
 * catalog's tables are strings).
 *
 * @example
 * cursorShape({ alertId: keyText, feed: z.literal("alerts"), createdAt: keyText })
 */
export function cursorShape(attributes: Record<string, z.ZodType<string | number>>): CursorShape {
  return z.strictObject(attributes);
}

/** Encodes a DynamoDB key as an opaque URL-safe cursor. */
export function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** Decodes a cursor from `encodeCursor` that fits `shape`; throws InvalidCursorError for anything else. */
export function decodeCursor(cursor: string, shape: CursorShape): Key {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new InvalidCursorError();
  }
  const parsed = shape.safeParse(value);
  if (!parsed.success) throw new InvalidCursorError();
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
