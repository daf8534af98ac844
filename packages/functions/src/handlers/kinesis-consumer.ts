// KinesisConsumer: market bars from MarketDataStream, grouped by symbol and applied together (the batch's
// reads made once); bad records set aside, failures retried.

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
   * The group's sequence numbers, all reported if the group fails: Lambda resumes from the lowest,
   * and whoever reads the failures learns exactly which records were not applied.
   */
  sequences: string[];
}

function readBatch(records: readonly KinesisStreamRecord[], now: Date) {
  const groups = new Map<string, SymbolBatch>();
  const rejected: RejectedMarketRecord[] = [];
  for (const record of records) {
    const { sequenceNumber, data } = record.kinesis;
    let decoded: MarketBar;
    try {
      decoded = decodeMarketBar(data);
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
      group = { symbol: decoded.symbol, interval: decoded.interval, bars: [], sequences: [] };
      groups.set(key, group);
    }
    group.bars.push(decoded.bar);
    group.sequences.push(sequenceNumber);
  }
  return { groups: [...groups.values()], rejected };
}

/**
 * Lambda entry for the stream. Symbols are independent: each group is applied on its own, and a group
 * that fails is reported by all its sequence numbers, so Lambda retries from its first (replays of the
 * others are harmless: duplicates change nothing). Malformed records go to RejectedMarketData; one
 * that could not be sent there is reported by its own sequence number, so it is retried, not lost.
 *
 * @example
 * await handler(kinesisEvent, context) // { batchItemFailures: [] }
 */
export function handler(event: KinesisStreamEvent, context?: Context): Promise<KinesisStreamBatchResponse> {
  return withFunctionLogger("KinesisConsumer", context, () => consume(event));
}

async function consume(event: KinesisStreamEvent): Promise<KinesisStreamBatchResponse> {
  try {
    const { groups, rejected } = readBatch(event.Records, new Date());
    const [unsent, results] = await Promise.all([setAsideRejectedMarketData(rejected), applyBatch(groups)]);
    const batchItemFailures: KinesisStreamBatchResponse["batchItemFailures"] = unsent.map(
      (sequenceNumber) => ({ itemIdentifier: sequenceNumber }),
    );
    if (unsent.length > 0) count("RejectedRecordsNotSetAside", unsent.length);
    results.forEach((result, index) => {
      const group = groups[index];
      if (group === undefined) throw new Error(`no group for result ${index}: one result per group`);
      if (result.status === "rejected") {
        logger.error("Applying bars failed", {
          symbol: group.symbol,
          interval: group.interval,
          error: result.reason,
        });
        for (const itemIdentifier of group.sequences) batchItemFailures.push({ itemIdentifier });
        return;
      }
      count("BarsApplied", result.value.applied);
      count("DuplicateBars", result.value.duplicates);
      count("OutcomesMoved", result.value.outcomes);
      count("LifecycleMessagesSent", result.value.lifecycle);
      logger.debug("Bars applied", { symbol: group.symbol, interval: group.interval, ...result.value });
    });
    return { batchItemFailures };
  } finally {
    publishMetrics();
  }
}
