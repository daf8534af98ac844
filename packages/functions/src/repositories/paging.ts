// Pages through DynamoDB results with an opaque cursor, filling each page even when a filter drops items.

import {
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
  type ScanCommandInput,
} from "@aws-sdk/lib-dynamodb";
import { dynamo } from "../aws/clients";

/** A cursor that cannot be decoded: the API answers 400. */
export class InvalidCursorError extends Error {
  constructor() {
    super("cursor is not one this API issued");
    this.name = "InvalidCursorError";
  }
}

type Key = Record<string, string | number>;

/** Encodes a DynamoDB key as an opaque URL-safe cursor. */
export function encodeCursor(key: Key): string {
  return Buffer.from(JSON.stringify(key)).toString("base64url");
}

/** Decodes a cursor from `encodeCursor`; throws InvalidCursorError for anything else. */
export function decodeCursor(cursor: string): Key {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new InvalidCursorError();
  }
  const ok =
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === "string" || typeof v === "number");
  if (!ok || Object.keys(value as object).length === 0) throw new InvalidCursorError();
  return value as Key;
}

/** One page of items and the cursor of the next page, if any. */
export interface Page<T> {
  items: T[];
  cursor?: string;
}

/**
 * Runs a Query or Scan until `limit` items passed its filter or the table is exhausted. When a read
 * returns more than needed, the next cursor is the key of the last item returned, so nothing is skipped.
 *
 * @param keyNames the attributes of the key a cursor must carry (table key plus index key).
 */
export async function readPage<T>(
  kind: "query" | "scan",
  input: QueryCommandInput | ScanCommandInput,
  limit: number,
  keyNames: readonly string[],
  cursor?: string,
): Promise<Page<T>> {
  const items: Record<string, unknown>[] = [];
  let startKey: Key | undefined = cursor ? decodeCursor(cursor) : undefined;
  do {
    const request = { ...input, Limit: limit, ExclusiveStartKey: startKey };
    const output =
      kind === "query"
        ? await dynamo().send(new QueryCommand(request as QueryCommandInput))
        : await dynamo().send(new ScanCommand(request as ScanCommandInput));
    const found = output.Items ?? [];
    const room = limit - items.length;
    if (found.length > room) {
      items.push(...found.slice(0, room));
      const last = items[items.length - 1];
      return { items: items as T[], cursor: encodeCursor(pick(last, keyNames)) };
    }
    items.push(...found);
    startKey = output.LastEvaluatedKey as Key | undefined;
  } while (startKey && items.length < limit);
  return { items: items as T[], cursor: startKey ? encodeCursor(startKey) : undefined };
}

function pick(item: Record<string, unknown>, names: readonly string[]): Key {
  return Object.fromEntries(names.map((name) => [name, item[name] as string | number]));
}

/** Whether an error is DynamoDB's answer to a failed ConditionExpression. */
export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === "ConditionalCheckFailedException";
}
