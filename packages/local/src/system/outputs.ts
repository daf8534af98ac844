// .local/outputs.json: where everything of the local run is, for scripts and the AWS CLI.

import {
  deadLetterQueueName,
  type OutputQueueName,
  QUEUE_URL_OUTPUTS,
  type QueueName,
  type QueueUrlOutputKey,
  type SetAsideQueueName,
} from "@stock-patterns/core/catalog";
import type { Endpoints, LocalResources, MessagingResources, QueueResource } from "@stock-patterns/emulators";
import { writeWholeFile } from "../files/whole-file";
import type { LocalApiKeys } from "./api-keys";

/**
 * The contents of outputs.json. Every queue's URL is also given at the top, under the key a deployed
 * stage's outputs give it (core's QUEUE_URL_OUTPUTS: AlertQueueDLQUrl, MarketDataFailuresQueueUrl, ...), so
 * one jq path reads it from .sst/outputs.json and .local/outputs.json alike.
 */
export interface LocalOutputs extends Record<QueueUrlOutputKey, string> {
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

/** Every queue's URL by its name: the catalog's queues, their dead-letter queues, the set-aside queues. */
function queueUrlsByName({ queues, setAsideQueues }: MessagingResources): Record<OutputQueueName, string> {
  const urls = {} as Record<OutputQueueName, string>;
  for (const [name, queue] of Object.entries(queues) as [QueueName, QueueResource][]) {
    urls[name] = queue.url;
    urls[deadLetterQueueName(name)] = queue.deadLetter.url;
  }
  for (const [name, queue] of Object.entries(setAsideQueues) as [SetAsideQueueName, { url: string }][])
    urls[name] = queue.url;
  return urls;
}

/** The outputs of a running system. */
export function localOutputs(
  apiUrl: string,
  apiKeys: LocalApiKeys,
  endpoints: Endpoints,
  resources: LocalResources,
): LocalOutputs {
  const { RejectedMarketData, MarketDataFailures } = resources.messaging.setAsideQueues;
  const queueUrls = Object.fromEntries(
    Object.entries(queueUrlsByName(resources.messaging)).map(([name, url]) => [
      QUEUE_URL_OUTPUTS[name as OutputQueueName],
      url,
    ]),
  ) as Record<QueueUrlOutputKey, string>;
  return {
    ...queueUrls,
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
