// KinesisConsumer: market bars from MarketDataStream, grouped by symbol and applied together (the batch's
// reads made once); bad records, late ones and conflicting ones set aside, failures retried.

import { seriesKey } from "@stock-patterns/core";
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
  type RejectedMarketRecord,
  rejectedRecord,
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
    const key = seriesKey(decoded.symbol, decoded.interval);
    let group = groups.get(key);
    if (!group) {
      group = { symbol: decoded.symbol, interval: decoded.interval, bars: [], records: [] };
      groups.set(key, group);
    }
    group.bars.push(decoded.bar);
    group.records.push(record);
  }
  return { groups: [...groups.values()], rejected };
}

/**
 * Lambda entry for the stream. Symbols are independent: each group is applied on its own, and a group
 * that fails is reported by all its sequence numbers, so Lambda retries from its first (replays of the
 * others are harmless: duplicates change nothing). Malformed records go to RejectedMarketData, and so do
 * late ones (a bar older than one its series applied in an earlier batch, which cannot be applied) and
 * conflicting ones (a bar at an instant already applied, or named first in the batch, with other values);
 * one that could not be sent there is reported by its own sequence number, so it is retried, not lost.
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

async function consume(event: KinesisStreamEvent): Promise<KinesisStreamBatchResponse> {
  try {
    const now = new Date();
    const { groups, rejected } = readBatch(event.Records, now);
    const [unsent, results] = await Promise.all([setAsideRejectedMarketData(rejected), applyBatch(groups)]);
    const unapplied: RejectedMarketRecord[] = [];
    const failed: string[] = [];
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
      const recordOf = (bar: { index: number }) => group.records[bar.index];
      for (const bar of late)
        unapplied.push(setAsideBar(recordOf(bar), bar.reason, now, "Late market data record"));
      for (const bar of conflicts)
        unapplied.push(setAsideBar(recordOf(bar), bar.reason, now, "Conflicting market data record"));
      count("BarsApplied", applied.applied);
      count("DuplicateBars", applied.duplicates);
      count("LateRecords", late.length);
      count("ConflictingRecords", conflicts.length);
      count("OutcomesMoved", applied.outcomes);
      count("LifecycleMessagesSent", applied.lifecycle);
      logger.debug("Bars applied", {
        symbol: group.symbol,
        interval: group.interval,
        ...applied,
        late: late.length,
        conflicts: conflicts.length,
      });
    });
    // A late or conflicting bar is known once its window is read: set aside after the others, retried like
    // them if unsent.
    const unappliedUnsent = await setAsideRejectedMarketData(unapplied);
    const notSetAside = [...unsent, ...unappliedUnsent];
    if (notSetAside.length > 0) count("RejectedRecordsNotSetAside", notSetAside.length);
    return {
      batchItemFailures: [...notSetAside, ...failed].map((sequenceNumber) => ({
        itemIdentifier: sequenceNumber,
      })),
    };
  } finally {
    publishMetrics();
  }
}
