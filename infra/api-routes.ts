// The REST API's surface, declared as data: every route with its method, path and (for POST bodies) the
// JSON schema API Gateway validates before the request reaches the Hono app.

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
 * Every route the Hono app serves (infra/api.test.ts checks the two lists agree). API Gateway allows one
 * path variable per level, so deciding from the list (`/approvals/:id/decision` in the app) shares the
 * `{token}` variable of `/approvals/{token}`: the proxy passes the path through and the app reads it as `id`.
 */
export const ROUTES: readonly ApiRoute[] = [
  { method: "POST", path: "/patterns", model: "AnalyzePatternsRequest" },
  { method: "GET", path: "/patterns" },
  { method: "GET", path: "/alerts" },
  { method: "GET", path: "/alerts/{alertId}" },
  { method: "GET", path: "/approvals" },
  { method: "GET", path: "/approvals/{token}" },
  { method: "POST", path: "/approvals/{token}/decision", model: "ApprovalDecision" },
  { method: "POST", path: "/approve/{token}", model: "ApprovalDecision" },
  { method: "GET", path: "/health" },
];

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

/** A logical-name fragment for a path: `/approve/{token}` -> `ApproveToken`. */
export function pathName(path: string): string {
  return path
    .split("/")
    .filter(Boolean)
    .map((part) => part.replace(/[{}]/g, ""))
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join("");
}
