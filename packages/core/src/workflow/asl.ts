// The small slice of the Amazon States Language (JSONPath) the workflows use, typed so builders can't misspell it.

/** A retrier of a Task state's `Retry` field. */
export interface AslRetrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
}

/** A catcher of a Task state's `Catch` field. */
export interface AslCatcher {
  ErrorEquals: string[];
  ResultPath?: string;
  Next: string;
}

/** Fields every state may carry (JSONPath query language). */
interface AslStateBase {
  Comment?: string;
  InputPath?: string;
  OutputPath?: string;
  Next?: string;
  End?: boolean;
}

export interface AslTaskState extends AslStateBase {
  Type: "Task";
  Resource: string;
  Parameters?: Record<string, unknown>;
  ResultSelector?: Record<string, unknown>;
  ResultPath?: string | null;
  TimeoutSeconds?: number;
  Retry?: AslRetrier[];
  Catch?: AslCatcher[];
}

export interface AslParallelState extends AslStateBase {
  Type: "Parallel";
  Branches: AslStateMachine[];
  Parameters?: Record<string, unknown>;
  ResultSelector?: Record<string, unknown>;
  ResultPath?: string | null;
  Retry?: AslRetrier[];
  Catch?: AslCatcher[];
}

export interface AslMapState extends AslStateBase {
  Type: "Map";
  ItemsPath?: string;
  ItemSelector?: Record<string, unknown>;
  MaxConcurrency?: number;
  ItemProcessor: AslStateMachine & { ProcessorConfig?: { Mode: "INLINE" } };
  ResultPath?: string | null;
  Catch?: AslCatcher[];
}

export interface AslPassState extends AslStateBase {
  Type: "Pass";
  Parameters?: Record<string, unknown>;
  Result?: unknown;
  ResultPath?: string | null;
}

export interface AslSucceedState {
  Type: "Succeed";
  Comment?: string;
}

export interface AslFailState {
  Type: "Fail";
  Comment?: string;
  Error?: string;
  Cause?: string;
}

export type AslState =
  | AslTaskState
  | AslParallelState
  | AslMapState
  | AslPassState
  | AslSucceedState
  | AslFailState;

/** A state machine (or a Parallel branch / Map processor). */
export interface AslStateMachine {
  Comment?: string;
  StartAt: string;
  TimeoutSeconds?: number;
  States: Record<string, AslState>;
}
