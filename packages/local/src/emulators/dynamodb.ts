// DynamoDB on one machine: dynalite, in memory or (with a data directory) in LevelDB on disk.

import { join } from "node:path";
import dynalite from "dynalite";
import { closeServer, listen } from "./listen";

/** A running emulator: its endpoint URL and how to stop it. */
export interface Emulator {
  endpoint: string;
  stop(): Promise<void>;
}

/**
 * Start dynalite. Tables are ACTIVE as soon as they are created, as the handlers expect.
 *
 * @param dataDir keep tables in `<dataDir>/dynamodb` across runs; omitted: in memory.
 * @example
 * const dynamo = await startDynamoDb(); // dynamo.endpoint -> http://127.0.0.1:PORT
 */
export async function startDynamoDb(dataDir?: string): Promise<Emulator> {
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(dataDir ? { path: join(dataDir, "dynamodb") } : {}),
  });
  const endpoint = await listen(server);
  return { endpoint, stop: () => closeServer(server) };
}
