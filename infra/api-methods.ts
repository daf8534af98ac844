// For the infra tests of the REST API: a synthesized graph's API Gateway methods named as routes
// ("POST /approve/{token}"), so the routes and the answers in front of the Api read them the same way.

import { ofType, type SynthGraph, type SynthResource } from "../scripts/synth/graph";

/**
 * The graph's methods, with and without the ANY of each path, and how to name one.
 *
 * @example
 * const { methods, route } = apiMethods(graph);
 * methods.map(route); // ["POST /patterns", "GET /patterns", ...]
 */
export function apiMethods(graph: SynthGraph) {
  /** Full path of an API Gateway resource, following parentId up to the root. */
  function pathOf(resourceId: string): string {
    const byId = new Map(ofType(graph, "aws:apigateway/resource:Resource").map((r) => [`${r.name}-id`, r]));
    const parts: string[] = [];
    for (let r = byId.get(resourceId); r; r = byId.get(String(r.inputs.parentId)))
      parts.unshift(String(r.inputs.pathPart));
    return `/${parts.join("/")}`;
  }

  const allMethods = ofType(graph, "aws:apigateway/method:Method");
  const methods = allMethods.filter((m) => m.inputs.httpMethod !== "ANY");
  const route = (m: SynthResource) => `${String(m.inputs.httpMethod)} ${pathOf(String(m.inputs.resourceId))}`;
  return { pathOf, allMethods, methods, route };
}

/**
 * A route with its path variables unnamed: API Gateway and Hono name them differently.
 *
 * @example
 * shape("POST /approve/{token}") === shape("POST /approve/:token"); // true
 */
export const shape = (r: string) => r.replace(/\{\w+\}|:\w+/g, "{}");
