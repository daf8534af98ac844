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
