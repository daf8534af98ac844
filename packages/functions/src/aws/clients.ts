// The AWS SDK clients, created once per container and traced; endpoints come from the SDK's own env vars.

import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { SFNClient } from "@aws-sdk/client-sfn";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { tracer } from "../observability/tracer";

function once<T>(create: () => T): () => T {
  let client: T | undefined;
  return () => {
    client ??= create();
    return client;
  };
}

/** DynamoDB with plain JavaScript values (undefined fields dropped). */
export const dynamo = once(() =>
  DynamoDBDocumentClient.from(tracer.captureAWSv3Client(new DynamoDBClient({})), {
    marshallOptions: { removeUndefinedValues: true },
  }),
);

export const sqs = once(() => tracer.captureAWSv3Client(new SQSClient({})));

export const sns = once(() => tracer.captureAWSv3Client(new SNSClient({})));

/**
 * Step Functions. StartSyncExecution normally goes to the `sync-` host prefix; an endpoint override
 * (an emulator on loopback) has no such host, so the prefix is dropped then.
 */
export const sfn = once(() =>
  tracer.captureAWSv3Client(
    new SFNClient({
      disableHostPrefix: Boolean(process.env.AWS_ENDPOINT_URL_SFN ?? process.env.AWS_ENDPOINT_URL),
    }),
  ),
);

export const lambda = once(() => tracer.captureAWSv3Client(new LambdaClient({})));
