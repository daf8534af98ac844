// The synth's output format and small queries over it, shared by the synth, its CLI and the infra tests.
import type { FunctionBuild } from "./cli-server";
import type { SynthInvoke, SynthResource } from "./mocks";

export type { SynthResource };

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

/** One statement of an IAM policy document. */
export interface PolicyStatement {
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
  Principal?: Record<string, unknown>;
  Condition?: Record<string, unknown>;
}

/**
 * The statements of an SST function's role (`<name>Role`): its inline policies and any role policy
 * attached to it.
 * @example
 * const statements = functionPolicy(graph, "Api");
 */
export function functionPolicy(graph: SynthGraph, name: string): PolicyStatement[] {
  const role = resource(graph, "aws:iam/role:Role", `${name}Role`);
  const inline = ((role.inputs.inlinePolicies ?? []) as { policy: string }[]).map((p) => p.policy);
  const attached = ofType(graph, "aws:iam/rolePolicy:RolePolicy")
    .filter((p) => p.inputs.role === role.inputs.name)
    .map((p) => String(p.inputs.policy));
  return [...inline, ...attached].flatMap(
    (policy) => (JSON.parse(policy) as { Statement: PolicyStatement[] }).Statement,
  );
}

/** Every (action, resource) pair a function's role allows, for least-privilege checks. */
export function grants(graph: SynthGraph, name: string): { action: string; resource: string }[] {
  return pairs(graph, name, "Allow");
}

/** Every (action, resource) pair a function's role denies outright (a Deny overrides any Allow). */
export function denials(graph: SynthGraph, name: string): { action: string; resource: string }[] {
  return pairs(graph, name, "Deny");
}

function pairs(graph: SynthGraph, name: string, effect: "Allow" | "Deny") {
  const list = (value: string | string[]) => (Array.isArray(value) ? value : [value]);
  return functionPolicy(graph, name)
    .filter((s) => s.Effect === effect)
    .flatMap((s) =>
      list(s.Action).flatMap((action) => list(s.Resource).map((res) => ({ action, resource: res }))),
    );
}
