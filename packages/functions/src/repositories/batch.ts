// DynamoDB's batch read with its limit and retries: many keys read in few round trips (a stream batch's
// windows, a batch's alerts and detections, several tables' keys in one call).

import { BatchGetCommand } from "@aws-sdk/lib-dynamodb";
import { dynamo } from "#aws";
import { mapLimit } from "#util";
import { projectionOf } from "./projection";

type Key = Record<string, unknown>;
type Item = Record<string, unknown>;

/** BatchGetItem takes at most 100 keys a call, of all its tables together. */
const GET_LIMIT = 100;
/**
 * Batch calls of one read in flight at once. The sweep reads up to 72,000 waiting alerts and their approvals
 * a run at 1-second bars (docs/capacity.md): 1,440 calls, each a round trip of the run's 60 s when made one
 * after another. 8 at once waits for about an eighth of those round trips (the sweep's heals and the alerts'
 * raises go 8 at once too), and a read of many keys does not draw on its table's capacity all at once.
 */
export const BATCH_READS_IN_FLIGHT = 8;
/**
 * The keys one read's calls take in one round trip, all in flight at once: a read of as many keys or fewer
 * waits about as long as one call.
 */
export const KEYS_A_ROUND = GET_LIMIT * BATCH_READS_IN_FLIGHT;
/** Rounds for the part DynamoDB left unprocessed (throttling), with a growing pause, before giving up. */
const ROUNDS = 8;

const pause = (round: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** round)));

/**
 * One table's part of a batch read, and what its items mean to the caller: a repository builds it (only
 * it knows the table's keys), and a caller reads several tables' together (readTogether).
 */
export interface BatchRead<T> {
  table: string;
  keys: readonly Key[];
  /** The attributes asked for; all when absent. */
  attributes?: readonly string[];
  /** The answer the caller wants from the stored items among `keys`. */
  answer(items: Item[]): T;
}

/**
 * One table's part of a batch read, for readTogether: the table named here, where its link is read (infra's
 * grant check counts a batchRead as a BatchGetItem on the table its first argument names).
 *
 * @example
 * batchRead(linked("Alerts", "name"), [{ alertId: "alr_…" }], (items) => items.length)
 */
export function batchRead<T>(
  table: string,
  keys: readonly Key[],
  answer: (items: Item[]) => T,
  attributes?: readonly string[],
): BatchRead<T> {
  return { table, keys, answer, attributes };
}

/** Up to GET_LIMIT keys of each read after the first `offset` of all of them, by table. */
function chunkAt(reads: readonly BatchRead<unknown>[], offset: number): Map<string, Key[]> {
  const chunk = new Map<string, Key[]>();
  let skip = offset;
  let room = GET_LIMIT;
  for (const { table, keys } of reads) {
    const taken = keys.slice(skip, skip + room);
    skip = Math.max(0, skip - keys.length);
    room -= taken.length;
    if (taken.length > 0) chunk.set(table, taken);
  }
  return chunk;
}

/**
 * The answers of several tables' batch reads, their keys read together (strongly consistent): one call per
 * 100 keys of all of them, none when there are none, BATCH_READS_IN_FLIGHT at once; one that fails (after
 * its retries) fails the whole read. One read per table.
 *
 * @example
 * const [alerts, patterns] = await readTogether(alertsRead(ids), earlierPatternsRead(keys));
 */
export async function readTogether<T extends readonly unknown[]>(
  ...reads: { [K in keyof T]: BatchRead<T[K]> }
): Promise<T> {
  const tables = reads.map(({ table }) => table);
  if (new Set(tables).size !== tables.length) throw new Error(`one read per table: ${tables.join(", ")}`);
  const projections = new Map(reads.map(({ table, attributes }) => [table, projectionOf(attributes)]));
  // One call's keys read (strongly consistent), what DynamoDB left unprocessed read again in up to ROUNDS
  // rounds: the items found, by table. Inside readTogether, where infra's grant check (scripts/synth) counts
  // a batch read at its batchReads, not at this command.
  const readChunk = async (chunk: Map<string, Key[]>): Promise<Map<string, Item[]>> => {
    const found = new Map<string, Item[]>();
    let pending = chunk;
    for (let round = 0; pending.size > 0; round++) {
      if (round === ROUNDS) {
        const left = [...pending].map(([table, keys]) => `${keys.length} key(s) of ${table}`);
        throw new Error(`DynamoDB left ${left.join(", ")} unread`);
      }
      if (round > 0) await pause(round);
      const answer = await dynamo().send(
        new BatchGetCommand({
          RequestItems: Object.fromEntries(
            [...pending].map(([table, Keys]) => [
              table,
              { Keys, ConsistentRead: true, ...projections.get(table) },
            ]),
          ),
        }),
      );
      for (const [table, items] of Object.entries(answer.Responses ?? {}))
        found.set(table, (found.get(table) ?? []).concat(items));
      pending = new Map(
        Object.entries(answer.UnprocessedKeys ?? {}).flatMap(([table, { Keys }]) =>
          Keys && Keys.length > 0 ? [[table, Keys as Key[]]] : [],
        ),
      );
    }
    return found;
  };
  const total = reads.reduce((sum, { keys }) => sum + keys.length, 0);
  const offsets = Array.from({ length: Math.ceil(total / GET_LIMIT) }, (_, i) => i * GET_LIMIT);
  // Each chunk's items apart, then joined in the chunks' order: what the answers get is as one call after
  // another would have found it.
  const chunks = await mapLimit(offsets, BATCH_READS_IN_FLIGHT, (offset) =>
    readChunk(chunkAt(reads, offset)),
  );
  const found = new Map<string, Item[]>(tables.map((table) => [table, []]));
  for (const chunk of chunks) for (const [table, items] of chunk) found.get(table)?.push(...items);
  return reads.map(({ table, answer }) => answer(found.get(table) ?? [])) as unknown as T;
}

/**
 * The stored items among `keys` (strongly consistent): only the `attributes` asked for, or whole.
 *
 * @example
 * await getMany("TradingPatterns", [{ patternId: "p1", timestamp: "2020-01-02" }], ["patternId"])
 */
export async function getMany(
  table: string,
  keys: readonly Key[],
  attributes?: readonly string[],
): Promise<Item[]> {
  const [items] = await readTogether(batchRead(table, keys, (found) => found, attributes));
  return items;
}
