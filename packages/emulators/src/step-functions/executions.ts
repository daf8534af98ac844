// Runs state machine executions with aws-local-stepfunctions and keeps their records for DescribeExecution.

import { randomUUID } from "node:crypto";
import type { AslStateMachine } from "@stock-patterns/core/workflow";
import {
  ExecutionError,
  ExecutionTimeoutError,
  StateMachine,
  type StateMachineDefinition,
} from "aws-local-stepfunctions";
import { invokeFunction, type LocalFunction } from "../lambda";
import { taskStatesInvoking } from "./bind-tasks";
import { type DataLimitExceeded, payloadOverLimit } from "./payload-limit";
import { taskError } from "./task-error";

/** A state machine the local endpoint serves, with the local function behind each task resource. */
export interface StateMachineSpec {
  name: string;
  arn: string;
  type: "STANDARD" | "EXPRESS";
  definition: AslStateMachine;
  /** Task resource ARN -> the function that runs it locally (held to its timeout, as Lambda holds it). */
  tasks: Record<string, LocalFunction>;
}

export type ExecutionStatus = "RUNNING" | "SUCCEEDED" | "FAILED" | "TIMED_OUT";

/** One execution, as DescribeExecution reports it. */
export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
}

/** How the executions run. */
export interface ExecutionOptions {
  /**
   * Replaces every Retry wait of every Task state, in milliseconds (0 keeps tests quick; the attempts
   * and the order of the retriers are unchanged). Unset, each retrier waits its own IntervalSeconds
   * with its BackoffRate, as the ASL says.
   */
  retryIntervalMs?: number;
}

/** Executions kept for DescribeExecution; older ones are forgotten so a long local run stays small. */
const KEPT_EXECUTIONS = 1000;

/** Why a start request was refused, named as Step Functions names the error. */
export class StartExecutionError extends Error {
  constructor(
    readonly code: "StateMachineDoesNotExist" | "ExecutionAlreadyExists" | "InvalidExecutionInput",
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

/**
 * The executions of a set of state machines.
 *
 * @example
 * const executions = new Executions([spec]); // or new Executions([spec], { retryIntervalMs: 0 }) in tests
 * const record = await executions.start(spec.arn, undefined, '{"symbol":"SPX"}').finished;
 */
export class Executions {
  private readonly machines = new Map<string, { spec: StateMachineSpec; machine: StateMachine }>();
  private readonly records = new Map<string, ExecutionRecord>();
  private readonly running = new Set<Promise<ExecutionRecord>>();
  /** When the state machines were created (this endpoint's start). */
  readonly createdAt = new Date();

  constructor(
    specs: StateMachineSpec[],
    private readonly options: ExecutionOptions = {},
  ) {
    for (const spec of specs) {
      // Core's ASL types are the JSONPath subset the workflows use; the library's are the whole language.
      const definition = spec.definition as unknown as StateMachineDefinition;
      this.machines.set(spec.arn, { spec, machine: new StateMachine(definition) });
    }
  }

  /** The state machines served, for ListStateMachines / DescribeStateMachine. */
  stateMachines(): StateMachineSpec[] {
    return [...this.machines.values()].map(({ spec }) => spec);
  }

  /** The record of an execution started here, if it is still kept. */
  describe(executionArn: string): ExecutionRecord | undefined {
    return this.records.get(executionArn);
  }

  /**
   * Start an execution; `finished` settles (never rejects) with the final record.
   * @throws StartExecutionError for an unknown machine, a reused name or input that is not JSON.
   */
  start(
    stateMachineArn: string,
    name: string | undefined,
    input: string | undefined,
  ): { record: ExecutionRecord; finished: Promise<ExecutionRecord> } {
    const entry = this.machines.get(stateMachineArn);
    if (!entry) {
      throw new StartExecutionError(
        "StateMachineDoesNotExist",
        `State Machine Does Not Exist: '${stateMachineArn}'`,
      );
    }
    const inputText = input ?? "{}";
    let parsedInput: unknown;
    try {
      parsedInput = JSON.parse(inputText);
    } catch {
      throw new StartExecutionError(
        "InvalidExecutionInput",
        "Invalid State Machine Execution Input: not JSON",
      );
    }
    const executionName = name ?? randomUUID();
    const { spec, machine } = entry;
    const executionArn =
      spec.type === "EXPRESS"
        ? `${stateMachineArn.replace(":stateMachine:", ":express:")}:${executionName}:${randomUUID()}`
        : `${stateMachineArn.replace(":stateMachine:", ":execution:")}:${executionName}`;
    if (this.records.has(executionArn)) {
      throw new StartExecutionError("ExecutionAlreadyExists", `Execution Already Exists: '${executionArn}'`);
    }
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn,
      name: executionName,
      status: "RUNNING",
      startDate: new Date(),
      input: inputText,
    };
    this.keep(record);
    const finished = this.run(spec, machine, record, parsedInput);
    this.running.add(finished);
    void finished.then(() => this.running.delete(finished));
    return { record, finished };
  }

  /**
   * Settles when every execution started so far has finished: nothing of theirs is left to run against
   * services about to stop (a test file's end, before its emulators go).
   *
   * @example
   * await executions.allFinished();
   */
  async allFinished(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running);
  }

