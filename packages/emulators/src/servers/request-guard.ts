// One way to put a check before every request listener an emulator's server has: the check answers the
// requests it takes, and the rest reach the server's own listeners as before.

import type { IncomingMessage, Server, ServerResponse } from "node:http";

/** Answers the request itself (true) or leaves it to the server's own listeners (false). */
export type RequestCheck = (request: IncomingMessage, response: ServerResponse) => boolean;

/**
 * Put `check` before every request listener of `server`. Call it once the server's listeners are all added.
 *
 * @example
 * checkRequestsFirst(server, (request, response) => request.method === "GET" && (response.end(), true));
 */
export function checkRequestsFirst<S extends Server>(server: S, check: RequestCheck): S {
  const listeners = server.listeners("request") as ((
    request: IncomingMessage,
    response: ServerResponse,
  ) => void)[];
  server.removeAllListeners("request");
  server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    if (check(request, response)) return;
    for (const listener of listeners) listener.call(server, request, response);
  });
  return server;
}
