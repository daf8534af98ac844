// The SST links of the emulated resources: the `SST_RESOURCE_<Name>` variables (JSON) that `Resource`
// from "sst" reads, as infra links them to each function.

import type { LocalResources } from "./resources/resources";

/**
 * A link for every table, queue, set-aside queue, topic and the state machine: what infra links to the
 * functions (none links the stream: the consumer is handed its records by the event source mapping).
 *
 * @example
 * resourceLinks(resources).SST_RESOURCE_Alerts; // '{"name":"Alerts"}'
 */
export function resourceLinks(resources: LocalResources): Record<string, string> {
  const links: Record<string, unknown> = {
    PatternAnalysisWorkflow: { arn: resources.stateMachine.arn },
  };
  for (const [name, table] of Object.entries(resources.tables)) links[name] = { name: table };
  for (const [name, queue] of Object.entries(resources.messaging.queues)) links[name] = { url: queue.url };
  for (const [name, queue] of Object.entries(resources.messaging.setAsideQueues))
    links[name] = { url: queue.url };
  for (const [name, arn] of Object.entries(resources.messaging.topics)) links[name] = { arn };
  return sstResourceVariables(links);
}

/**
 * Links as `SST_RESOURCE_<Name>` variables.
 *
 * @example
 * sstResourceVariables({ App: { name: "stock-patterns" } }) // { SST_RESOURCE_App: '{"name":"stock-patterns"}' }
 */
export function sstResourceVariables(links: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(links).map(([name, value]) => [`SST_RESOURCE_${name}`, JSON.stringify(value)]),
  );
}
