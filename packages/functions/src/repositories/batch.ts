// DynamoDB's batch read with its limit and retries: many keys read in few round trips (a stream batch's
// windows, a batch's alerts and detections).

import { BatchGetCommand } from "@aws-sdk/lib-dynamodb";
import { dynamo } from "#aws";

type Key = Record<string, unknown>;
type Item = Record<string, unknown>;

/** BatchGetItem takes at most 100 keys a call. */
const GET_LIMIT = 100;
/** Rounds for the part DynamoDB left unprocessed (throttling), with a growing pause, before giving up. */
const ROUNDS = 8;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const pause = (round: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** round)));

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
  const names = attributes && Object.fromEntries(attributes.map((name, i) => [`#a${i}`, name]));
  const projection = names && {
    ProjectionExpression: Object.keys(names).join(", "),
    ExpressionAttributeNames: names,
  };
  const found: Item[] = [];
  for (const chunk of chunks(keys, GET_LIMIT)) {
    let pending: Key[] = chunk;
    for (let round = 0; pending.length > 0; round++) {
      if (round === ROUNDS) throw new Error(`DynamoDB left ${pending.length} key(s) of ${table} unread`);
      if (round > 0) await pause(round);
      const answer = await dynamo().send(
        new BatchGetCommand({
          RequestItems: {
            [table]: {
              Keys: pending,
              ConsistentRead: true,
              ...projection,
            },
          },
        }),
      );
      found.push(...(answer.Responses?.[table] ?? []));
      pending = (answer.UnprocessedKeys?.[table]?.Keys as Key[] | undefined) ?? [];
    }
  }
  return found;
}
