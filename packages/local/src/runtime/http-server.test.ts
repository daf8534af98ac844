// The local server: its own answers (503 while the API is not loaded, 504 past the Api's timeout, a problem
// for what Node's parser refuses) carry the API's answer headers and CORS's allow-origin, and a browser
// opening one of the API's pages (/docs) gets the API's answer, not the console.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  API_ANSWER_HEADERS,
  API_KEY_CHALLENGE,
  FRONT_ANSWER_HEADERS,
  FRONT_MEDIA_TYPE,
  frontProblemDocument,
  GATEWAY_HEADERS,
  GATEWAY_PROBLEMS,
  INTEGRATION_TIMEOUT_PROBLEM,
  problemSchema,
} from "@stock-patterns/core/contracts";
import { app } from "@stock-patterns/functions/src/api/app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localHttpServer } from "./http-server";

const consoleDir = mkdtempSync(join(tmpdir(), "http-server-"));
writeFileSync(join(consoleDir, "index.html"), "<!doctype html><title>console</title>");
/** Stands in for the Hono app: says which path it answered. */
const api = { fetch: (request: Request) => new Response(`api ${new URL(request.url).pathname}`) };
let loaded = false;
const server = localHttpServer(() => (loaded ? api : undefined), consoleDir);
let url: string;

async function listen(on: Server): Promise<string> {
  await new Promise<void>((resolve) => on.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(on.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  url = await listen(server);
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(consoleDir, { recursive: true, force: true });
});

/**
 * The whole answer to `request`, written as is on a socket to `port` (fetch sends no such request): read
 * until its problem document ends or the server closes the connection.
 */
function rawAnswer(port: number, request: string): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write(request));
    let answer = "";
    socket.on("data", (chunk) => {
      answer += chunk;
      if (answer.includes("\r\n\r\n{") && answer.endsWith("}")) socket.end();
    });
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
  });
}

/** The problem a raw answer carries, once its status line and the front answers' headers are checked. */
function frontProblemIn(answer: string, statusLine: string) {
  const [head = "", body = ""] = answer.split("\r\n\r\n");
  const [status, ...fields] = head.split("\r\n");
  expect(status).toBe(statusLine);
  const headers = new Headers(fields.map((field) => field.split(/:\s*/, 2) as [string, string]));
  expect(headers.get("content-type")).toBe(FRONT_MEDIA_TYPE);
  for (const [name, value] of Object.entries(FRONT_ANSWER_HEADERS))
    expect(headers.get(name), name).toBe(value);
  expect(headers.get(GATEWAY_HEADERS.requestId)).toMatch(/^[0-9a-f-]{36}$/);
  return problemSchema.parse(JSON.parse(body));
}

describe("localHttpServer", () => {
  it("answers 503 as a problem, with no-store and nosniff, until the API is loaded", async () => {
    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toBe(FRONT_MEDIA_TYPE);
    for (const [name, value] of Object.entries(API_ANSWER_HEADERS)) {
      expect(response.headers.get(name), name).toBe(value);
    }
  });

  it("says on its 503 when to try again: in 1 s, by when the runtime has most likely loaded the API", async () => {
    // RFC 9110 section 10.2.3; the runtime imports the handlers in well under a second (core's
    // LOCAL_PROBLEMS.STARTING says the figures).
    const response = await fetch(`${url}/alerts`);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("1");
    // The console on another origin reads it only when the answer names it (the Fetch standard's CORS).
    expect(response.headers.get("access-control-expose-headers")).toBe("retry-after");
  });

  it("answers a page load of the API's own pages from the API, and any other from the console", async () => {
    loaded = true;
    const page = (path: string) => fetch(`${url}${path}`, { headers: { accept: "text/html" } });
    expect(await (await page("/docs")).text()).toBe("api /docs");
    expect(await (await page("/openapi.json")).text()).toBe("api /openapi.json");
    expect(await (await page("/?token=abc")).text()).toContain("<title>console</title>");
    expect(await (await page("/some/route")).text()).toContain("<title>console</title>");
  });
});

