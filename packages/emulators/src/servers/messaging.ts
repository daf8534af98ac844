// SQS and SNS on one machine: fauxqs speaks both JSON protocols, fans topics out to queues and redrives to DLQs.

import { buildApp } from "fauxqs";
import type { Emulator } from "./dynamodb";
import { LOOPBACK } from "./listen";

/**
 * Start fauxqs on loopback (its own `startFauxqs` binds every interface, so the app is listened here).
 * State lives in memory only (fauxqs has no disk store): queues and topics start empty on every run,
 * even with a data directory.
 *
 * @example
 * const messaging = await startMessaging(); // SQS and SNS clients both use messaging.endpoint
 */
export async function startMessaging(): Promise<Emulator> {
  const app = buildApp({ logger: false });
  const address = await app.listen({ port: 0, host: LOOPBACK });
  return { endpoint: new URL(address).origin, stop: () => app.close() };
}
