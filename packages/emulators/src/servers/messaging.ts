// SQS and SNS on one machine: fauxqs speaks both JSON protocols, fans topics out to queues and redrives to DLQs.

import type { IncomingHttpHeaders } from "node:http";
import { buildApp } from "fauxqs";
import { BROWSER_REFUSAL, fromBrowser } from "./browser-guard";
import type { Emulator } from "./dynamodb";
import { LOOPBACK } from "./listen";

/** SQS and SNS's emulator, counting the calls it answers (by operation) so benchmarks can report them. */
export interface MessagingEmulator extends Emulator {
  /** Requests answered so far, by operation (SendMessageBatch, Publish, ReceiveMessage, ...). */
  calls(): Record<string, number>;
}

/**
 * Start fauxqs on loopback (its own `startFauxqs` binds every interface, so the app is listened here).
 * State lives in memory only (fauxqs has no disk store): queues and topics start empty on every run,
 * even with a data directory. `port` 0: any free port.
 *
 * @example
 * const messaging = await startMessaging(); // SQS and SNS clients both use messaging.endpoint
 */
export async function startMessaging(port = 0): Promise<MessagingEmulator> {
  const app = buildApp({ logger: false });
  const calls: Record<string, number> = {};
  // A form POST (SNS's query protocol) needs no preflight: a web page could publish without one.
  type Reply = { code(status: number): { type(type: string): { send(body: string): unknown } } };
  app.addHook("onRequest", async (request: { headers: IncomingHttpHeaders }, reply: Reply) => {
    if (fromBrowser(request.headers)) {
      return reply.code(BROWSER_REFUSAL.status).type("application/x-amz-json-1.0").send(BROWSER_REFUSAL.body);
    }
  });
  app.addHook("preHandler", async (request: { headers: IncomingHttpHeaders; body: unknown }) => {
    // SQS speaks JSON ("X-Amz-Target: AmazonSQS.<Operation>"), SNS the query protocol ("Action=<Operation>").
    const target = request.headers["x-amz-target"];
    const action = (request.body as { Action?: unknown } | undefined)?.Action;
    const operation = typeof target === "string" ? target.split(".").pop() : action;
    if (typeof operation === "string") calls[operation] = (calls[operation] ?? 0) + 1;
  });
  const address = await app.listen({ port, host: LOOPBACK });
  return { endpoint: new URL(address).origin, calls: () => ({ ...calls }), stop: () => app.close() };
}
