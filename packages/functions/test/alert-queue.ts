// AlertQueue drained through the AlertProcessor, as its event source does it: poll, handle, delete what
// succeeded, until the queue answers empty.

import { handler as alertProcessor } from "#handlers/alert-processor";
import { deleteSucceeded, lambdaContext, queueUrl, receiveSqsEvent } from "./aws";

/**
 * Routes everything on AlertQueue (a failed message stays, hidden for its visibility timeout).
 * @example await routeQueuedAlerts(); // every raised alert published or sent for approval
 */
export async function routeQueuedAlerts(): Promise<void> {
  const url = queueUrl("AlertQueue");
  for (;;) {
    const event = await receiveSqsEvent(url);
    if (event.Records.length === 0) return;
    const response = await alertProcessor(event, lambdaContext("AlertProcessor"));
    await deleteSucceeded(url, event, response.batchItemFailures);
  }
}
