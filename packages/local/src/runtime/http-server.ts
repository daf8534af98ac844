// The API and the approver console on one origin: API calls reach the Hono app, page loads get the console.

import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer, type Server, STATUS_CODES } from "node:http";
import { join } from "node:path";
import type { Duplex } from "node:stream";
import { getRequestListener, RequestError } from "@hono/node-server";
import {
  ANY_METHODS,
  API_ROUTES,
  FRONT_MEDIA_TYPE,
  type FrontProblem,
  frontProblemDocument,
  frontProblemHeaders,
  GATEWAY_HEADERS,
  GATEWAY_PROBLEMS,
  INTEGRATION_TIMEOUT_PROBLEM,
  LOCAL_PROBLEMS,
} from "@stock-patterns/core/contracts";
import { settleWithin, timeoutSecondsOf } from "@stock-patterns/emulators";
import { compressedFor } from "./answer-compression";
import { consoleFile } from "./console-files";

/** Anything that answers fetch requests (the Hono app of the Api function). */
export interface FetchApp {
  fetch(request: Request): Response | Promise<Response>;
}

const isRead = (request: Request) => request.method === "GET" || request.method === "HEAD";
/** The API's own GET paths (no variables), such as /docs: a browser opening one gets the API's answer. */
const API_PAGES = new Set<string>(
  API_ROUTES.filter((r) => r.method === "GET" && !r.path.includes("{")).map((r) => r.path),
);
const wantsPage = (request: Request, pathname: string) =>
  isRead(request) && !API_PAGES.has(pathname) && (request.headers.get("accept") ?? "").includes("text/html");

/** API Gateway's own headers (core's GATEWAY_HEADERS): the request's id on every answer, an error's type on its own. */
const { requestId: GATEWAY_REQUEST_ID, errorType: GATEWAY_ERROR_TYPE } = GATEWAY_HEADERS;
/** The type API Gateway names for INTEGRATION_TIMEOUT, its 504. */
const INTEGRATION_TIMEOUT_ERROR_TYPE = "InternalServerErrorException";
/** The type API Gateway names for MISSING_AUTHENTICATION_TOKEN: a request that matches no method. */
const NO_METHOD_ERROR_TYPE = "MissingAuthenticationTokenException";
/**
 * The methods API Gateway's ANY takes (core's ANY_METHODS). API Gateway resolves path and method together,
 * so a request with any other method (PROPFIND, TRACE) matches no method of any path and gets its
 * MISSING_AUTHENTICATION_TOKEN answer, where the app would answer 405.
 */
const GATEWAY_METHODS = new Set<string>(ANY_METHODS);

/**
 * A problem this server answers itself, as API Gateway would: the headers of such an answer (with, for its
 * 503, when to try again), and core's FRONT_MEDIA_TYPE, as the OpenAPI document lists every answer made in
 * front of the app.
 */
const frontAnswer = (
  problem: FrontProblem,
  requestId?: string,
  gatewayHeaders: Record<string, string> = {},
) =>
  Response.json(frontProblemDocument(problem, requestId), {
    status: problem.status,
    headers: { ...frontProblemHeaders(problem), "content-type": FRONT_MEDIA_TYPE, ...gatewayHeaders },
  });

/** Statuses a Response takes no body for, not even an empty one (the Fetch standard's null body statuses). */
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/**
 * The API's answer as API Gateway passes it on: the same, with the request's id, and WWW-Authenticate
 * renamed as API Gateway renames it (core's GATEWAY_HEADERS; a copy: headers may be read-only).
 */
function passedOn(response: Response, requestId: string): Response {
  const headers = new Headers(response.headers);
  headers.set(GATEWAY_REQUEST_ID, requestId);
  for (const name of GATEWAY_HEADERS.remapped) {
    const value = headers.get(name);
    if (value === null) continue;
    headers.delete(name);
    headers.set(`${GATEWAY_HEADERS.remappedPrefix}${name}`, value);
  }
  const body = NULL_BODY_STATUSES.has(response.status) ? null : response.body;
  return new Response(body, { status: response.status, statusText: response.statusText, headers });
}

/** What Node's HTTP parser refuses before any handler runs, by its error's code; any other is not HTTP. */
const PARSER_REFUSALS: Record<string, FrontProblem> = {
  HPE_HEADER_OVERFLOW: LOCAL_PROBLEMS.HPE_HEADER_OVERFLOW,
  ERR_HTTP_REQUEST_TIMEOUT: LOCAL_PROBLEMS.ERR_HTTP_REQUEST_TIMEOUT,
};

/**
 * Answers what the parser refused as a problem with the front answer headers and, as every answer of this
 * server, a request id of the gateway's: Node's own answer is a bare status line (431, 400), where every
 * error of the API is a problem document.
 */
function answerParserRefusal(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  answerOnSocket(PARSER_REFUSALS[error.code ?? ""] ?? LOCAL_PROBLEMS.NOT_HTTP, socket);
}

