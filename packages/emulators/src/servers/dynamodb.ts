// DynamoDB on one machine: dynalite, in memory or (with a data directory) in LevelDB on disk.

/// <reference path="./modules.d.ts" />

import type { IncomingMessage } from "node:http";
import { join } from "node:path";
import dynalite from "dynalite";
import { closeServer, listen } from "./listen";

/** A running emulator: its endpoint URL and how to stop it. */
export interface Emulator {
  endpoint: string;
  stop(): Promise<void>;
}

/** DynamoDB's emulator, counting the calls it answers (by operation) so benchmarks can report them. */
export interface DynamoDbEmulator extends Emulator {
  /** Requests answered so far, by operation (PutItem, GetItem, ...). */
  calls(): Record<string, number>;
}

/**
 * Start dynalite. Tables are ACTIVE as soon as they are created, as the handlers expect.
 *
 * @param dataDir keep tables in `<dataDir>/dynamodb` across runs; omitted: in memory.
 * @example
 * const dynamo = await startDynamoDb(); // dynamo.endpoint -> http://127.0.0.1:PORT
 */
export async function startDynamoDb(dataDir?: string): Promise<DynamoDbEmulator> {
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(dataDir ? { path: join(dataDir, "dynamodb") } : {}),
  });
  const calls: Record<string, number> = {};
  server.on("request", (request: IncomingMessage) => {
    // X-Amz-Target is "DynamoDB_20120810.<Operation>".
    const operation =
      String(request.headers["x-amz-target"] ?? "unknown")
        .split(".")
        .pop() ?? "unknown";
    calls[operation] = (calls[operation] ?? 0) + 1;
  });
  const endpoint = await listen(server);
  return { endpoint, calls: () => ({ ...calls }), stop: () => closeServer(server) };
}
