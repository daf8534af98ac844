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

/** An answer a check gives itself, in the shape of an AWS JSON error. */
export interface Refusal {
  status: number;
  body: string;
}

/**
 * Answers `response` with `refusal`, as AWS's JSON protocols write an error; for a RequestCheck that takes
 * the request.
 *
 * @example
 * refuse(response, { status: 503, body: JSON.stringify({ __type: "ServiceUnavailable", message: "…" }) });
 */
export function refuse(response: ServerResponse, refusal: Refusal): true {
  response.writeHead(refusal.status, { "content-type": "application/x-amz-json-1.0" });
  response.end(refusal.body);
  return true;
}
