// The REST API's routes: core's list and the Hono app's, each proxied to the Api function's live alias, POST
// bodies validated against core's request models.

import { API_ROUTES, REQUEST_BODIES, type RequestModel } from "@stock-patterns/core/contracts";
import { describe, expect, inject, it } from "vitest";
import { app } from "../packages/functions/src/api/app";
import { ofType, resource, type SynthGraph } from "../scripts/synth/graph";
import { apiMethods, shape } from "./api-methods";
import { gatewayModel } from "./api-routes";

const graph: SynthGraph = inject("production");
const apiFunction = String(resource(graph, "aws:lambda/function:Function", "ApiFunction").inputs.name);
const liveAlias = `arn:aws:lambda:us-east-1:123456789012:function:${apiFunction}:live`;
const { pathOf, allMethods, methods, route } = apiMethods(graph);

describe("routes", () => {
  it("declares the issue's six routes, and the later reads (GET /stats, GET /bars, GET /keys/me)", () => {
    expect(methods.map(route)).toEqual(
      expect.arrayContaining([
        "POST /patterns",
        "GET /patterns",
        "GET /stats",
        "GET /bars",
        "GET /keys/me",
        "GET /alerts",
        "GET /approvals",
        "POST /approve/{token}",
        "GET /health",
      ]),
    );
  });

  it("declares one method for each route of core's list, nothing more", () => {
    expect(methods.map(route).map(shape).sort()).toEqual(
      API_ROUTES.map((r) => shape(`${r.method} ${r.path}`)).sort(),
    );
  });

  it("routes every method and path the Hono app serves, so none answers 403 from API Gateway", () => {
    const served = app.routes
      .filter((r) => r.method === "GET" || r.method === "POST")
      .map((r) => shape(`${r.method} ${r.path}`));
    expect(served.length).toBeGreaterThan(5);
    expect([...new Set(served)].sort()).toEqual([...new Set(methods.map(route).map(shape))].sort());
  });

  it("gives every route's path an ANY method, so an undeclared method reaches the app's 405 (not API Gateway's 403)", async () => {
    const anyPaths = allMethods
      .filter((m) => m.inputs.httpMethod === "ANY")
      .map((m) => pathOf(String(m.inputs.resourceId)));
    expect(anyPaths.map(shape).sort()).toEqual([...new Set(API_ROUTES.map((r) => shape(r.path)))].sort());
    // What ANY hands the app for a method the path does not declare: 405 naming the ones it does.
    const refused = await app.request("/patterns", { method: "DELETE" });
    expect(refused.status).toBe(405);
    expect(refused.headers.get("Allow")).toBe("GET, POST");
  });

  it("gives no two sibling resources a path variable (API Gateway allows one per level)", () => {
    const variablesByParent = new Map<string, string[]>();
    for (const r of ofType(graph, "aws:apigateway/resource:Resource")) {
      if (!/^\{\w+\}$/.test(String(r.inputs.pathPart))) continue;
      const parent = String(r.inputs.parentId);
      variablesByParent.set(parent, [...(variablesByParent.get(parent) ?? []), String(r.inputs.pathPart)]);
    }
    expect(variablesByParent.size).toBeGreaterThan(0);
    for (const [parent, parts] of variablesByParent) expect(parts, pathOf(parent)).toHaveLength(1);
  });

  it("proxies every method, CORS preflights included, to the Api function's live alias", () => {
    const integrations = ofType(graph, "aws:apigateway/integration:Integration");
    expect(integrations).toHaveLength(ofType(graph, "aws:apigateway/method:Method").length);
    for (const integration of integrations) {
      expect(integration.inputs, integration.name).toMatchObject({
        type: "AWS_PROXY",
        integrationHttpMethod: "POST",
        uri: `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${liveAlias}/invocations`,
      });
    }
    expect(resource(graph, "aws:lambda/permission:Permission", "ApiTradingApiInvoke").inputs).toMatchObject({
      principal: "apigateway.amazonaws.com",
      function: apiFunction,
      qualifier: "live",
    });
  });

  it("validates every POST body against a JSON-schema model before it reaches the function", () => {
    const validator = resource(
      graph,
      "aws:apigateway/requestValidator:RequestValidator",
      "TradingApiValidator",
    );
    expect(validator.inputs).toMatchObject({ validateRequestBody: true });
    const posts = methods.filter((m) => m.inputs.httpMethod === "POST");
    expect(posts).toHaveLength(3);
    const models = new Map(ofType(graph, "aws:apigateway/model:Model").map((m) => [m.inputs.name, m.inputs]));
    for (const post of posts) {
      expect(post.inputs.requestValidatorId, route(post)).toBe(`${validator.name}-id`);
      const model = models.get((post.inputs.requestModels as Record<string, string>)["application/json"]);
      const schema = JSON.parse(String(model?.schema));
      expect(schema.$schema).toBe("http://json-schema.org/draft-04/schema#");
      expect(schema.required.length, route(post)).toBeGreaterThan(0);
    }
  });

  it("declares each request model as derived from core's request schema, and no other", () => {
    const models = ofType(graph, "aws:apigateway/model:Model");
    expect(models.map((m) => m.inputs.name).sort()).toEqual(Object.keys(REQUEST_BODIES).sort());
    for (const model of models) {
      expect(model.inputs.contentType).toBe("application/json");
      expect(JSON.parse(String(model.inputs.schema))).toEqual(
        gatewayModel(model.inputs.name as RequestModel),
      );
    }
  });

  it("requires the token path parameter on POST /approve/{token}", () => {
    const approve = methods.find((m) => route(m) === "POST /approve/{token}");
    expect(approve?.inputs.requestParameters).toEqual({ "method.request.path.token": true });
  });
});
