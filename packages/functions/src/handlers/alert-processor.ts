// AlertProcessor: AlertQueue batches (10) with partial batch responses; each alert routed once.

import type { SQSRecord } from "aws-lambda";
import { parseAlertMessage, routeAlert } from "#alerts";
import { count, logger } from "#observability";
import { sqsBatchHandler } from "./sqs-batch";

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
export const handler = sqsBatchHandler("AlertProcessor", handleRecord);
