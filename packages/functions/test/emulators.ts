// The AWS services the handlers call, as in-process servers speaking the real wire protocols, provisioned
// by the same module as `npm start` (@stock-patterns/emulators): the same tables, queues, DLQs, topics
// and stream. Tests point the handlers' own SDK clients at them through AWS_ENDPOINT_URL_*.

import {
  createResources,
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  resourceLinks,
  startDynamoDb,
  startKinesis,
  startMessaging,
} from "@stock-patterns/emulators";

export interface Emulators {
  /** Environment for the handlers: endpoints, credentials, SST_RESOURCE_* links, tap queue URLs. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts dynalite (in memory), kinesalite and fauxqs (SQS + SNS) on 127.0.0.1 ports chosen by the OS,
 * creates every resource of the catalog as `npm start` does, and returns the environment the handlers
 * need, plus `TEST_TAP_<Topic>`: the queue subscribed to each topic, to read what was published.
 *
 * @example
 * const aws = await startEmulators();
 * Object.assign(process.env, aws.env);
 */
export async function startEmulators(): Promise<Emulators> {
  const [dynamodb, kinesis, messaging] = await Promise.all([
    startDynamoDb(),
    startKinesis(),
    startMessaging(),
  ]);
  const endpoints = {
    dynamodb: dynamodb.endpoint,
    kinesis: kinesis.endpoint,
    sqs: messaging.endpoint,
    sns: messaging.endpoint,
  };
  const resources = await createResources(endpoints);
  const env: Record<string, string> = {
    ...resourceLinks(resources),
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_KINESIS: endpoints.kinesis,
    AWS_ENDPOINT_URL_SQS: endpoints.sqs,
    AWS_ENDPOINT_URL_SNS: endpoints.sns,
  };
  for (const [topic, tap] of Object.entries(resources.messaging.taps)) env[`TEST_TAP_${topic}`] = tap.url;
  return {
    env,
    async stop() {
      await Promise.all([dynamodb.stop(), kinesis.stop(), messaging.stop()]);
    },
  };
}
