// The synth's output format and small queries over it, shared by the synth, its CLI and the infra tests.
import type { FunctionBuild } from "./cli-server";
import type { SynthInvoke, SynthResource } from "./mocks";

/** `.sst/synth/<stage>.json`: every resource with its inputs, the stack outputs and the providers. */
export interface SynthGraph {
  app: { name: string; stage: string; dev: boolean; removal: string; protect: boolean };
  resources: SynthResource[];
  outputs: Record<string, unknown>;
  providers: Record<string, unknown>;
  invokes: SynthInvoke[];
  /** SST CLI server methods the components called (e.g. `Runtime.Build`). */
  cliCalls: string[];
  /** Each function SST built (or registered for `sst dev`) with the names of its links. */
  functions: FunctionBuild[];
}

/**
 * All resources of a Pulumi type, e.g. `aws:dynamodb/table:Table`.
 * @example
 * const tables = ofType(graph, "aws:dynamodb/table:Table");
 */
export function ofType(graph: SynthGraph, type: string): SynthResource[] {
  return graph.resources.filter((r) => r.type === type);
}

/**
 * The one resource of a type with this logical name; throws when it is missing.
 * @example
 * const key = resource(graph, "aws:kms/key:Key", "DataKey");
 */
export function resource(graph: SynthGraph, type: string, name: string): SynthResource {
  const found = graph.resources.find((r) => r.type === type && r.name === name);
  if (!found) {
    const names = ofType(graph, type).map((r) => r.name);
    throw new Error(`No ${type} named ${name}; found: ${names.join(", ") || "none"}`);
  }
  return found;
}

/** Counts resources per type: a quick summary of a synth. */
export function summary(graph: SynthGraph): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of graph.resources) counts[r.type] = (counts[r.type] ?? 0) + 1;
  return counts;
}
