// AWS SDK clients pointed at the local emulators, built one way for every part of the local system.

import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { KinesisClient } from "@aws-sdk/client-kinesis";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { NodeHttpHandler } from "@smithy/node-http-handler";

/** Where each emulated service answers. SQS and SNS share one emulator. */
export interface Endpoints {
  dynamodb: string;
  kinesis: string;
  sqs: string;
  sns: string;
  stepfunctions: string;
}

/** The region every local resource lives in. */
export const LOCAL_REGION = "us-east-1";
/** The account id the emulators put in ARNs. */
export const LOCAL_ACCOUNT = "000000000000";
/** Emulators accept any credentials; these are the dummy ones everything local uses. */
export const LOCAL_CREDENTIALS = { accessKeyId: "local", secretAccessKey: "local" };

const base = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };

/** @example const ddb = dynamoDbClient(endpoints.dynamodb); */
export function dynamoDbClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ ...base, endpoint });
}

/**
 * Kinesis needs the HTTP/1.1 handler: kinesalite does not speak the SDK's default HTTP/2.
 *
 * @example const kinesis = kinesisClient(endpoints.kinesis);
 */
export function kinesisClient(endpoint: string): KinesisClient {
  return new KinesisClient({ ...base, endpoint, requestHandler: new NodeHttpHandler() });
}

/** @example const sqs = sqsClient(endpoints.sqs); */
export function sqsClient(endpoint: string): SQSClient {
  return new SQSClient({ ...base, endpoint });
}

/** @example const sns = snsClient(endpoints.sns); */
export function snsClient(endpoint: string): SNSClient {
  return new SNSClient({ ...base, endpoint });
}
