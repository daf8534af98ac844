// Waits until queues hold no messages, visible or in flight: their consumers have finished with them.

import { GetQueueAttributesCommand, type SQSClient } from "@aws-sdk/client-sqs";

const POLL_MS = 100;

/**
 * Resolves once every queue reports no visible and no in-flight messages (twice in a row, so a
 * message handed from one poll to the next is not missed).
 *
 * @example
 * await queuesDrained(sqs, [resources.messaging.queues.AlertQueue.url]);
 */
export async function queuesDrained(client: SQSClient, queueUrls: readonly string[]): Promise<void> {
  let emptyPolls = 0;
  while (emptyPolls < 2) {
    const counts = await Promise.all(
      queueUrls.map(async (QueueUrl) => {
        const { Attributes = {} } = await client.send(
          new GetQueueAttributesCommand({
            QueueUrl,
            AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
          }),
        );
        return (
          Number(Attributes.ApproximateNumberOfMessages ?? 0) +
          Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0)
        );
      }),
    );
    emptyPolls = counts.every((count) => count === 0) ? emptyPolls + 1 : 0;
    if (emptyPolls < 2) await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
