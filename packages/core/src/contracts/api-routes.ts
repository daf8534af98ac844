// The HTTP API's surface as data: every method and path the Hono app serves. The app answers 405 for
// other methods from it, and infra declares one API Gateway method for each.

/** A JSON request body the API validates, by its model name. */
export type RequestModel = "AnalyzePatternsRequest" | "ApprovalDecision";

/** One route of the API. `path` names its variables OpenAPI's way: `/alerts/{alertId}`. */
export interface ApiRoute {
  method: "GET" | "POST";
  path: string;
  /** The model of the JSON body, when there is one. */
  body?: RequestModel;
}

/** Every route of the API, once. */
export const API_ROUTES = [
  { method: "POST", path: "/patterns", body: "AnalyzePatternsRequest" },
  { method: "GET", path: "/patterns" },
  { method: "GET", path: "/alerts" },
  { method: "GET", path: "/alerts/{alertId}" },
  { method: "GET", path: "/approvals" },
  { method: "GET", path: "/approvals/{token}" },
  { method: "POST", path: "/approvals/{id}/decision", body: "ApprovalDecision" },
  { method: "POST", path: "/approve/{token}", body: "ApprovalDecision" },
  { method: "GET", path: "/health" },
] as const satisfies readonly ApiRoute[];

/**
 * The methods each path answers, in alphabetical order (as an Allow header lists them).
 *
 * @example
 * allowedMethods(API_ROUTES)["/patterns"] // ["GET", "POST"]
 */
export function allowedMethods(routes: readonly ApiRoute[]): Record<string, ApiRoute["method"][]> {
  const allowed: Record<string, ApiRoute["method"][]> = {};
  for (const { method, path } of routes) allowed[path] = [...(allowed[path] ?? []), method].sort();
  return allowed;
}

/**
 * A path in Hono's form, variables as `:name`.
 *
 * @example
 * honoPath("/alerts/{alertId}") // "/alerts/:alertId"
 */
export function honoPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ":$1");
}