describe("localHttpServer past the Api's timeout", () => {
  /** Stands in for the Hono app with one slow route, as a handler waiting on a stalled dependency. */
  const slowApi = {
    fetch: async (request: Request) => {
      if (new URL(request.url).pathname === "/slow")
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      return new Response("answered");
    },
  };
  // 0.2 s stands in for the Api's 29 s, so the test does not wait for it.
  const timed = localHttpServer(() => slowApi, consoleDir, 0.2);
  let timedUrl: string;
  beforeAll(async () => {
    timedUrl = await listen(timed);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => timed.close(() => resolve()));
  });

  it("answers API Gateway's 504 problem, with the API's headers, when the API has not answered in time", async () => {
    const started = Date.now();
    const response = await fetch(`${timedUrl}/slow`);
    expect(Date.now() - started).toBeLessThan(900);
    expect(response.status).toBe(504);
    expect(response.headers.get("content-type")).toBe(FRONT_MEDIA_TYPE);
    for (const [name, value] of Object.entries(API_ANSWER_HEADERS)) {
      expect(response.headers.get(name), name).toBe(value);
    }
    const problem = problemSchema.parse(await response.json());
    expect(problem).toMatchObject(frontProblemDocument(INTEGRATION_TIMEOUT_PROBLEM));
    expect(problem.requestId).toMatch(/\w/);
  });

  // API Gateway returns $context.requestId (the id its gateway response template writes into the body) in
  // the x-amzn-RequestId header of every answer, and names a gateway error's type in x-amzn-ErrorType:
  // https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
  it("names its 504 as API Gateway does: x-amzn-RequestId the body's requestId, x-amzn-ErrorType", async () => {
    const response = await fetch(`${timedUrl}/slow`);
    expect(response.status).toBe(504);
    const { requestId } = problemSchema.parse(await response.json());
    expect(response.headers.get("x-amzn-requestid")).toBe(requestId);
    expect(response.headers.get("x-amzn-errortype")).toBe("InternalServerErrorException");
  });

  it("leaves an answer within the timeout as the API gave it, with the gateway's own request id", async () => {
    const response = await fetch(`${timedUrl}/quick`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("answered");
    expect(response.headers.get("x-amzn-requestid")).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get("x-amzn-errortype")).toBeNull();
    const again = await fetch(`${timedUrl}/quick`);
    expect(again.headers.get("x-amzn-requestid")).not.toBe(response.headers.get("x-amzn-requestid"));
  });
});

describe("localHttpServer's own answers to a caller on another origin", () => {
  /** The real app's answer to `origin`: what the console, on another origin on AWS, may read of it. */
  const appServer = localHttpServer(() => app, consoleDir);
  const starting = localHttpServer(() => undefined, consoleDir);
  const slow = localHttpServer(
    () => ({
      fetch: () => new Promise<Response>((resolve) => setTimeout(() => resolve(new Response()), 1_000)),
    }),
    consoleDir,
    0.2,
  );
  const origin = "https://console.example.com";
  const urls: string[] = [];
  beforeAll(async () => {
    for (const on of [appServer, starting, slow]) urls.push(await listen(on));
  });
  afterAll(async () => {
    for (const on of [appServer, starting, slow])
      await new Promise<void>((resolve) => on.close(() => resolve()));
  });

  it("carry the Access-Control-Allow-Origin the API's own answers carry, so the console can read why", async () => {
    const [appUrl, startingUrl, slowUrl] = urls;
    const fromApp = await fetch(`${appUrl}/alerts`, { headers: { Origin: origin } });
    expect(fromApp.status).toBe(401);
    const allowed = fromApp.headers.get("access-control-allow-origin");
    expect(allowed).toBe("*");
    for (const [what, answer] of [
      ["503", await fetch(`${startingUrl}/alerts`, { headers: { Origin: origin } })],
      ["504", await fetch(`${slowUrl}/alerts`, { headers: { Origin: origin } })],
    ] as const) {
      expect(answer.status, what).toBe(Number(what));
      expect(answer.headers.get("access-control-allow-origin"), what).toBe(allowed);
    }
  });
});

