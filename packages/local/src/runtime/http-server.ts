// The API and the approver console on one origin: API calls reach the Hono app, page loads get the console.

import { existsSync } from "node:fs";
import type { Server } from "node:http";
import { join } from "node:path";
import { createAdaptorServer } from "@hono/node-server";
import { API_ANSWER_HEADERS, API_ROUTES } from "@stock-patterns/core/contracts";
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

/**
 * The request handler. Routing, in order:
 * 1. a browser page load (GET/HEAD accepting text/html) while the console is built, but not of one of the
 *    API's own GET paths (`/docs`, `/openapi.json`, …): the console's file at that path, else its
 *    index.html (client-side routes such as an approve link);
 * 2. everything else: the API;
 * 3. a GET/HEAD the API answers 404: the console's static file at that path, if there is one.
 * Until the API is loaded (`api()` is undefined) requests get 503.
 *
 * @example
 * const server = localHttpServer(() => functions?.api, "packages/web/dist");
 */
export function localHttpServer(api: () => FetchApp | undefined, consoleDir: string): Server {
  const consoleBuilt = () => existsSync(join(consoleDir, "index.html"));
  const fetch = async (request: Request): Promise<Response> => {
    const app = api();
    if (!app) {
      return Response.json(
        {
          type: "about:blank",
          title: "Service Unavailable",
          status: 503,
          detail: "The local system is starting",
        },
        { status: 503, headers: { ...API_ANSWER_HEADERS, "content-type": "application/problem+json" } },
      );
    }
    const { pathname } = new URL(request.url);
    if (wantsPage(request, pathname) && consoleBuilt()) {
      const page = await consoleFile(consoleDir, pathname, request.method);
      return page ?? ((await consoleFile(consoleDir, "/index.html", request.method)) as Response);
    }
    const response = await app.fetch(request);
    if (response.status === 404 && isRead(request) && consoleBuilt()) {
      return (await consoleFile(consoleDir, pathname, request.method)) ?? response;
    }
    return response;
  };
  return createAdaptorServer({ fetch }) as Server;
}
