// Find the Task states of an ASL definition that invoke a given function, wherever they are nested.

import type { AslStateMachine } from "@stock-patterns/core/workflow";

/**
 * Names of every Task state (in the top level, Parallel branches and Map processors) whose Resource
 * is `resource`, so each can be bound to the local handler of that function.
 *
 * @example
 * taskStatesInvoking(patternAnalysisDefinition(arn), arn); // ["DataValidation", "HeadAndShouldersFamily", ...]
 */
export function taskStatesInvoking(definition: AslStateMachine, resource: string): string[] {
  const names: string[] = [];
  for (const [name, state] of Object.entries(definition.States)) {
    if (state.Type === "Task" && state.Resource === resource) names.push(name);
    if (state.Type === "Parallel") {
      for (const branch of state.Branches) names.push(...taskStatesInvoking(branch, resource));
    }
    if (state.Type === "Map") names.push(...taskStatesInvoking(state.ItemProcessor, resource));
  }
  return names;
}
