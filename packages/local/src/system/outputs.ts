// .local/outputs.json: where everything of the local run is, for scripts and the AWS CLI.

import type { SetAsideQueueName } from "@stock-patterns/core/catalog";
import type { Endpoints, LocalResources } from "@stock-patterns/emulators";
import { writeWholeFile } from "../files/whole-file";
import type { LocalApiKeys } from "./api-keys";

/** The contents of outputs.json. */
export interface LocalOutputs {
  apiUrl: string;
  consoleUrl: string;
  apiKeys: LocalApiKeys;
  endpoints: Endpoints;
  resources: {
    tables: Record<string, string>;
    stream: { name: string; arn: string };
    queues: Record<string, { url: string; arn: string; deadLetterUrl: string }>;
    /** Where records are set aside for people to read (RejectedMarketData, MarketDataFailures). */
    setAsideQueues: Record<SetAsideQueueName, { url: string; arn: string }>;
    topics: Record<string, string>;
    stateMachines: Record<string, string>;
  };
}

/** The outputs of a running system. */
export function localOutputs(
  apiUrl: string,
  apiKeys: LocalApiKeys,
  endpoints: Endpoints,
  resources: LocalResources,
): LocalOutputs {
  const { RejectedMarketData, MarketDataFailures } = resources.messaging.setAsideQueues;
  return {
    apiUrl,
    consoleUrl: `${apiUrl}/`,
    apiKeys,
    endpoints,
    resources: {
      tables: resources.tables,
      stream: { name: resources.stream.name, arn: resources.stream.arn },
      queues: Object.fromEntries(
        Object.entries(resources.messaging.queues).map(([name, queue]) => [
          name,
          { url: queue.url, arn: queue.arn, deadLetterUrl: queue.deadLetter.url },
        ]),
      ),
      // Written out by name, so that a set-aside queue added to the catalog fails to compile here until listed.
      setAsideQueues: {
        RejectedMarketData: { url: RejectedMarketData.url, arn: RejectedMarketData.arn },
        MarketDataFailures: { url: MarketDataFailures.url, arn: MarketDataFailures.arn },
      },
      topics: resources.messaging.topics,
      stateMachines: { [resources.stateMachine.name]: resources.stateMachine.arn },
    },
  };
}

/**
 * Write outputs.json (readable by this user only: it holds the API keys), whole: a script reading it as
 * a system starts reads the last run's or this one's, never half of it.
 *
 * @example
 * writeOutputs(".local/outputs.json", outputs);
 */
export function writeOutputs(file: string, outputs: LocalOutputs): void {
  writeWholeFile(file, `${JSON.stringify(outputs, null, 2)}\n`, 0o600);
}
