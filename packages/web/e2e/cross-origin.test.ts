// End to end: what a page on another origin than the API reads of a 429 or 503 made in front of the app, as
// the console on AWS does (docs/console.md): two loopback servers, a page on one asking the other, in the
// same headless Chromium. A browser shows the page only the Fetch standard's CORS-safelisted response
// headers and those the answer exposes; Retry-After is not safelisted.

import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  FRONT_MEDIA_TYPE,
  type FrontProblem,
  frontProblemDocument,
  frontProblemHeaders,
  GATEWAY_PROBLEMS,
  LOCAL_PROBLEMS,
  RETRY_AFTER_EXPOSED,
  WAF_BLOCK_PROBLEMS,
} from "@stock-patterns/core/contracts";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "./browser";

/** Each front problem that says when to try again, by the path the API stand-in answers it on. */
const ANSWERS: Record<string, FrontProblem> = {
  "/waf-rate-rule": WAF_BLOCK_PROBLEMS.TooManyRequests,
  "/gateway-throttled": GATEWAY_PROBLEMS.THROTTLED,
  "/local-starting": LOCAL_PROBLEMS.STARTING,
};

let browser: Browser;
let api: Server;
let site: Server;
let apiOrigin: string;
let siteOrigin: string;

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
};

beforeAll(async () => {
  // The API's stand-in answers as infra and the local server write these answers (core's headers and body);
  // under /unexposed/ the same without Access-Control-Expose-Headers, as they were before.
  api = createServer((request, response) => {
    const unexposed = request.url?.startsWith("/unexposed/") ?? false;
    const problem = ANSWERS[(request.url ?? "").replace(/^\/unexposed/, "")];
    if (!problem) return void response.writeHead(404).end();
    const headers: Record<string, string> = {
      ...frontProblemHeaders(problem),
      "content-type": FRONT_MEDIA_TYPE,
    };
    if (unexposed) for (const name of Object.keys(RETRY_AFTER_EXPOSED)) delete headers[name];
    response.writeHead(problem.status, headers).end(JSON.stringify(frontProblemDocument(problem)));
  });
  site = createServer((_, response) =>
    response.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>console</title>"),
  );
  // 127.0.0.1 and localhost: two origins on the same machine.
  apiOrigin = `http://localhost:${await listen(api)}`;
  siteOrigin = `http://127.0.0.1:${await listen(site)}`;
  // CORS on, as in every user's browser (the package's flags turn it off).
  browser = await launchBrowser({ sameOriginPolicy: true });
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([api, site].map((server) => new Promise((resolve) => server?.close(resolve))));
});

describe("a 429 or 503 made in front of the app, read from the console's origin", () => {
  it("shows the page its Retry-After, which it shows no page without Access-Control-Expose-Headers", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${siteOrigin}/`);
    const read = (url: string) =>
      page.evaluate(async (target) => {
        const response = await fetch(target);
        return { status: response.status, retryAfter: response.headers.get("retry-after") };
      }, url);
    for (const [path, problem] of Object.entries(ANSWERS)) {
      expect(await read(`${apiOrigin}${path}`), path).toEqual({
        status: problem.status,
        retryAfter: String(problem.retryAfterSeconds),
      });
      expect(await read(`${apiOrigin}/unexposed${path}`), path).toEqual({
        status: problem.status,
        retryAfter: null,
      });
    }
    await context.close();
  });
});
