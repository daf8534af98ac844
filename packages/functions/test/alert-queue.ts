// AlertQueue drained through the AlertProcessor, as its event source does it: poll, handle, delete what
// succeeded, until the queue answers empty.

import type { SQSEvent } from "aws-lambda";
import { handler as alertProcessor } from "#handlers/alert-processor";
import { deleteSucceeded, lambdaContext, queueUrl, receiveSqsEvent } from "./aws";

/**
 * Routes everything on AlertQueue (a failed message stays, hidden for its visibility timeout); `seen` is
 * shown each event first.
 * @example await routeQueuedAlerts(); // every raised alert published or sent for approval
 */
export async function routeQueuedAlerts(seen?: (event: SQSEvent) => void): Promise<void> {
  const url = queueUrl("AlertQueue");
  for (;;) {
    const event = await receiveSqsEvent(url);
    if (event.Records.length === 0) return;
    seen?.(event);
    const response = await alertProcessor(event, lambdaContext("AlertProcessor"));
    await deleteSucceeded(url, event, response.batchItemFailures);
  }
}
