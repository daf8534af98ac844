// KinesisConsumer: market bars from MarketDataStream, grouped by symbol and applied together (the batch's
// reads made once); bad records, late ones and conflicting ones set aside, failures retried.

import { seriesKey } from "@stock-patterns/core";
import type { Counter } from "@stock-patterns/core/contracts";
import type {
  Context,
  KinesisStreamBatchResponse,
  KinesisStreamEvent,
  KinesisStreamRecord,
} from "aws-lambda";
import { count, logger, publishMetrics, withFunctionLogger } from "#observability";
import {
  applyBatch,
  decodeMarketBar,
  loggedReject,
  type MarketBar,
  partitionedBySymbol,
  type RejectedMarketRecord,
  rejectedRecord,
  type SetAside,
  setAsideRejectedMarketData,
} from "#stream";

interface SymbolBatch {
  symbol: string;
  interval: string;
  bars: MarketBar["bar"][];
  /**
   * The record of each bar, by the same index: all reported if the group fails (Lambda resumes from the
   * lowest, and whoever reads the failures learns exactly which records were not applied), and a late or
   * conflicting bar's set aside whole.
   */
  records: KinesisStreamRecord[];
}

function readBatch(records: readonly KinesisStreamRecord[], now: Date) {
  const groups = new Map<string, SymbolBatch>();
  const rejected: RejectedMarketRecord[] = [];
  const misrouted: { partitionKey: string; symbol: string; sequenceNumber: string }[] = [];
  for (const record of records) {
    const { data, approximateArrivalTimestamp } = record.kinesis;
    let decoded: MarketBar;
    try {
      decoded = decodeMarketBar(data, approximateArrivalTimestamp);
    } catch (error) {
      // Never retried (it would fail the same way): set aside on RejectedMarketData, whole, and logged
      // too (a long record's data cut short), so it shows wherever the logs are read.
      const reject = rejectedRecord(record, (error as Error).message, now);
      logger.warn("Malformed market data record", loggedReject(reject));
      count("MalformedRecords");
      rejected.push(reject);
      continue;
    }
    if (!partitionedBySymbol(record.kinesis.partitionKey, decoded.symbol))
      misrouted.push({
        partitionKey: record.kinesis.partitionKey,
        symbol: decoded.symbol,
        sequenceNumber: record.kinesis.sequenceNumber,
      });
    const key = seriesKey(decoded.symbol, decoded.interval);
    let group = groups.get(key);
    if (!group) {
      group = { symbol: decoded.symbol, interval: decoded.interval, bars: [], records: [] };
      groups.set(key, group);
    }
    group.bars.push(decoded.bar);
    group.records.push(record);
  }
  if (misrouted.length > 0) {
    // Applied all the same (their order within the batch is kept), but said: with a parallelization factor
    // above 1 Lambda keeps only one partition key's records in order (stream/partition.ts).
    logger.warn("Market data records not partitioned by their symbol", {
      records: misrouted.length,
      first: misrouted.slice(0, 5),
    });
    count("MisroutedRecords", misrouted.length);
  }
  return { groups: [...groups.values()], rejected };
}

/**
 * Lambda entry for the stream. Symbols are independent: each group is applied on its own, and a group
 * that fails is reported by all its sequence numbers, so Lambda retries from its first (replays of the
 * others are harmless: duplicates change nothing). Malformed records go to RejectedMarketData, and so do
 * late ones (a bar older than one its series applied in an earlier batch, which cannot be applied) and
 * conflicting ones (a bar at an instant already applied, or named first in the batch, with other values),
 * those before their group's window is saved. A malformed one that could not be sent there is reported by
 * its own sequence number, a late or conflicting one by its group's, so it is retried, not lost.
 *
 * @example
 * await handler(kinesisEvent, context) // { batchItemFailures: [] }
 */
export function handler(event: KinesisStreamEvent, context?: Context): Promise<KinesisStreamBatchResponse> {
  return withFunctionLogger("KinesisConsumer", context, () => consume(event));
}

/** The record of a bar that cannot be applied (late or conflicting), as set aside: logged as a malformed one is. */
function setAsideBar(
  record: KinesisStreamRecord | undefined,
  reason: string,
  now: Date,
  message: "Late market data record" | "Conflicting market data record",
): RejectedMarketRecord {
  if (record === undefined) throw new Error("no record for a bar set aside: one record per bar");
  const reject = rejectedRecord(record, reason, now);
  logger.warn(message, loggedReject(reject));
  return reject;
}

/**
 * Sets a group's late and conflicting bars aside on RejectedMarketData, whole records. Called before the
 * group's window is saved (applyBars): if a record cannot be sent, the group fails and is retried, its
 * window as it was, so the bar is still known late or conflicting then.
 */
function setAsideFrom(group: SymbolBatch, now: Date): SetAside {
  return async ({ late, conflicts }) => {
    const recordOf = (bar: { index: number }) => group.records[bar.index];
    const rejects = [
      ...late.map((bar) => setAsideBar(recordOf(bar), bar.reason, now, "Late market data record")),
      ...conflicts.map((bar) =>
        setAsideBar(recordOf(bar), bar.reason, now, "Conflicting market data record"),
      ),
    ];
    const unsent = await setAsideRejectedMarketData(rejects);
    if (unsent.length === 0) return;
    count("RejectedRecordsNotSetAside", unsent.length);
    throw new Error(`${unsent.length} record(s) could not be set aside on RejectedMarketData`);
  };
}

async function consume(event: KinesisStreamEvent): Promise<KinesisStreamBatchResponse> {
  try {
    const now = new Date();
    const { groups, rejected } = readBatch(event.Records, now);
    const series = groups.map((group) => ({ ...group, setAside: setAsideFrom(group, now) }));
    const [unsent, results] = await Promise.all([setAsideRejectedMarketData(rejected), applyBatch(series)]);
    const failed: string[] = [];
    // The batch's sums, counted once each: a value per symbol made the counts line grow with the batch.
    const counts = {
      BarsApplied: 0,
      DuplicateBars: 0,
      LateRecords: 0,
      ConflictingRecords: 0,
      OutcomesMoved: 0,
      LifecycleMessagesSent: 0,
    } satisfies Partial<Record<Counter, number>>;
    results.forEach((result, index) => {
      const group = groups[index];
      if (group === undefined) throw new Error(`no group for result ${index}: one result per group`);
      if (result.status === "rejected") {
        logger.error("Applying bars failed", {
          symbol: group.symbol,
          interval: group.interval,
          error: result.reason,
        });
        for (const record of group.records) failed.push(record.kinesis.sequenceNumber);
        return;
      }
      const { late, conflicts, ...applied } = result.value;
      counts.BarsApplied += applied.applied;
      counts.DuplicateBars += applied.duplicates;
      counts.LateRecords += late.length;
      counts.ConflictingRecords += conflicts.length;
      counts.OutcomesMoved += applied.outcomes;
      counts.LifecycleMessagesSent += applied.lifecycle;
      logger.debug("Bars applied", {
        symbol: group.symbol,
        interval: group.interval,
        ...applied,
        late: late.length,
        conflicts: conflicts.length,
      });
    });
    for (const [name, value] of Object.entries(counts)) count(name as keyof typeof counts, value);
    if (unsent.length > 0) count("RejectedRecordsNotSetAside", unsent.length);
    return {
      batchItemFailures: [...unsent, ...failed].map((sequenceNumber) => ({
        itemIdentifier: sequenceNumber,
      })),
    };
  } finally {
    publishMetrics();
  }
}
