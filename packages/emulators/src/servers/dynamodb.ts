// DynamoDB on one machine: dynalite, in memory or (with a data directory) in LevelDB on disk.

/// <reference path="./modules.d.ts" />

import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import dynalite from "dynalite";
import { answerBeforeClose } from "./answer-before-close";
import { refuseBrowsers } from "./browser-guard";
import { closeIteratorsOnReturn } from "./level-iterators";
import { listen } from "./listen";

/** A running emulator: its endpoint URL and how to stop it. */
export interface Emulator {
  endpoint: string;
  stop(): Promise<void>;
}

/** DynamoDB's emulator, counting the calls it answers (by operation) so benchmarks can report them. */
export interface DynamoDbEmulator extends Emulator {
  /** Requests answered so far, by operation (PutItem, GetItem, ...). */
  calls(): Record<string, number>;
  /**
   * The single-item writes (PutItem, UpdateItem, DeleteItem) answered so far on `table`, by the item's key
   * (its key attributes' values, joined by "#"), each counted by operation and by whether it was made or
   * refused (a failed condition): what reaches one item and, for the made ones, its index entries. Only
   * for an emulator started with `trackItemWrites` (throws otherwise).
   */
  itemWrites(table: string): Map<string, ItemWrites>;
}

/** How the DynamoDB emulator is started, beyond where it keeps its tables and listens. */
export interface DynamoDbOptions {
  /**
   * Keep every single-item write for itemWrites (tests and benchmarks that count writes per item). Off by
   * default: each write is parsed again and kept for the emulator's life, about 35 µs of CPU and 155
   * bytes of memory a write here, which a long local run would only pile up.
   */
  trackItemWrites?: boolean;
}

/** One item's single-item writes, by operation: those made, and those refused. */
export interface ItemWrites {
  made: Record<string, number>;
  refused: Record<string, number>;
  /**
   * The top-level attributes each made write named, in order: a PutItem's or DeleteItem's every attribute
   * (all of the item is written or gone; a DeleteItem's as its key names them), an UpdateItem's those its
   * UpdateExpression sets, removes, adds to or deletes from. An index whose keys and projected attributes
   * are none of them is not written by it (docs/capacity.md).
   */
  madeAttributes: string[][];
}

/** The top-level attributes an UpdateExpression writes: each SET, REMOVE, ADD and DELETE action's path. */
export function updatedAttributes(expression: string, names: Record<string, string> = {}): string[] {
  const written = new Set<string>();
  const clauses = expression.split(/(?<![\w#:])(SET|REMOVE|ADD|DELETE)(?=\s)/i).slice(1);
  for (let i = 0; i < clauses.length; i += 2) {
    const clause = (clauses[i] ?? "").toUpperCase();
    let depth = 0;
    let start = 0;
    const body = clauses[i + 1] ?? "";
    const actions: string[] = [];
    for (let at = 0; at <= body.length; at++) {
      const char = body[at];
      if (char === "(") depth++;
      if (char === ")") depth--;
      if (at === body.length || (char === "," && depth === 0)) {
        actions.push(body.slice(start, at).trim());
        start = at + 1;
      }
    }
    for (const action of actions.filter(Boolean)) {
      const path = clause === "SET" ? action.split("=")[0] : action.split(/\s+/)[0];
      const top = (path ?? "").trim().split(/[.[]/)[0] ?? "";
      written.add(names[top] ?? top);
    }
  }
  return [...written];
}

const ITEM_WRITES = new Set(["PutItem", "UpdateItem", "DeleteItem"]);

/** The attributes a made single-item write names (ItemWrites.madeAttributes). */
function writtenAttributes(
  operation: string,
  body: { Key?: object; Item?: object; UpdateExpression?: string; ExpressionAttributeNames?: object },
): string[] {
  if (operation === "PutItem") return Object.keys(body.Item ?? {});
  if (operation === "DeleteItem") return Object.keys(body.Key ?? {});
  return updatedAttributes(
    body.UpdateExpression ?? "",
    (body.ExpressionAttributeNames ?? {}) as Record<string, string>,
  );
}

/** The item a single-item write names, "#"-joined key values; the keys of an Item are not known here. */
function writtenKey(operation: string, body: { Key?: object; Item?: object }, keyNames?: string[]) {
  const attributes = (operation === "PutItem" ? body.Item : body.Key) as
    | Record<string, Record<string, string>>
    | undefined;
  const names = keyNames ?? Object.keys(attributes ?? {}).sort();
  return names.map((name) => Object.values(attributes?.[name] ?? {})[0] ?? "").join("#");
}

/**
 * Start dynalite. Tables are ACTIVE as soon as they are created, as the handlers expect.
 *
 * @param dataDir keep tables in `<dataDir>/dynamodb` across runs; omitted: in memory.
 * @param port where to listen; 0: any free port.
 * @param options see DynamoDbOptions
 * @example
 * const dynamo = await startDynamoDb(); // dynamo.endpoint -> http://127.0.0.1:PORT
 */
export async function startDynamoDb(
  dataDir?: string,
  port = 0,
  { trackItemWrites = false }: DynamoDbOptions = {},
): Promise<DynamoDbEmulator> {
  closeIteratorsOnReturn();
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(dataDir ? { path: join(dataDir, "dynamodb") } : {}),
  });
  const calls: Record<string, number> = {};
  const writes = new Map<string, Map<string, ItemWrites>>();
  // A table's key attribute names, from its CreateTable, made or refused as existing (createTables sends one
  // for every table at each start): a PutItem's Item holds every attribute, so it needs them to name its key.
  const keyNames = new Map<string, string[]>();
  server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    // X-Amz-Target is "DynamoDB_20120810.<Operation>".
    const operation =
      String(request.headers["x-amz-target"] ?? "unknown")
        .split(".")
        .pop() ?? "unknown";
    calls[operation] = (calls[operation] ?? 0) + 1;
    if (!trackItemWrites || (!ITEM_WRITES.has(operation) && operation !== "CreateTable")) return;
    // dynalite reads the body with its own listener, added before this one; both see every chunk.
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    response.on("finish", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
      if (operation === "CreateTable") {
        keyNames.set(
          body.TableName,
          (body.KeySchema ?? []).map((key: { AttributeName: string }) => key.AttributeName),
        );
        return;
      }
      const byItem = writes.get(body.TableName) ?? new Map<string, ItemWrites>();
      writes.set(body.TableName, byItem);
      const key = writtenKey(operation, body, keyNames.get(body.TableName));
      const item = byItem.get(key) ?? { made: {}, refused: {}, madeAttributes: [] };
      byItem.set(key, item);
      const made = response.statusCode === 200;
      const outcome = made ? item.made : item.refused;
      outcome[operation] = (outcome[operation] ?? 0) + 1;
      if (made) item.madeAttributes.push(writtenAttributes(operation, body));
    });
  });
  const stop = answerBeforeClose(refuseBrowsers(server));
  const endpoint = await listen(server, port);
  return {
    endpoint,
    calls: () => ({ ...calls }),
    itemWrites: (table) => {
      if (!trackItemWrites) throw new Error("itemWrites: this emulator was started without trackItemWrites");
      return new Map(writes.get(table));
    },
    stop,
  };
}
