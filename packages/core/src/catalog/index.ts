// The system's resources described once: infra declares them on AWS, the local system creates them
// in the emulators, and the repositories read key names from here. Pure data, no AWS imports. One file a
// kind of resource; this face exports them all.

export { ALERT_FEED_SHARDS, alertFeedShard, feedValues, shardedFeed } from "./alert-feeds";
export { APPROVAL_DEFERRALS, APPROVAL_TTL_SECONDS } from "./approval-hour";
export { APPROVAL_AUDIT_RETENTION_SECONDS, APPROVAL_OPEN_RETENTION_SECONDS } from "./approval-keep";
export { EVENT_SOURCES, STREAM } from "./event-sources";
export {
  FUNCTION_TIMEOUT_SECONDS,
  type FunctionName,
  RECOVERY_TIMING_MAX_SECONDS,
  SWEEP_GRACE_SECONDS,
} from "./functions";
export {
  deadLetterQueueName,
  type OutputQueueName,
  QUEUE_URL_OUTPUTS,
  QUEUES,
  type QueueName,
  type QueueSpec,
  type QueueUrlOutputKey,
  SET_ASIDE_QUEUES,
  type SetAsideQueueName,
  type SetAsideQueueSpec,
  TOPICS,
  type TopicName,
} from "./queues";
export { RECORD_RETENTION, recordExpiry, recordRetentionDays } from "./record-retention";
export { SQS_MAX_VISIBILITY_SECONDS, SQS_MESSAGE_LIMIT_BYTES } from "./sqs-limits";
export { STEP_FUNCTIONS_PAYLOAD_BYTES } from "./step-functions-limits";
export {
  EVIDENCE_RETENTION,
  type IndexSpec,
  projectionOf,
  TABLES,
  type TableName,
  type TableSpec,
} from "./tables";
