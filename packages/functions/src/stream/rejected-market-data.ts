// Setting rejected market data aside on the RejectedMarketData queue, where it outlives both the stream's
// retention and the logs', so a bad record is kept whole until someone has read it.

import { SendMessageBatchCommand, type SendMessageBatchRequestEntry } from "@aws-sdk/client-sqs";
import { SET_ASIDE_QUEUES, SQS_MESSAGE_LIMIT_BYTES } from "@stock-patterns/core/catalog";
import { sqs } from "#aws";
import { linked } from "#config";
import { logger } from "#observability";
import type { RejectedMarketRecord } from "./rejected-record";

/** SendMessageBatch takes at most 10 entries, of at most SQS_MESSAGE_LIMIT_BYTES together. */
const MAX_ENTRIES = 10;

/**
 * The longest message sent: 16 KiB under the queue's limit, so no message is refused for a few bytes
 * (SQS counts the body's UTF-8 bytes; these bodies are ASCII, one byte a character).
 */
export const REJECT_MESSAGE_BYTES = SET_ASIDE_QUEUES.RejectedMarketData.maxMessageBytes - 16_384;

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

/**
 * The message bodies of one rejected record: one, the record as it is, when it fits in
 * REJECT_MESSAGE_BYTES; otherwise parts, each the record's fields with `part` (from 1), `parts` and the
 * next slice of `data`. Slices are whole base64 groups (a multiple of 4 characters), so each decodes
 * alone, and the slices in order are the record's data.
 */
function rejectMessages(record: RejectedMarketRecord): string[] {
  const whole = asciiJson(record);
  if (whole.length <= REJECT_MESSAGE_BYTES) return [whole];
  // The fields around a slice, with `part` and `parts` as long as they can be (never more parts than
  // characters of data). The other fields are short (a partition key is at most 256 characters).
  const most = record.data.length;
  const around = asciiJson({ ...record, part: most, parts: most, data: "" }).length;
  const slice = Math.floor((REJECT_MESSAGE_BYTES - around) / 4) * 4;
  // Fields too long to leave room for data: sent whole, SQS refuses it, and it is reported unsent.
  if (!(slice >= 4)) return [whole];
  const parts = Math.ceil(record.data.length / slice);
  return Array.from({ length: parts }, (_, index) =>
    asciiJson({
      ...record,
      part: index + 1,
      parts,
      data: record.data.slice(index * slice, (index + 1) * slice),
    } satisfies RejectedMarketRecord),
  );
}

function batches(entries: SendMessageBatchRequestEntry[]): SendMessageBatchRequestEntry[][] {
  const all: SendMessageBatchRequestEntry[][] = [];
  let batch: SendMessageBatchRequestEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = Buffer.byteLength(entry.MessageBody ?? "");
    if (batch.length === MAX_ENTRIES || (batch.length > 0 && bytes + size > SQS_MESSAGE_LIMIT_BYTES)) {
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
 * Sends rejected records to RejectedMarketData, up to 10 messages per SendMessageBatch (a long record
 * in parts: rejectMessages). It never throws: it resolves with the sequence numbers of the records it
 * could not set aside (any of whose parts was not sent), which the caller must have retried so that
 * none is lost. A retried record's parts are all sent again, so a reader may see a part twice.
 *
 * @example
 * const unsent = await setAsideRejectedMarketData([rejectedRecord(record, "data is not JSON", new Date())]);
 * // [] once all are on the queue
 */
export async function setAsideRejectedMarketData(
  records: readonly RejectedMarketRecord[],
): Promise<string[]> {
  if (records.length === 0) return [];
  // Ids are `<record index>-<part index>`, so each names the record (and part) it carries.
  const entries = records.flatMap((record, index) =>
    rejectMessages(record).map((body, part) => ({ Id: `${index}-${part}`, MessageBody: body })),
  );
  const unsent = new Set<number>();
  const recordOf = (entry: { Id?: string }) => {
    const index = Number(entry.Id?.split("-")[0]);
    if (records[index] === undefined)
      throw new Error(`SQS answered Id ${entry.Id}, which names no record sent`);
    return index;
  };
  const sequencesOf = (indices: Iterable<number>) =>
    [...new Set(indices)].map((index) => records[index]?.sequenceNumber as string);
  await Promise.all(
    batches(entries).map(async (batch) => {
      try {
        const { Failed = [] } = await sqs().send(
          new SendMessageBatchCommand({ QueueUrl: linked("RejectedMarketData", "url"), Entries: batch }),
        );
        for (const failed of Failed) {
          logger.error("Rejected market data not set aside", {
            sequenceNumber: sequencesOf([recordOf(failed)])[0],
            part: Number(failed.Id?.split("-")[1]) + 1,
            error: { name: failed.Code, message: failed.Message },
          });
          unsent.add(recordOf(failed));
        }
      } catch (error) {
        const indices = batch.map(recordOf);
        logger.error("Rejected market data not set aside", { sequenceNumbers: sequencesOf(indices), error });
        for (const index of indices) unsent.add(index);
      }
    }),
  );
  return sequencesOf([...unsent].sort((a, b) => a - b));
}
