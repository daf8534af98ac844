// A Step Functions endpoint for tests: StartSyncExecution (AWS JSON 1.0) running the real ASL with
// aws-local-stepfunctions, every Task state bound to a handler in this process.

import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type AslStateMachine, taskStates } from "@stock-patterns/core/workflow";
import { ExecutionError, StateMachine } from "aws-local-stepfunctions";

/** What a Task state runs: the PatternDetector handler, or a wrapper around it. */
export type TaskHandler = (input: unknown) => Promise<unknown>;

/** How an execution ended, as StartSyncExecution reports it. */
export interface ExecutionOutcome {
  status: "SUCCEEDED" | "FAILED";
  output?: unknown;
  error?: string;
  cause?: string;
}

/**
 * Runs a definition locally. `retryIntervalMs` replaces the Retry waits (0 keeps tests quick; the
 * attempts and backoff order are unchanged).
 */
export async function runWorkflow(
  definition: AslStateMachine,
  input: unknown,
  task: TaskHandler,
  retryIntervalMs = 0,
): Promise<ExecutionOutcome> {
  const names = taskStates(definition).map(([name]) => name);
  const machine = new StateMachine(definition as never, { validationOptions: { checkArn: false } });
  const execution = machine.run(input as never, {
    overrides: {
      taskResourceLocalHandlers: Object.fromEntries(
        names.map((name) => [name, async (event: unknown) => (await task(event)) as never]),
      ),
      retryIntervalOverrides: Object.fromEntries(names.map((name) => [name, retryIntervalMs])),
    },
    context: {
      Execution: { Id: `exec-${randomUUID()}`, Input: input, StartTime: new Date().toISOString() },
    } as never,
  });
  try {
    return { status: "SUCCEEDED", output: await execution.result };
  } catch (error) {
    if (!(error instanceof ExecutionError)) throw error;
    const cause = error.cause as { name?: string; message?: string } | undefined;
    return {
      status: "FAILED",
      error: cause?.name ?? "States.Runtime",
      cause: cause?.message ?? error.message,
    };
  }
}

/** A running endpoint: set AWS_ENDPOINT_URL_SFN to `url`. */
export interface StepFunctionsEndpoint {
  url: string;
  stop(): Promise<void>;
}

/**
 * Serves StartSyncExecution for the given state machines (by ARN) on a loopback port.
 *
 * @example
 * const sfn = await startStepFunctions({ [arn]: patternAnalysisDefinition(arn) }, detectorHandler);
 */
export async function startStepFunctions(
  machines: Record<string, AslStateMachine>,
  task: TaskHandler,
): Promise<StepFunctionsEndpoint> {
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", async () => {
      const reply = (status: number, body: unknown) => {
        response.writeHead(status, { "Content-Type": "application/x-amz-json-1.0" });
        response.end(JSON.stringify(body));
      };
      const target = String(request.headers["x-amz-target"] ?? "");
      if (target !== "AWSStepFunctions.StartSyncExecution") {
        return reply(400, { __type: "UnknownOperationException", message: `${target} is not served here` });
      }
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
        stateMachineArn: string;
        input?: string;
        name?: string;
      };
      const definition = machines[body.stateMachineArn];
      if (!definition) {
        return reply(400, {
          __type: "StateMachineDoesNotExist",
          message: `no state machine ${body.stateMachineArn}`,
        });
      }
      const name = body.name ?? randomUUID();
      const startDate = Date.now() / 1000;
      const input = body.input ?? "{}";
      const outcome = await runWorkflow(definition, JSON.parse(input), task);
      reply(200, {
        executionArn: `${body.stateMachineArn.replace(":stateMachine:", ":express:")}:${name}:${randomUUID()}`,
        stateMachineArn: body.stateMachineArn,
        name,
        startDate,
        stopDate: Date.now() / 1000,
        status: outcome.status,
        input,
        output: outcome.output === undefined ? undefined : JSON.stringify(outcome.output),
        error: outcome.error,
        cause: outcome.cause,
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
