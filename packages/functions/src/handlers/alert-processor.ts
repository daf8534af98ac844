// AlertProcessor: AlertQueue batches (10) with partial batch responses; each alert routed once, a batch's
// publications sent together.

import type { SQSRecord } from "aws-lambda";
import { type Alert, parseAlertMessage, routeAlerts } from "#alerts";
import { count, logger } from "#observability";
import { sqsWholeBatchHandler } from "./sqs-batch";

function readAlert(record: SQSRecord): Alert | Error {
  try {
    return parseAlertMessage(record.body);
  } catch (error) {
    // Never valid, so it fails every receive and lands in the dead-letter queue, kept for inspection.
    logger.error("Malformed alert message", {
      messageId: record.messageId,
      body: record.body,
      error: error as Error,
    });
    count("MalformedAlertMessages");
    return error as Error;
  }
}

async function handleBatch(records: readonly SQSRecord[]): Promise<PromiseSettledResult<unknown>[]> {
  const read = records.map(readAlert);
  const alerts = read.filter((alert): alert is Alert => !(alert instanceof Error));
  const routed = await routeAlerts(alerts);
  let next = 0;
  // One line for the batch, the alerts by outcome: a line per alert (about 470 bytes with the invocation's
  // keys) was most of what the function printed. A failed one is retried, and its alert keeps its status.
  const outcomes: Record<string, string[]> = {};
  const results = read.map((alert): PromiseSettledResult<unknown> => {
    if (alert instanceof Error) return { status: "rejected", reason: alert };
    const result = routed[next++] ?? { status: "rejected", reason: new Error("not routed") };
    if (result.status === "fulfilled")
      outcomes[result.value] = [...(outcomes[result.value] ?? []), alert.alertId];
    return result;
  });
  if (Object.keys(outcomes).length > 0) logger.info("Alerts routed", { outcomes });
  return results;
}

/**
 * Lambda entry for AlertQueue: answers `{ batchItemFailures }` naming the messages to retry.
 *
 * @example
 * await handler(sqsEvent, context) // { batchItemFailures: [] }
 */
export const handler = sqsWholeBatchHandler("AlertProcessor", handleBatch);
