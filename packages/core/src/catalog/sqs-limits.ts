// SQS's own limits that the catalog's queues and the handlers are sized by (AWS's, not ours to set).

/**
 * SQS's largest message, and its largest SendMessageBatch (all entries together): 1 MiB.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html
 */
export const SQS_MESSAGE_LIMIT_BYTES = 1_048_576;

/**
 * The longest SQS keeps a received message out of sight, counted from its receive (a visibility timeout,
 * or ChangeMessageVisibility's): 12 hours.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ChangeMessageVisibility.html
 */
export const SQS_MAX_VISIBILITY_SECONDS = 43_200;
