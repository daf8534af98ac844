// The AWS SDK clients, created once per container and traced; endpoints come from the SDK's own env vars.

import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { LambdaClient } from "@aws-sdk/client-lambda";
import { SFNClient } from "@aws-sdk/client-sfn";
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { tracer } from "#observability";
import { withoutUnderflows } from "./number-underflow";

/**
 * Creates the client at its first use. Each client below is marked `@__PURE__`: a bare call at module
 * level counts to esbuild as a side effect, which kept all five clients and their SDK packages in every
 * function's bundle; marked, a bundle holds only the clients its handler reaches (infra/bundles.test.ts).
 */
function once<T>(create: () => T): () => T {
  let client: T | undefined;
  return () => {
    client ??= create();
    return client;
  };
}

/**
 * DynamoDB with plain JavaScript values (undefined fields dropped). Every number is a JavaScript number
 * both ways: core's valid-bar rule lets prices reach 1e30, past 2^53, where the client by default refuses
 * to write a number and reads one back as a BigInt (which JSON cannot carry) or not at all. A number of
 * magnitude below 1e-130, which DynamoDB refuses (a KS test's p), is written as 0 (number-underflow.ts).
 */
export const dynamo = /* @__PURE__ */ once(() => {
  const client = new DynamoDBClient({});
  // Before the document client's marshalling (lib-dynamodb's DocumentMarshall, at the serialize step).
  client.middlewareStack.add((next) => (args) => next({ ...args, input: withoutUnderflows(args.input) }), {
    step: "initialize",
    name: "numberUnderflow",
  });
  return DynamoDBDocumentClient.from(tracer.captureAWSv3Client(client), {
    marshallOptions: { removeUndefinedValues: true, allowImpreciseNumbers: true },
    unmarshallOptions: { wrapNumbers: Number },
  });
});

/** Whether an endpoint override (AWS_ENDPOINT_URL_<SERVICE> or AWS_ENDPOINT_URL) is set for a service. */
function overridden(service: string): boolean {
  return Boolean(process.env[`AWS_ENDPOINT_URL_${service}`] ?? process.env.AWS_ENDPOINT_URL);
}

/**
 * SQS. The client normally sends each call to its QueueUrl's host (the same host on AWS); with an
 * endpoint override every call goes to the override, whatever host an emulator writes into queue URLs.
 */
export const sqs = /* @__PURE__ */ once(() =>
  tracer.captureAWSv3Client(new SQSClient({ useQueueUrlAsEndpoint: !overridden("SQS") })),
);

export const sns = /* @__PURE__ */ once(() => tracer.captureAWSv3Client(new SNSClient({})));

/**
 * Step Functions. StartSyncExecution normally goes to the `sync-` host prefix; an endpoint override
 * (an emulator on loopback) has no such host, so the prefix is dropped then.
 */
export const sfn = /* @__PURE__ */ once(() =>
  tracer.captureAWSv3Client(
    new SFNClient({
      disableHostPrefix: overridden("SFN"),
    }),
  ),
);

export const lambda = /* @__PURE__ */ once(() => tracer.captureAWSv3Client(new LambdaClient({})));
