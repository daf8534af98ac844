// AlertProcessor: AlertQueue batches (10) with partial batch responses; each alert routed once.

import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { routeAlert } from "../alerts/route";
import { parseAlertMessage } from "../domain/alert";
import { logger } from "../observability/logger";
import { count, publishMetrics } from "../observability/metrics";

const processor = new BatchProcessor(EventType.SQS);

async function handleRecord(record: SQSRecord): Promise<void> {
  let alert: ReturnType<typeof parseAlertMessage>;
  try {
    alert = parseAlertMessage(record.body);
  } catch (error) {
    // Never valid, so it fails every receive and lands in the dead-letter queue, kept for inspection.
    logger.error("Malformed alert message", {
      messageId: record.messageId,
      body: record.body,
      error: error as Error,
    });
    count("MalformedAlertMessages");
    throw error;
  }
  const outcome = await routeAlert(alert);
  logger.info("Alert routed", { messageId: record.messageId, alertId: alert.alertId, outcome });
}

/**
 * Lambda entry for AlertQueue: answers `{ batchItemFailures }` naming the messages to retry.
 *
 * @example
 * await handler(sqsEvent, context) // { batchItemFailures: [] }
 */
export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  logger.addContext(context);
  try {
    return await processPartialResponse(event, handleRecord, processor, {
      context,
      throwOnFullBatchFailure: false,
    });
  } finally {
    publishMetrics();
  }
}
