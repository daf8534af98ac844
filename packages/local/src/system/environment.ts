// The process environment the handlers run in: SST links, emulator endpoints, credentials, Powertools.

import { devNull } from "node:os";
import { RECORD_RETENTION, recordRetentionDays } from "@stock-patterns/core/catalog";
import { METRICS_NAMESPACE } from "@stock-patterns/core/contracts";
import {
  type LocalResources,
  resourceLinks,
  serviceEnvironment,
  sstResourceVariables,
} from "@stock-patterns/emulators";
import { TRACING_OFF } from "@stock-patterns/functions/src/observability/tracing-off";

/**
 * `SST_RESOURCE_<Name>` variables (JSON), which `Resource` from "sst" reads: the links infra gives
 * each function.
 *
 * @example
 * sstLinks(resources, apiKeysSecret(keys)).SST_RESOURCE_Alerts; // '{"name":"Alerts"}'
 */
export function sstLinks(resources: LocalResources, apiKeysSecretValue: string): Record<string, string> {
  return {
    ...resourceLinks(resources),
    ...sstResourceVariables({
      App: { name: "stock-patterns", stage: "local" },
      ApiKeys: { value: apiKeysSecretValue },
    }),
  };
}

/**
 * The functions' RECORD_RETENTION_DAYS for a system keeping settled detections `days` (`npm start
 * --retention-days`), always set: empty keeps every detection, so a value this process inherited is not
 * used. Throws core's error for days it refuses, before anything starts.
 *
 * @example
 * retentionEnvironment(90) // { RECORD_RETENTION_DAYS: "90" }
 * retentionEnvironment(undefined) // { RECORD_RETENTION_DAYS: "" }
 */
export function retentionEnvironment(days: number | undefined): Record<string, string> {
  return { [RECORD_RETENTION.variable]: String(recordRetentionDays(days) ?? "") };
}

/**
 * Everything the handlers need in their environment, except the Step Functions endpoint and the
 * approval base URL, which the runtime process sets once its own servers listen.
 *
 * @example
 * fork(entry, { env: { ...process.env, ...functionsEnvironment(endpoints, resources, secret) } });
 */
export function functionsEnvironment(
  endpoints: { dynamodb: string; kinesis: string; sqs: string; sns: string },
  resources: LocalResources,
  apiKeysSecretValue: string,
  retentionDays?: number,
): Record<string, string> {
  return {
    ...sstLinks(resources, apiKeysSecretValue),
    ...retentionEnvironment(retentionDays),
    ...serviceEnvironment(endpoints),
    POWERTOOLS_SERVICE_NAME: "stock-patterns",
    POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    ...TRACING_OFF,
  };
}

/**
 * The functions' runtime process's environment: `inherited` (this process's) without any `AWS_` setting of
 * the shell npm start ran in (a developer's profile, session token, endpoints, credentials), the SDK's
 * shared config and credentials files pointed at the null device (its ~/.aws/config may name a profile's
 * endpoint_url, region or retries), then `functions`. The handlers' SDK clients find only the emulators'
 * endpoints and the dummy credentials: a laptop's real credentials never reach a handler, and no request
 * leaves the machine (tried: under a shell with AWS_PROFILE, real-looking keys and AWS_ENDPOINT_URL_*
 * for every service set, the whole replay connected to 127.0.0.1 only).
 *
 * @example
 * fork(entry, { env: runtimeEnvironment(process.env, functionsEnvironment(endpoints, resources, secret)) });
 */
export function runtimeEnvironment(
  inherited: NodeJS.ProcessEnv,
  functions: Record<string, string>,
): NodeJS.ProcessEnv {
  const kept = Object.entries(inherited).filter(([name]) => !name.startsWith("AWS_"));
  return {
    ...Object.fromEntries(kept),
    AWS_CONFIG_FILE: devNull,
    AWS_SHARED_CREDENTIALS_FILE: devNull,
    ...functions,
  };
}
