// Find the Task states of an ASL definition that invoke a given function, wherever they are nested.

import { type AslStateMachine, taskStates } from "@stock-patterns/core/workflow";

/**
 * Names of every Task state (in the top level, Parallel branches and Map processors) whose Resource
 * is `resource`, so each can be bound to the local handler of that function.
 *
 * @example
 * taskStatesInvoking(patternAnalysisDefinition(arn), arn); // ["DataValidation", "HeadAndShouldersFamily", ...]
 */
export function taskStatesInvoking(definition: AslStateMachine, resource: string): string[] {
  return taskStates(definition)
    .filter(([, task]) => task.Resource === resource)
    .map(([name]) => name);
}
