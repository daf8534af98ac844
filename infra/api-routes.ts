// The REST API's surface on API Gateway: core's route list with API Gateway's path variables, and (for
// POST bodies) the model API Gateway validates before the request reaches the Hono app, derived from
// core's request schema.

import { codeUnitOrder } from "@stock-patterns/core";
import {
  API_ROUTES,
  type ApiRoute as AppRoute,
  REQUEST_BODIES,
  type RequestModel,
} from "@stock-patterns/core/contracts";

/**
 * The keywords a model leaves to the app. API Gateway refuses a body its model rejects with its own
 * plain 400, before the app can answer the precise problem+json naming the field. The app trims before
 * it checks a pattern or a length (" aapl " is AAPL), answers "at least 38 bars"
 * and the 413 for too many itself, refines each bar with core's barProblem, and names a body field it does
 * not take with the one meant (`Comment`: did you mean comment?). So a model keeps only the shape (types,
 * required fields, enums), which no preprocessing changes.
 */
const LEFT_TO_THE_APP = [
  "additionalProperties",
  "pattern",
  "format",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
] as const;

/**
 * API Gateway's model of a request body, derived from core's schema: JSON Schema draft-04, the only draft
 * API Gateway models take (https://docs.aws.amazon.com/apigateway/latest/developerguide/models-mappings-models.html),
 * of what the app reads (`io: "input"`: before trimming and defaults, unknown fields allowed), without
 * the keywords the app answers itself (LEFT_TO_THE_APP).
 *
 * @example
 * gatewayModel("ApprovalDecision").required // ["decision"]
 */
export function gatewayModel(name: RequestModel): GatewayModel {
  const { $schema, ...schema } = REQUEST_BODIES[name].toJSONSchema({
    target: "draft-04",
    io: "input",
    override: ({ jsonSchema }) => {
      for (const keyword of LEFT_TO_THE_APP) delete jsonSchema[keyword];
    },
  });
  return { $schema: String($schema), title: name, ...schema };
}

/** A JSON Schema document as API Gateway stores it in a model. */
export type GatewayModel = { $schema: string; title: string } & Record<string, unknown>;

/** Request models by name; the name is what API Gateway calls the model. */
export const MODELS = Object.fromEntries(
  Object.keys(REQUEST_BODIES).map((name) => [name, gatewayModel(name as RequestModel)]),
) as Record<RequestModel, GatewayModel>;

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
  return [...paths].sort((a, b) => a.split("/").length - b.split("/").length || codeUnitOrder(a, b));
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
