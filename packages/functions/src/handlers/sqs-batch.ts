// The entry shape shared by the SQS-fed handlers: Powertools batch processing, partial batch responses.

import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { publishMetrics, withFunctionLogger } from "#observability";

/**
 * A Lambda entry that runs `handleRecord` on each message and answers `{ batchItemFailures }` naming
 * the messages whose handling threw (they are retried, then dead-lettered).
 *
 * @example
 * export const handler = sqsBatchHandler("AlertProcessor", async (record) => route(JSON.parse(record.body)));
 */
export function sqsBatchHandler(
  functionName: string,
  handleRecord: (record: SQSRecord) => Promise<void>,
): (event: SQSEvent, context: Context) => Promise<SQSBatchResponse> {
  const processor = new BatchProcessor(EventType.SQS);
  return (event, context) =>
    withFunctionLogger(functionName, context, async () => {
      try {
        return await processPartialResponse(event, handleRecord, processor, {
          context,
          throwOnFullBatchFailure: false,
        });
      } finally {
        publishMetrics();
      }
    });
}

/**
 * As sqsBatchHandler, for work done on the batch as a whole (e.g. one call for many messages):
 * `handleBatch` answers each record's result, in order; a rejected one names its message to retry.
 *
 * @example
 * export const handler = sqsWholeBatchHandler("AlertProcessor", (records) => Promise.allSettled(records.map(route)));
 */
export function sqsWholeBatchHandler(
  functionName: string,
  handleBatch: (records: readonly SQSRecord[]) => Promise<PromiseSettledResult<unknown>[]>,
): (event: SQSEvent, context: Context) => Promise<SQSBatchResponse> {
  const processor = new BatchProcessor(EventType.SQS);
  return (event, context) =>
    withFunctionLogger(functionName, context, async () => {
      try {
        const results = await handleBatch(event.Records);
        const byMessage = new Map(event.Records.map((record, index) => [record.messageId, results[index]]));
        const answer = async (record: SQSRecord) => {
          const result = byMessage.get(record.messageId);
          if (result?.status !== "fulfilled") throw result?.reason ?? new Error("no result for the message");
        };
        return await processPartialResponse(event, answer, processor, {
          context,
          throwOnFullBatchFailure: false,
        });
      } finally {
        publishMetrics();
      }
    });
}
