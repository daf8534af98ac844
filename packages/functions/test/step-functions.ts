// The tests' use of the one local Step Functions runner (@stock-patterns/emulators): the real ASL run by
// aws-local-stepfunctions, every Task state bound to a handler in this process, Retry waits set to 0.

import { type AslStateMachine, taskStates } from "@stock-patterns/core/workflow";
import { Executions, type LambdaHandler, type StateMachineSpec } from "@stock-patterns/emulators";

/** Retry waits in tests: none, so a retried task is retried at once (attempts and order unchanged). */
const TEST_RETRY_INTERVAL_MS = 0;

/** What a Task state runs: the PatternDetector handler, or a wrapper around it. */
export type TaskHandler = (input: unknown) => Promise<unknown>;

/** How an execution ended: the record's output parsed, `error`/`cause` as Step Functions reports them. */
export interface ExecutionOutcome {
  status: string;
  output?: unknown;
  error?: string;
  cause?: string;
}

const functionName = (resource: string) => resource.split(":").at(-1) ?? resource;

/**
 * An EXPRESS state machine whose every Task resource runs `task`.
 *
 * @example
 * new Executions([workflowSpec(arn, patternAnalysisDefinition(detectorArn), handler)], { retryIntervalMs: 0 });
 */
export function workflowSpec(arn: string, definition: AslStateMachine, task: TaskHandler): StateMachineSpec {
  const handler: LambdaHandler = (event) => task(event);
  const resources = new Set(taskStates(definition).map(([, state]) => state.Resource));
  return {
    name: functionName(arn),
    arn,
    type: "EXPRESS",
    definition,
    tasks: Object.fromEntries(
      [...resources].map((resource) => [resource, { functionName: functionName(resource), handler }]),
    ),
  };
}

/** The tests' executions: Retry waits of 0. */
export const testExecutions = (specs: StateMachineSpec[]) =>
  new Executions(specs, { retryIntervalMs: TEST_RETRY_INTERVAL_MS });

const RUN_ARN = "arn:aws:states:us-east-1:000000000000:stateMachine:UnderTest";

/**
 * Runs a definition once, as StartSyncExecution would.
 *
 * @example
 * const outcome = await runWorkflow(patternAnalysisDefinition(arn), input, (event) => handler(event));
 */
export async function runWorkflow(
  definition: AslStateMachine,
  input: unknown,
  task: TaskHandler,
): Promise<ExecutionOutcome> {
  const executions = testExecutions([workflowSpec(RUN_ARN, definition, task)]);
  const record = await executions.start(RUN_ARN, undefined, JSON.stringify(input)).finished;
  return {
    status: record.status,
    output: record.output === undefined ? undefined : JSON.parse(record.output),
    error: record.error,
    cause: record.cause,
  };
}
