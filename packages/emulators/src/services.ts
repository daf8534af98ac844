// The three emulators started together, and the environment that points the AWS SDK at them.

import { LOCAL_CREDENTIALS, LOCAL_REGION } from "./resources/clients";
import { type DynamoDbEmulator, type DynamoDbOptions, startDynamoDb } from "./servers/dynamodb";
import { startKinesis } from "./servers/kinesis";
import { mendDamagedStores, type StoreRepair } from "./servers/level-stores";
import { type MessagingEmulator, startMessaging } from "./servers/messaging";

/** Where each emulated service answers; SQS and SNS share fauxqs. */
export interface ServiceEndpoints {
  dynamodb: string;
  kinesis: string;
  sqs: string;
  sns: string;
}

/** A port for each emulator to listen on; 0 or omitted: any free port. */
export interface ServicePorts {
  dynamodb?: number;
  kinesis?: number;
  /** SQS and SNS, one server. */
  messaging?: number;
}

/** The running emulators. */
export interface Services {
  endpoints: ServiceEndpoints;
  /** DynamoDB requests answered so far, by operation. */
  dynamoDbCalls: DynamoDbEmulator["calls"];
  /** A table's single-item writes so far, by item and operation, made or refused (with trackItemWrites). */
  dynamoDbItemWrites: DynamoDbEmulator["itemWrites"];
  /** SQS and SNS requests answered so far, by operation. */
  messagingCalls: MessagingEmulator["calls"];
  /** The data directory's stores found damaged and mended before their emulators started (level-stores.ts). */
  repairedStores: StoreRepair[];
  stop(): Promise<void>;
}

/**
 * Starts dynalite, kinesalite and fauxqs on loopback; with `dataDir`, tables and streams are kept there,
 * and a store there that LevelDB finds damaged is first copied aside and repaired (mendDamagedStores).
 * With `ports`, each listens where it is told: fresh, empty emulators where clients already point (a test
 * worker's next file). `dynamoDb`: how DynamoDB's is started (DynamoDbOptions). An emulator that started is
 * stopped again when a later one fails to.
 *
 * @example
 * const services = await startServices(); // services.endpoints.dynamodb -> http://127.0.0.1:PORT
 */
export async function startServices(
  dataDir?: string,
  ports: ServicePorts = {},
  dynamoDb: DynamoDbOptions = {},
): Promise<Services> {
  const started: { stop(): Promise<void> }[] = [];
  const stop = async () => {
    for (const emulator of started.splice(0).reverse()) await emulator.stop().catch(() => {});
  };
  try {
    const repairedStores = dataDir ? await mendDamagedStores(dataDir) : [];
    const dynamodb = await startDynamoDb(dataDir, ports.dynamodb, dynamoDb);
    started.push(dynamodb);
    const kinesis = await startKinesis(dataDir, ports.kinesis);
    started.push(kinesis);
    const messaging = await startMessaging(ports.messaging);
    started.push(messaging);
    const endpoints = {
      dynamodb: dynamodb.endpoint,
      kinesis: kinesis.endpoint,
      sqs: messaging.endpoint,
      sns: messaging.endpoint,
    };
    return {
      endpoints,
      dynamoDbCalls: dynamodb.calls,
      dynamoDbItemWrites: dynamodb.itemWrites,
      messagingCalls: messaging.calls,
      repairedStores,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Region, dummy credentials and `AWS_ENDPOINT_URL_*`: the SDK clients of the handlers reach the emulators.
 *
 * @example
 * Object.assign(process.env, serviceEnvironment(services.endpoints));
 */
export function serviceEnvironment(endpoints: ServiceEndpoints): Record<string, string> {
  return {
    AWS_REGION: LOCAL_REGION,
    AWS_DEFAULT_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_KINESIS: endpoints.kinesis,
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
    AWS_ENDPOINT_URL_SNS: endpoints.sns,
  };
}
