// The face of @stock-patterns/emulators: the AWS services on one machine (dynalite, kinesalite, fauxqs)
// and every resource of the catalog created in them, and a Step Functions endpoint running the real ASL:
// the one way `npm start` and the tests both use.

export { settleWithin } from "./deadline";
export {
  invokeFunction,
  type LambdaHandler,
  LambdaTimeoutError,
  type LocalFunction,
  lambdaContext,
  timeoutSecondsOf,
} from "./lambda";
export { resourceLinks, sstResourceVariables } from "./links";
export {
  dynamoDbClient,
  type Endpoints,
  kinesisClient,
  LOCAL_ACCOUNT,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  snsClient,
  sqsClient,
} from "./resources/clients";
export {
  createMessaging,
  type MessagingResources,
  type QueueResource,
  queueAttributes,
} from "./resources/messaging";
export { createResources, type LocalResources } from "./resources/resources";
export {
  createStream,
  holdsEveryRecord,
  type StreamHistory,
  type StreamResource,
  streamHistory,
} from "./resources/stream";
export { createTableInput, createTables, emptyTable } from "./resources/tables";
export {
  type DynamoDbEmulator,
  type DynamoDbOptions,
  type Emulator,
  type ItemWrites,
  startDynamoDb,
} from "./servers/dynamodb";
export { startKinesis } from "./servers/kinesis";
export { mendDamagedStores, StoreBeyondRepair, type StoreRepair } from "./servers/level-stores";
export { closeServer, LOOPBACK, listen } from "./servers/listen";
export { startMessaging } from "./servers/messaging";
export {
  type ServiceEndpoints,
  type ServicePorts,
  type Services,
  serviceEnvironment,
  startServices,
} from "./services";
export {
  type ExecutionOptions,
  type ExecutionRecord,
  type ExecutionStatus,
  Executions,
  StartExecutionError,
  type StateMachineSpec,
} from "./step-functions/executions";
export { stepFunctionsServer } from "./step-functions/server";
export { taskError } from "./step-functions/task-error";