/**
 * The answer to a request that could not be made a Fetch Request (a RequestError): the problem of one that
 * is not HTTP/1.1, with a request id. Any other error (the handler's promise rejected) gets the 500 the
 * listener gives without an error handler.
 */
function unheld(error: unknown): Response {
  if (error instanceof RequestError)
    return frontAnswer(LOCAL_PROBLEMS.NOT_HTTP, undefined, { [GATEWAY_REQUEST_ID]: randomUUID() });
  return new Response(null, { status: 500 });
}

/** Writes `problem` as a whole HTTP/1.1 answer on a socket no request handler holds, and closes it. */
function answerOnSocket(problem: FrontProblem, socket: Duplex): void {
  const body = JSON.stringify(frontProblemDocument(problem));
  const headers = {
    ...frontProblemHeaders(problem),
    [GATEWAY_REQUEST_ID]: randomUUID(),
    "content-type": FRONT_MEDIA_TYPE,
    "content-length": String(Buffer.byteLength(body)),
    connection: "close",
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  socket.end(`HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n${head.join("")}\r\n${body}`);
}

/**
 * The request handler. Routing, in order:
 * 1. a browser page load (GET/HEAD accepting text/html) while the console is built, but not of one of the
 *    API's own GET paths (`/docs`, `/openapi.json`, …): the console's file at that path, else its
 *    index.html (client-side routes such as an approve link);
 * 2. a method API Gateway's ANY does not take: its answer to a request that matches no method (404 here);
 * 3. everything else: the API;
 * 4. a GET/HEAD the API answers 404: the console's static file at that path, if there is one.
 * Until the API is loaded (`api()` is undefined) requests get 503, saying when to try again. An API request not answered within
 * `apiTimeoutSeconds` (the Api function's timeout in the catalog, API Gateway's 29 s) gets API Gateway's 504.
 * Every API answer carries a fresh `x-amzn-RequestId`, the 504 also in its body and `x-amzn-ErrorType`, and
 * goes compressed as API Gateway compresses it (answer-compression.ts: 1 KB or more, gzip or deflate).
 * A request Node's parser refuses (headers over 16 KB, not HTTP), and a CONNECT, get a problem too.
 *
 * @example
 * const server = localHttpServer(() => functions?.api, "packages/web/dist");
 */
export function localHttpServer(
  api: () => FetchApp | undefined,
  consoleDir: string,
  apiTimeoutSeconds = timeoutSecondsOf("Api"),
): Server {
  const consoleBuilt = () => existsSync(join(consoleDir, "index.html"));
  const fetch = async (request: Request): Promise<Response> => {
    const app = api();
    const requestId = randomUUID();
    if (!app) {
      return frontAnswer(LOCAL_PROBLEMS.STARTING, undefined, {
        [GATEWAY_REQUEST_ID]: requestId,
      });
    }
    if (!GATEWAY_METHODS.has(request.method)) {
      return frontAnswer(GATEWAY_PROBLEMS.MISSING_AUTHENTICATION_TOKEN, requestId, {
        [GATEWAY_REQUEST_ID]: requestId,
        [GATEWAY_ERROR_TYPE]: NO_METHOD_ERROR_TYPE,
      });
    }
    const { pathname } = new URL(request.url);
    if (wantsPage(request, pathname) && consoleBuilt()) {
      const page = await consoleFile(consoleDir, pathname, request.method);
      return page ?? ((await consoleFile(consoleDir, "/index.html", request.method)) as Response);
    }
    // Past the Api's timeout, API Gateway's INTEGRATION_TIMEOUT answer (504, its template's media type);
    // the request's work goes on in this process and its late answer is dropped, as API Gateway drops it.
    const response = await settleWithin(
      async () => passedOn(await app.fetch(request), requestId),
      apiTimeoutSeconds * 1000,
      () =>
        frontAnswer(INTEGRATION_TIMEOUT_PROBLEM, requestId, {
          [GATEWAY_REQUEST_ID]: requestId,
          [GATEWAY_ERROR_TYPE]: INTEGRATION_TIMEOUT_ERROR_TYPE,
        }),
    );
    if (response.status === 404 && isRead(request) && consoleBuilt()) {
      const file = await consoleFile(consoleDir, pathname, request.method);
      if (file) return file;
    }
    return compressedFor(request.headers.get("accept-encoding"), response);
  };
  // A request the Fetch API cannot hold (a Host that is no host, `*` or a backslash as its target, no Host
  // at all) got @hono/node-server's bare 400 or Node's own: a problem, as every other refusal here. Node's
  // check of Host is left to the listener, whose error this answers.
  const listener = getRequestListener(fetch, { errorHandler: unheld });
  const server = createServer({ requireHostHeader: false }, listener);
  server.on("clientError", answerParserRefusal);
  // Node passes a CONNECT to no request handler, and closes the connection unanswered unless told otherwise.
  server.on("connect", (_request, socket: Duplex) => answerOnSocket(LOCAL_PROBLEMS.CONNECT, socket));
  return server;
}
