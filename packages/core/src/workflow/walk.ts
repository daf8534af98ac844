// Walks an ASL definition's states, nested Parallel branches and Map processors included: binding local
// handlers to Task states, and checking every task's Retry/Catch, read the same states.

import type { AslState, AslStateMachine, AslTaskState } from "./asl";

/**
 * Every state of a machine by name, each before the states nested in it (Parallel branches, Map
 * processors).
 *
 * @example
 * allStates(patternAnalysisDefinition(arn)).map(([name]) => name) // ["DataValidation", "PatternDetection", …]
 */
export function allStates(machine: AslStateMachine): [string, AslState][] {
  return Object.entries(machine.States).flatMap(([name, state]): [string, AslState][] => {
    const nested =
      state.Type === "Parallel" ? state.Branches : state.Type === "Map" ? [state.ItemProcessor] : [];
    return [[name, state], ...nested.flatMap(allStates)];
  });
}

/**
 * Every Task state by name, nested ones included.
 *
 * @example
 * taskStates(definition).filter(([, task]) => task.Resource === arn).map(([name]) => name)
 */
export function taskStates(machine: AslStateMachine): [string, AslTaskState][] {
  return allStates(machine).filter((entry): entry is [string, AslTaskState] => entry[1].Type === "Task");
}