describe("localHttpServer's answer to a request Node's parser refuses", () => {
  const server = localHttpServer(() => app, consoleDir);
  let serverUrl: string;
  beforeAll(async () => {
    serverUrl = await listen(server);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("answers headers over Node's 16 KB as a problem saying so, with the API's answer headers", async () => {
    // Node answered a bare "431 Request Header Fields Too Large", no body, where every error of the API is a
    // problem document (docs/api.md).
    const response = await fetch(`${serverUrl}/alerts`, { headers: { "x-pad": "a".repeat(20_000) } });
    expect(response.status).toBe(431);
    expect(response.headers.get("content-type")).toBe(FRONT_MEDIA_TYPE);
    for (const [name, value] of Object.entries(FRONT_ANSWER_HEADERS)) {
      expect(response.headers.get(name), name).toBe(value);
    }
    // As every other answer of this server: API Gateway's request id (docs/api.md's answer headers).
    expect(response.headers.get(GATEWAY_HEADERS.requestId)).toMatch(/^[0-9a-f-]{36}$/);
    const problem = problemSchema.parse(await response.json());
    expect(problem).toMatchObject({ type: "about:blank", status: 431 });
    expect(problem.detail).toMatch(/headers/);
  });
});

describe("localHttpServer's answer to a CONNECT", () => {
  const server = localHttpServer(() => app, consoleDir);
  let port: number;
  beforeAll(async () => {
    port = Number(new URL(await listen(server)).port);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("answers that it opens no tunnel, as a problem with the API's answer headers, and closes", async () => {
    // Node closed the connection without a byte: no listener took its 'connect' event. Every other request
    // this server refuses gets a problem document (docs/api.md), and API Gateway, which it stands in for,
    // answers every request; 501: no resource here supports the method (RFC 9110 section 15.6.2).
    const answer = await rawAnswer(port, "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n");
    const problem = frontProblemIn(answer, "HTTP/1.1 501 Not Implemented");
    expect(problem).toMatchObject({ type: "about:blank", status: 501 });
    expect(problem.detail).toMatch(/CONNECT/);
  });
});

describe("localHttpServer's answer to a request the Fetch API cannot hold", () => {
  it.each([
    ["a Host that is no host", "GET /health HTTP/1.1\r\nHost: a b\r\n\r\n"],
    ["a backslash in the path", "GET /health\\x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"],
    ["no Host in HTTP/1.1", "GET /health HTTP/1.1\r\n\r\n"],
    ["the target *", "OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"],
  ])("answers %s as a problem with the API's answer headers (was a bare 400)", async (_, request) => {
    const answer = await rawAnswer(Number(new URL(url).port), request);
    expect(frontProblemIn(answer, "HTTP/1.1 400 Bad Request")).toMatchObject({
      type: "about:blank",
      status: 400,
    });
  });
});

describe("localHttpServer passing the app's answers on as API Gateway does", () => {
  const appServer = localHttpServer(() => app, consoleDir);
  let appUrl: string;
  beforeAll(async () => {
    appUrl = await listen(appServer);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => appServer.close(() => resolve()));
  });

  it("answers a method API Gateway's ANY does not take as API Gateway does: no method matches, as for an unknown path", async () => {
    // API Gateway resolves a request's path and method together, and every path's ANY takes DELETE, GET,
    // HEAD, OPTIONS, PATCH, POST and PUT only (core's ANY_METHODS): PROPFIND matches no method, the
    // MISSING_AUTHENTICATION_TOKEN answer, which this API gives 404. The app would have said 405.
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-any-method.html
    const response = await fetch(`${appUrl}/health`, { method: "PROPFIND" });
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toBe(FRONT_MEDIA_TYPE);
    expect(response.headers.get("allow")).toBeNull();
    expect(response.headers.get(GATEWAY_HEADERS.errorType)).toBe("MissingAuthenticationTokenException");
    const requestId = response.headers.get(GATEWAY_HEADERS.requestId) ?? "";
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual(
      frontProblemDocument(GATEWAY_PROBLEMS.MISSING_AUTHENTICATION_TOKEN, requestId),
    );
    // A method ANY takes still reaches the app, which answers 405 with the methods the path takes.
    const refused = await fetch(`${appUrl}/health`, { method: "PUT" });
    expect(refused.status).toBe(405);
    expect(refused.headers.get("allow")).toBe("GET");
  });

  it("renames the app's 401 challenge as API Gateway renames a Lambda answer's WWW-Authenticate", async () => {
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html: a
    // proxy integration's WWW-Authenticate reaches the caller as x-amzn-Remapped-WWW-Authenticate.
    const refused = await fetch(`${appUrl}/alerts`);
    expect(refused.status).toBe(401);
    for (const [name, value] of Object.entries(API_KEY_CHALLENGE)) {
      expect(refused.headers.get(name), name).toBeNull();
      expect(refused.headers.get(`${GATEWAY_HEADERS.remappedPrefix}${name}`), name).toBe(value);
    }
  });
});
