// dynalite 4.0 closes its database once its connections are gone, yet a request it has read goes on without
// them: a Query whose table lookup came back just before the close reads the closed database and throws out
// of a setImmediate, where no caller can catch it (npm start died so on SIGTERM, once, in CI). kinesalite
// closes its store before its connections, and LevelDB on disk throws when asked for an iterator once
// closed. So stopping first lets every request the emulator has begun be answered, refusing new ones, and
// only then closes it.

import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { closeServer } from "./listen";
import { checkRequestsFirst, refuse } from "./request-guard";

/** How long a stop waits for the requests in progress; past it the server is closed regardless. */
export const ANSWER_WITHIN_MS = 5_000;

const POLL_MS = 5;

/** A request made while the emulator stops: AWS's 503 ServiceUnavailable, which the SDKs retry. */
export const STOPPING_REFUSAL = {
  status: 503,
  body: JSON.stringify({ __type: "ServiceUnavailable", message: "the local emulator is stopping" }),
} as const;

/**
 * Puts a check before `server`'s request listeners and answers how to stop it: refuse new requests
 * (STOPPING_REFUSAL), wait up to `withinMs` for each begun request to be answered, then close the server
 * and every connection. A request whose client went before its body arrived is not waited for: the server
 * never reads it. Call it once the server's listeners are all added.
 *
 * @example
 * const stop = answerBeforeClose(dynalite({}));
 * await stop();
 */
export function answerBeforeClose(server: Server, withinMs = ANSWER_WITHIN_MS): () => Promise<void> {
  const begun = new Map<ServerResponse, IncomingMessage>();
  let stopping = false;
  checkRequestsFirst(server, (request, response) => {
    if (stopping) return refuse(response, STOPPING_REFUSAL);
    begun.set(response, request);
    // A response whose connection went while the server still works on it stays until its answer is written.
    response.on("close", () => {
      if (response.writableEnded || !request.complete) begun.delete(response);
    });
    return false;
  });
  const unanswered = () =>
    [...begun].filter(
      ([response, request]) => !response.writableEnded && (request.complete || !response.destroyed),
    );
  return async () => {
    stopping = true;
    const deadline = Date.now() + withinMs;
    while (unanswered().length > 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    await closeServer(server);
  };
}
