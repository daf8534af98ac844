// DynamoDB's emulator (dynalite on LevelDB, as `npm start --data-dir` runs it) in a process of its own, which
// can be made to die (SIGKILL) inside one write: dynalite writes an item's index entries first, then the
// item, each its own LevelDB write, so a kill between them (a whole `npm start` killed) leaves the index's
// copy newer than the item. Started by startDynamoDbProcess.
//   node --import tsx test/dynamodb-process.ts <dir> <port> [claim|publish|decision|expiry]
// Prints its port once it listens.

import { createRequire } from "node:module";
import { join } from "node:path";

type AttributeMap = Record<string, { S?: string } | undefined>;
type Done = (error?: Error) => void;
interface DynaliteDb {
  updateIndexes(
    store: unknown,
    table: unknown,
    old: AttributeMap | undefined,
    item: AttributeMap,
    done: Done,
  ): void;
}

/** An approval's close to `to`: a write that takes it out of the open index (openByDeadline). */
const closing = (to: string[]) => (old: AttributeMap | undefined, item: AttributeMap) =>
  item.tokenHash !== undefined && old?.status?.S === "PENDING" && to.includes(item.status?.S ?? "");

/**
 * The writes a kill may fall inside: an alert's routing claim and its move to PUBLISHED; an approval's
 * decision and its expiry.
 */
const TORN: Record<string, (old: AttributeMap | undefined, item: AttributeMap) => boolean> = {
  claim: (old, item) => item.claimedAt?.S !== undefined && old?.claimedAt?.S !== item.claimedAt.S,
  publish: (old, item) => item.status?.S === "PUBLISHED" && old?.status?.S !== "PUBLISHED",
  decision: closing(["APPROVED", "REJECTED"]),
  expiry: closing(["EXPIRED"]),
};

const [dir, port, tear] = process.argv.slice(2);
if (!dir || !port) throw new Error("usage: dynamodb-process.ts <dir> <port> [claim|publish|decision|expiry]");
const require = createRequire(import.meta.url);
const dynalite = require("dynalite") as (options: Record<string, unknown>) => import("node:http").Server;
const torn = tear === undefined ? undefined : TORN[tear];
if (tear !== undefined && !torn) throw new Error(`no such write to die in: ${tear}`);
if (torn) {
  // dynalite's actions call db.updateIndexes through the module object, so this one is theirs.
  const db = require("dynalite/db") as DynaliteDb;
  const updateIndexes = db.updateIndexes.bind(db);
  db.updateIndexes = (store, table, old, item, done) =>
    updateIndexes(store, table, old, item, (error) => {
      if (!error && item.alertId && torn(old, item)) process.kill(process.pid, "SIGKILL");
      done(error);
    });
}
const server = dynalite({
  path: join(dir, "dynamodb"),
  createTableMs: 0,
  deleteTableMs: 0,
  updateTableMs: 0,
});
server.listen(Number(port), "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`${typeof address === "object" && address ? address.port : port}\n`);
});
