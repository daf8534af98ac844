// The REST API's surface on API Gateway: core's route list with API Gateway's path variables, and (for
// POST bodies) the JSON schema API Gateway validates before the request reaches the Hono app.

import { API_ROUTES, type ApiRoute as AppRoute } from "@stock-patterns/core/contracts";

/**
 * JSON Schema (draft-04, what API Gateway models speak) of a POST /patterns body. It is deliberately
 * no stricter than the Hono app's zod schema: API Gateway turns away malformed bodies early, the app
 * still answers the precise 400/413 problems (too few bars, bad symbol, too many bars).
 */
export const ANALYZE_PATTERNS_SCHEMA = {
  $schema: "http://json-schema.org/draft-04/schema#",
  title: "AnalyzePatternsRequest",
  type: "object",
  required: ["symbol", "interval", "bars"],
  properties: {
    symbol: { type: "string", minLength: 1 },
    interval: { type: "string", minLength: 1 },
    bars: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["time", "close"],
        properties: {
          time: { type: ["string", "number"] },
          close: { type: "number" },
          open: { type: "number" },
          high: { type: "number" },
          low: { type: "number" },
          volume: { type: "number" },
        },
      },
    },
  },
} as const;

/** JSON Schema of a decision body: POST /approve/{token} and POST /approvals/{id}/decision. */
export const APPROVAL_DECISION_SCHEMA = {
  $schema: "http://json-schema.org/draft-04/schema#",
  title: "ApprovalDecision",
  type: "object",
  required: ["decision"],
  properties: {
    decision: { type: "string", enum: ["approve", "reject"] },
    comment: { type: "string" },
  },
} as const;

/** Request models by name; the name is what API Gateway calls the model. */
export const MODELS = {
  AnalyzePatternsRequest: ANALYZE_PATTERNS_SCHEMA,
  ApprovalDecision: APPROVAL_DECISION_SCHEMA,
} as const;

/** One API route; all of them go to the Api function's `live` alias. */
export interface ApiRoute {
  method: "GET" | "POST";
  path: string;
  /** Model validating the JSON body, when there is one. */
  model?: keyof typeof MODELS;
}

/**
 * The app's routes as API Gateway resources. API Gateway allows one path variable per level, so a variable
 * takes the name the first route gave that level: deciding from the list (`/approvals/{id}/decision` in
 * the app) shares the `{token}` of `/approvals/{token}`; the proxy passes the path through and the app
 * reads it as `id`.
 *
 * @example
 * gatewayRoutes([{ method: "GET", path: "/a/{x}" }, { method: "POST", path: "/a/{y}/b" }])[1].path // "/a/{x}/b"
 */
export function gatewayRoutes(routes: readonly AppRoute[]): ApiRoute[] {
  const variableUnder = new Map<string, string>();
  return routes.map(({ method, path, body }) => {
    let gatewayPath = "";
    for (const part of path.split("/").filter(Boolean)) {
      const isVariable = /^\{\w+\}$/.test(part);
      const named = isVariable ? (variableUnder.get(gatewayPath) ?? part) : part;
      if (isVariable) variableUnder.set(gatewayPath, named);
      gatewayPath = `${gatewayPath}/${named}`;
    }
    return body ? { method, path: gatewayPath, model: body } : { method, path: gatewayPath };
  });
}

/** Every route the Hono app serves, as API Gateway declares it. */
export const ROUTES: readonly ApiRoute[] = gatewayRoutes(API_ROUTES);

/** Every path prefix the routes need as an API Gateway resource, parents first. */
export function resourcePaths(routes: readonly ApiRoute[]): string[] {
  const paths = new Set<string>();
  for (const route of routes) {
    const parts = route.path.split("/").filter(Boolean);
    parts.forEach((_, i) => {
      paths.add(`/${parts.slice(0, i + 1).join("/")}`);
    });
  }
  return [...paths].sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b));
}

/** A logical-name fragment for a path: `/approve/{token}` -> `ApproveToken`, `/openapi.json` -> `Openapijson`. */
export function pathName(path: string): string {
  return path
    .split("/")
    .filter(Boolean)
    .map((part) => part.replace(/[^A-Za-z0-9]/g, ""))
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}
