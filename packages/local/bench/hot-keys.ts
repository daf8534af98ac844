// `npm run bench:hot-keys`: what reaches one key value of each table and index, for
// docs/capacity.md's "One key value's share". N symbols x M daily bars go on the stream (as bench:pipeline
// puts them), CRITICAL alerts' approvals run out undecided, and the sweep runs once with no grace, so every
// alert lives its life; then each item's single-item writes (the emulator counts them by key, made or refused)
// and the stored items' sizes by DynamoDB's rules are reported, per alert, detection, window and approval.

import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AttributeValue, ScanCommand } from "@aws-sdk/client-dynamodb";
import { PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { parseBarsCsv } from "@stock-patterns/core";
import {
  feedValues,
  type IndexSpec,
  projectionOf,
  TABLES,
  type TableName,
  type TableSpec,
} from "@stock-patterns/core/catalog";
import { dynamoDbClient, type ItemWrites } from "@stock-patterns/emulators";
import { UNFINISHED_FEED } from "@stock-patterns/functions/src/alerts/alert-table";
import { OPEN_FEED } from "@stock-patterns/functions/src/approvals/approval-table";
import { DEFAULT_REPLAY_FILE, kinesisClient, marketDataEntry, startSystem } from "../src/index";
import { QUICK_POLLING } from "../src/runtime/config";

const SYMBOLS = Number(process.env.BENCH_SYMBOLS ?? 10);
const BARS = Number(process.env.BENCH_BARS ?? 300);
/** BENCH_PACED=1: each bar waits until the one before is processed and routed (b = 1, as at 1-minute bars). */
const PACED = process.env.BENCH_PACED === "1";

/**
 * An attribute value's size by DynamoDB's rules: UTF-8 bytes of strings, about one byte per two significant
 * digits of a number and one, 3 bytes per list or map and 1 per element, 1 for a boolean or null.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
 */
function valueBytes(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S);
  if (value.N !== undefined) {
    const digits = value.N.replace(/^-/, "").replace(".", "").replace(/^0+/, "").replace(/0+$/, "");
    return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
  }
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.B !== undefined) return value.B.length;
  if (value.L !== undefined) return 3 + value.L.reduce((sum, element) => sum + valueBytes(element) + 1, 0);
  if (value.M !== undefined) return 3 + itemBytes(value.M) + Object.keys(value.M).length;
  if (value.SS !== undefined) return value.SS.reduce((sum, s) => sum + Buffer.byteLength(s), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, n) => sum + valueBytes({ N: n }), 0);
  throw new Error(`an attribute value of no known type: ${JSON.stringify(value)}`);
}

function itemBytes(item: Record<string, AttributeValue>): number {
  return Object.entries(item).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(name) + valueBytes(value),
    0,
  );
}

/**
 * A value each sparse index's partition key is written with while an item is in it (the unfinished
 * index's: one of its shards', all of one length).
 */
const SPARSE_FEEDS: Record<string, string> = {
  unfinishedByCreatedAt: feedValues(UNFINISHED_FEED)[0] as string,
  openByDeadline: OPEN_FEED,
};

/**
 * An index entry's size as the item is written into the index (a sparse index's key put back where the
 * item has left it since): the table's key, the index's key, the projected attributes (every one unless
 * keys only), and 100 bytes.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html
 */
function entryBytes(item: Record<string, AttributeValue>, table: TableName, index: IndexSpec): number {
  const feed = SPARSE_FEEDS[index.name];
  const entry = feed === undefined ? item : { [index.partitionKey]: { S: feed }, ...item };
  const { type, nonKeyAttributes = [] } = projectionOf(index);
  if (type === "ALL") return itemBytes(entry) + 100;
  const names = new Set(indexedAttributes(table, index, nonKeyAttributes));
  return itemBytes(Object.fromEntries(Object.entries(entry).filter(([name]) => names.has(name)))) + 100;
}

/** The attributes an index entry holds: the table's keys, the index's keys and its projected attributes. */
function indexedAttributes(table: TableName, index: IndexSpec, projected: readonly string[]): string[] {
  const spec: TableSpec = TABLES[table];
  return [spec.partitionKey, spec.sortKey, index.partitionKey, index.sortKey, ...projected].filter(
    (name): name is string => name !== undefined,
  );
}

const stats = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = values.reduce((sum, v) => sum + v, 0) / Math.max(values.length, 1);
  return { n: values.length, mean: Number(mean.toFixed(2)), min: sorted[0] ?? 0, max: sorted.at(-1) ?? 0 };
};

