// The AWS services the handlers call, as in-process servers speaking the real wire protocols, started and
// provisioned by the same module as `npm start` (@stock-patterns/emulators): the same tables, queues,
// DLQs, topics and stream. Tests point the handlers' own SDK clients at them through AWS_ENDPOINT_URL_*.

import { createResources, resourceLinks, serviceEnvironment, startServices } from "@stock-patterns/emulators";
import { keepPort, keptPort } from "./worker";

export interface Emulators {
  /** Environment for the handlers: endpoints, credentials, SST_RESOURCE_* links, tap queue URLs. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * Starts dynalite (in memory), kinesalite and fauxqs (SQS + SNS) on loopback ports chosen by the OS,
 * creates every resource of the catalog as `npm start` does, and returns the environment the handlers
 * need, plus `TEST_TAP_<Topic>`: the queue subscribed to each topic, to read what was published. A
 * worker's later files get fresh emulators on its first file's ports (test/worker.ts).
 *
 * @example
 * const aws = await startEmulators();
 * Object.assign(process.env, aws.env);
 */
export async function startEmulators(): Promise<Emulators> {
  const services = await startServices(undefined, {
    dynamodb: keptPort("dynamodb"),
    kinesis: keptPort("kinesis"),
    messaging: keptPort("messaging"),
  });
  keepPort("dynamodb", services.endpoints.dynamodb);
  keepPort("kinesis", services.endpoints.kinesis);
  keepPort("messaging", services.endpoints.sqs);
  const resources = await createResources(services.endpoints);
  const env = { ...resourceLinks(resources), ...serviceEnvironment(services.endpoints) };
  for (const [topic, tap] of Object.entries(resources.messaging.taps)) env[`TEST_TAP_${topic}`] = tap.url;
  return { env, stop: services.stop };
}
