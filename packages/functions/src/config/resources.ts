// Where the linked AWS resources are: SST links in Lambda, SST_RESOURCE_<Name> variables on one machine.

import { Resource } from "sst";

/** The links this code reads, by SST link name. */
export interface LinkedResources {
  TradingPatterns: { name: string };
  Alerts: { name: string };
  ApprovalTracking: { name: string };
  SymbolWindows: { name: string };
  EvidenceSnapshots: { name: string };
  AlertQueue: { url: string };
  PendingApprovals: { url: string };
  RejectedMarketData: { url: string };
  TradingAlerts: { arn: string };
  AlertApprovalRequests: { arn: string };
  PatternAnalysisWorkflow: { arn: string };
  ApiKeys: { value: string };
}

/**
 * One field of a linked resource; throws a clear error when the link is missing, instead of an
 * undefined table name reaching the SDK.
 *
 * @example
 * const table = linked("Alerts", "name");
 */
export function linked<N extends keyof LinkedResources, F extends keyof LinkedResources[N]>(
  name: N,
  field: F,
): LinkedResources[N][F] {
  const all = Resource as unknown as Record<string, Record<string, unknown> | undefined>;
  let resource: Record<string, unknown> | undefined;
  try {
    resource = all[name];
  } catch {
    resource = undefined;
  }
  const value = resource?.[field as string];
  if (value === undefined || value === null || value === "") {
    throw new Error(`resource ${name}.${String(field)} is not linked (set SST_RESOURCE_${name} outside SST)`);
  }
  return value as LinkedResources[N][F];
}
