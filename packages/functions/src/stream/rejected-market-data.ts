// Setting rejected market data aside on the RejectedMarketData queue, where it outlives both the stream's
// retention and the logs', so a bad record is kept whole until someone has read it.

import { SendMessageBatchCommand, type SendMessageBatchRequestEntry } from "@aws-sdk/client-sqs";
import { sqs } from "#aws";
import { linked } from "#config";
import { logger } from "#observability";
import type { RejectedMarketRecord } from "./rejected-record";

/** SendMessageBatch takes at most 10 entries, of at most 1 MiB together. */
const MAX_ENTRIES = 10;
const MAX_BATCH_BYTES = 1_048_576;

/**
 * JSON with every non-ASCII character escaped. SQS refuses a few code points (U+FFFE, U+FFFF) that a
 * producer's partition key may carry; escaped, the body is the same JSON and always accepted.
 */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

function batches(entries: SendMessageBatchRequestEntry[]): SendMessageBatchRequestEntry[][] {
  const all: SendMessageBatchRequestEntry[][] = [];
  let batch: SendMessageBatchRequestEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = Buffer.byteLength(entry.MessageBody ?? "");
    if (batch.length === MAX_ENTRIES || (batch.length > 0 && bytes + size > MAX_BATCH_BYTES)) {
      all.push(batch);
      batch = [];
      bytes = 0;
    }
    batch.push(entry);
    bytes += size;
  }
  if (batch.length > 0) all.push(batch);
  return all;
}

/**
 * Sends rejected records to RejectedMarketData, up to 10 per SendMessageBatch. It never throws: it
 * resolves with the sequence numbers of the records it could not set aside, which the caller must
 * have retried so that none is lost.
 *
 * @example
 * const unsent = await setAsideRejectedMarketData([rejectedRecord(record, "data is not JSON", new Date())]);
 * // [] once all are on the queue
 */
export async function setAsideRejectedMarketData(
  records: readonly RejectedMarketRecord[],
): Promise<string[]> {
  if (records.length === 0) return [];
  const entries = records.map((record, index) => ({ Id: String(index), MessageBody: asciiJson(record) }));
  const unsent: string[] = [];
  // Ids are the records' own indices (entries above), so each names a record.
  const sequenceOf = (entry: { Id?: string }) => {
    const record = records[Number(entry.Id)];
    if (record === undefined) throw new Error(`SQS answered Id ${entry.Id}, which names no record sent`);
    return record.sequenceNumber;
  };
  await Promise.all(
    batches(entries).map(async (batch) => {
      try {
        const { Failed = [] } = await sqs().send(
          new SendMessageBatchCommand({ QueueUrl: linked("RejectedMarketData", "url"), Entries: batch }),
        );
        for (const failed of Failed) {
          logger.error("Rejected market data not set aside", {
            sequenceNumber: sequenceOf(failed),
            error: { name: failed.Code, message: failed.Message },
          });
          unsent.push(sequenceOf(failed));
        }
      } catch (error) {
        logger.error("Rejected market data not set aside", { sequenceNumbers: batch.map(sequenceOf), error });
        unsent.push(...batch.map(sequenceOf));
      }
    }),
  );
  return unsent;
}
