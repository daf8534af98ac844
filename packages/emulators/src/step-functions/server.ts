// A Step Functions endpoint speaking the service's JSON 1.0 protocol, backed by locally run executions.

import { createServer, type IncomingMessage, type Server } from "node:http";
import { refuseBrowsers } from "../servers/browser-guard";
import { type ExecutionRecord, type Executions, StartExecutionError } from "./executions";
import { MAX_PAYLOAD_BYTES } from "./payload-limit";

const MAX_BODY_BYTES = 1_048_576;
const CONTENT_TYPE = "application/x-amz-json-1.0";

/** An error answered the way the service answers it (HTTP 400, `__type` naming the error). */
class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const seconds = (date: Date | undefined) => (date ? date.getTime() / 1000 : undefined);

function describe(record: ExecutionRecord) {
  return {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: seconds(record.startDate),
    stopDate: seconds(record.stopDate),
    input: record.input,
    inputDetails: { included: true },
    output: record.output,
    outputDetails: record.output === undefined ? undefined : { included: true },
    error: record.error,
    cause: record.cause,
  };
}

function requiredString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== "string" || value === "") {
    throw new ServiceError("ValidationException", `1 validation error detected: '${field}' must be a string`);
  }
  return value;
}

function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  return body[field] === undefined ? undefined : requiredString(body, field);
}

function startArguments(body: Record<string, unknown>) {
  const input = optionalString(body, "input");
  // The execution input quota is 256 KiB of UTF-8, as for every payload; a string's length counts UTF-16
  // units, which lets text of multi-byte characters through at up to 3 times the quota.
  if (input !== undefined && Buffer.byteLength(input, "utf8") > MAX_PAYLOAD_BYTES) {
    throw new ServiceError(
      "ValidationException",
      `1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have length less than or equal to ${MAX_PAYLOAD_BYTES}`,
    );
  }
  return [requiredString(body, "stateMachineArn"), optionalString(body, "name"), input] as const;
}

async function operate(executions: Executions, operation: string, body: Record<string, unknown>) {
  switch (operation) {
    case "StartSyncExecution": {
      const [arn, name, input] = startArguments(body);
      const machine = executions.stateMachines().find((spec) => spec.arn === arn);
      if (machine && machine.type !== "EXPRESS") {
        throw new ServiceError(
          "StateMachineTypeNotSupported",
          "This operation is supported by EXPRESS state machines only",
        );
      }
      const record = await executions.start(arn, name, input).finished;
      return {
        ...describe(record),
        billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: 100 },
      };
    }
    case "StartExecution": {
      const { record } = executions.start(...startArguments(body));
      return { executionArn: record.executionArn, startDate: seconds(record.startDate) };
    }
    case "DescribeExecution": {
      const arn = requiredString(body, "executionArn");
      const record = executions.describe(arn);
      if (!record) throw new ServiceError("ExecutionDoesNotExist", `Execution Does Not Exist: '${arn}'`);
      return describe(record);
    }
    case "ListStateMachines":
      return {
        stateMachines: executions.stateMachines().map((spec) => ({
          stateMachineArn: spec.arn,
          name: spec.name,
          type: spec.type,
          creationDate: seconds(executions.createdAt),
        })),
      };
    case "DescribeStateMachine": {
      const arn = requiredString(body, "stateMachineArn");
      const spec = executions.stateMachines().find((machine) => machine.arn === arn);
      if (!spec) throw new ServiceError("StateMachineDoesNotExist", `State Machine Does Not Exist: '${arn}'`);
      return {
        stateMachineArn: spec.arn,
        name: spec.name,
        status: "ACTIVE",
        type: spec.type,
        definition: JSON.stringify(spec.definition),
        roleArn: spec.arn.replace(/:states:.*$/, ":iam::000000000000:role/local"),
        creationDate: seconds(executions.createdAt),
      };
    }
    default:
      throw new ServiceError("UnknownOperationException", `Operation ${operation} is not served locally`);
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new ServiceError("ValidationException", "Request body too large");
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * The endpoint: POST / with `X-Amz-Target: AWSStepFunctions.<Operation>`. Serves StartSyncExecution,
 * StartExecution, DescribeExecution, ListStateMachines and DescribeStateMachine. Like the other emulators it
 * answers the AWS SDK and CLI only (refuseBrowsers): it takes any credentials, and starting the
 * PatternDetector's workflow stores detections and raises alerts, which the API asks an analyst key for.
 *
 * @example
 * const server = stepFunctionsServer(new Executions([spec]));
 * const endpoint = await listen(server); // AWS_ENDPOINT_URL_SFN
 */
export function stepFunctionsServer(executions: Executions): Server {
  const server = createServer(async (request, response) => {
    const answer = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": CONTENT_TYPE });
      response.end(JSON.stringify(body));
    };
    try {
      const target = String(request.headers["x-amz-target"] ?? "");
      if (request.method !== "POST" || !target.startsWith("AWSStepFunctions.")) {
        throw new ServiceError(
          "UnknownOperationException",
          "Expected POST with X-Amz-Target: AWSStepFunctions.*",
        );
      }
      let body: unknown;
      try {
        body = JSON.parse((await readBody(request)) || "{}");
      } catch (error) {
        if (error instanceof ServiceError) throw error;
        throw new ServiceError("SerializationException", "Request body is not JSON");
      }
      if (typeof body !== "object" || body === null || Array.isArray(body)) {
        throw new ServiceError("SerializationException", "Request body must be a JSON object");
      }
      answer(
        200,
        await operate(executions, target.slice("AWSStepFunctions.".length), body as Record<string, unknown>),
      );
    } catch (error) {
      const known = error instanceof ServiceError || error instanceof StartExecutionError;
      const code =
        error instanceof ServiceError
          ? error.code
          : error instanceof StartExecutionError
            ? error.code
            : "InternalFailure";
      const message = error instanceof Error ? error.message : String(error);
      answer(known ? 400 : 500, { __type: `com.amazonaws.swf.service.v2.model#${code}`, message });
    }
  });
  return refuseBrowsers(server);
}
