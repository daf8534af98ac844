// The emulators take any credentials and dynalite and kinesalite grant every Origin CORS, so a web page open
// on this machine could read and write the local tables and stream. Requests a browser sends are refused.

import type { IncomingHttpHeaders, Server } from "node:http";
import { checkRequestsFirst, refuse } from "./request-guard";

/**
 * Whether a browser sent the request: it names an Origin (every cross-origin call and preflight, every
 * POST) or a Sec-Fetch-Site (every request of a current browser); the AWS SDK and CLI send neither.
 *
 * @example
 * fromBrowser({ origin: "https://page.example" }) // true
 */
export const fromBrowser = (headers: IncomingHttpHeaders) =>
  headers.origin !== undefined || headers["sec-fetch-site"] !== undefined;

/** The refusal, in the shape of an AWS JSON error. */
export const BROWSER_REFUSAL = {
  status: 403,
  body: JSON.stringify({
    __type: "AccessDeniedException",
    message: "the local emulators answer the AWS SDK and CLI, not requests from a web page",
  }),
} as const;

/**
 * Puts a check before every request listener of `server`: a browser's request is answered 403 and reaches
 * none of them. Call it once the server's listeners are all added.
 *
 * @example
 * refuseBrowsers(dynalite({ createTableMs: 0 }));
 */
export function refuseBrowsers<S extends Server>(server: S): S {
  return checkRequestsFirst(server, (request, response) =>
    fromBrowser(request.headers) ? refuse(response, BROWSER_REFUSAL) : false,
  );
}