  private async run(
    spec: StateMachineSpec,
    machine: StateMachine,
    record: ExecutionRecord,
    input: unknown,
  ): Promise<ExecutionRecord> {
    const overrides: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const [resource, task] of Object.entries(spec.tasks)) {
      for (const state of taskStatesInvoking(spec.definition, resource)) {
        overrides[state] = async (taskInput) => {
          // The task's input here is after Parameters, which is what AWS measures; its result before
          // ResultPath (the state's output is measured from the event log below).
          const input = payloadOverLimit(taskInput, `The input of state '${state}'`);
          if (input) throw input;
          let result: unknown;
          try {
            result = await invokeFunction(task, taskInput);
          } catch (error) {
            throw taskError(error);
          }
          const returned = payloadOverLimit(result, `The result returned to state '${state}'`);
          if (returned) throw returned;
          return result;
        };
      }
    }
    const { retryIntervalMs } = this.options;
    const retryIntervalOverrides =
      retryIntervalMs === undefined
        ? undefined
        : Object.fromEntries(Object.keys(overrides).map((state) => [state, retryIntervalMs]));
    const execution = machine.run(input as never, {
      overrides: { taskResourceLocalHandlers: overrides as never, retryIntervalOverrides },
      context: {
        Execution: { Id: record.executionArn, Name: record.name },
        StateMachine: { Id: spec.arn, Name: spec.name },
      },
    });
    // Every state's input and output, Catch's merged error included, held to the payload quota. The
    // events arrive just after the fact: a state after an oversized one may have started when it is seen.
    let exceeded: DataLimitExceeded | undefined;
    const watching = (async () => {
      for await (const event of execution.eventLogs) {
        if (event.type === "StateEntered") {
          exceeded = payloadOverLimit(event.state.input, `The input of state '${event.state.name}'`);
        } else if (event.type === "StateExited") {
          exceeded = payloadOverLimit(event.state.output, `The output of state '${event.state.name}'`);
        }
        if (exceeded) {
          execution.abort();
          return;
        }
      }
    })();
    try {
      const output = await execution.result;
      await watching;
      if (exceeded) throw exceeded;
      Object.assign(record, { status: "SUCCEEDED", output: JSON.stringify(output ?? null) });
    } catch (caught) {
      await watching;
      const error = exceeded ?? caught;
      if (error instanceof ExecutionTimeoutError) {
        Object.assign(record, { status: "TIMED_OUT", error: "States.Timeout", cause: error.message });
      } else {
        const failure = error instanceof ExecutionError && error.cause instanceof Error ? error.cause : error;
        Object.assign(record, {
          status: "FAILED",
          error: failure instanceof Error ? failure.name : "States.Runtime",
          cause: failure instanceof Error ? failure.message : String(failure),
        });
      }
    }
    record.stopDate = new Date();
    return record;
  }

  private keep(record: ExecutionRecord): void {
    this.records.set(record.executionArn, record);
    if (this.records.size > KEPT_EXECUTIONS) {
      const oldest = this.records.keys().next().value;
      if (oldest !== undefined) this.records.delete(oldest);
    }
  }
}