const series = parseBarsCsv(readFileSync(DEFAULT_REPLAY_FILE, "utf8")).slice(0, BARS);
const system = await startSystem({
  port: 0,
  outDir: mkdtempSync(join(tmpdir(), "hot-keys-")),
  trackItemWrites: true,
  // Approvals run out within seconds and the sweep's grace is the least it takes (1 s), so each alert ends
  // its life here.
  timing: { ...QUICK_POLLING, sweepGraceSeconds: 1, approvalTtlSeconds: 2 },
});
try {
  const stream = kinesisClient(system.endpoints.kinesis);
  const symbols = Array.from({ length: SYMBOLS }, (_, s) => `SYM${String(s).padStart(3, "0")}`);
  const latest = new Map<string, string>();
  for (const bar of series) {
    const { Records = [] } = await stream.send(
      new PutRecordsCommand({
        StreamName: system.resourceDetails.stream.name,
        Records: symbols.map((symbol) => marketDataEntry({ ...bar, symbol, interval: "1d" })),
      }),
    );
    for (const record of Records) {
      if (record.ErrorCode || !record.ShardId || !record.SequenceNumber)
        throw new Error(`put refused: ${record.ErrorCode}`);
      const newest = latest.get(record.ShardId);
      if (!newest || BigInt(record.SequenceNumber) > BigInt(newest))
        latest.set(record.ShardId, record.SequenceNumber);
    }
    if (PACED)
      await system.settled([...latest].map(([shardId, sequenceNumber]) => ({ shardId, sequenceNumber })));
  }
  await system.settled(
    [...latest].map(([shardId, sequenceNumber]) => ({ shardId, sequenceNumber })),
    600_000,
  );
  // The approvals' watches fire at their expiry (2 s); then the sweep, twice (the second finds what is left).
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  await system.settled();
  await system.runScheduledCheck();
  await system.settled();
  await system.runScheduledCheck();
  await system.settled();
  stream.destroy();

  const dynamo = dynamoDbClient(system.endpoints.dynamodb);
  const scan = async (table: TableName) => {
    const items: Record<string, AttributeValue>[] = [];
    let key: Record<string, AttributeValue> | undefined;
    do {
      const page = await dynamo.send(
        new ScanCommand({ TableName: system.resourceDetails.tables[table], ExclusiveStartKey: key }),
      );
      items.push(...(page.Items ?? []));
      key = page.LastEvaluatedKey;
    } while (key);
    return items;
  };
  const keyOf = (table: TableName, item: Record<string, AttributeValue>) => {
    const spec = TABLES[table];
    return [spec.partitionKey, ...("sortKey" in spec ? [spec.sortKey] : [])]
      .map((name) => Object.values(item[name] ?? {})[0])
      .join("#");
  };
  const sum = (counts: Record<string, number> = {}) => Object.values(counts).reduce((s, n) => s + n, 0);
  const report: Record<string, unknown> = {
    date: new Date().toISOString(),
    symbols: SYMBOLS,
    bars: BARS,
    paced: PACED,
  };
  for (const table of Object.keys(TABLES) as TableName[]) {
    const items = await scan(table);
    const writes = system.dynamoDbItemWrites(system.resourceDetails.tables[table]);
    const of = (item: Record<string, AttributeValue>): ItemWrites =>
      writes.get(keyOf(table, item)) ?? { made: {}, refused: {}, madeAttributes: [] };
    const spec: TableSpec = TABLES[table];
    report[table] = {
      items: items.length,
      itemBytes: stats(items.map(itemBytes)),
      madeWritesPerItem: stats(items.map((item) => sum(of(item).made))),
      madeByOperation: items.reduce<Record<string, number>>((total, item) => {
        for (const [operation, n] of Object.entries(of(item).made))
          total[operation] = (total[operation] ?? 0) + n;
        return total;
      }, {}),
      refusedWritesPerItem: stats(items.map((item) => sum(of(item).refused))),
      indexes: Object.fromEntries(
        (spec.indexes ?? []).map((index) => {
          const values = new Map<string, number>();
          for (const item of items) {
            const value = Object.values(item[index.partitionKey] ?? {})[0] as string | undefined;
            if (value !== undefined) values.set(value, (values.get(value) ?? 0) + 1);
          }
          // A write reaches the entry when it names one of the entry's attributes (with all of them
          // projected, any write does): an update of attributes the index does not hold writes nothing to it.
          const { type, nonKeyAttributes = [] } = projectionOf(index);
          const held = new Set(indexedAttributes(table, index, nonKeyAttributes));
          const reaches = (names: string[]) => type === "ALL" || names.some((name) => held.has(name));
          return [
            index.name,
            {
              keyValues: values.size,
              itemsInLargestValue: Math.max(0, ...values.values()),
              itemsWithoutKey: items.filter((item) => item[index.partitionKey] === undefined).length,
              entryBytes: stats(items.map((item) => entryBytes(item, table, index))),
              writesReachingEntryPerItem: stats(
                items.map((item) => of(item).madeAttributes.filter(reaches).length),
              ),
            },
          ];
        }),
      ),
    };
    if (table === "Alerts") {
      // The made writes per alert, by its severity and by the status it ended in.
      const grouped = (attribute: string) => {
        const groups = new Map<string, number[]>();
        for (const item of items) {
          const group = item[attribute]?.S ?? "?";
          groups.set(group, [...(groups.get(group) ?? []), sum(of(item).made)]);
        }
        return Object.fromEntries([...groups].map(([group, made]) => [group, stats(made)]));
      };
      // What the made writes named, by their attribute lists (a put's: the whole item), most frequent first.
      const shapes = new Map<string, number>();
      for (const item of items)
        for (const names of of(item).madeAttributes) {
          const shape = names.length > 12 ? "(a whole item)" : [...names].sort().join(", ");
          shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
        }
      Object.assign(report[table] as object, {
        madeWritesBySeverity: grouped("severity"),
        madeWritesByStatus: grouped("status"),
        madeWritesByAttributes: Object.fromEntries([...shapes].sort((a, b) => b[1] - a[1])),
      });
    }
  }
  dynamo.destroy();
  console.log(JSON.stringify(report, null, 2));
} finally {
  await system.stop();
}
