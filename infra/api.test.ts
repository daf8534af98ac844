// The REST API and its firewall: the six routes (and the console's reads and list decisions) on the Api's
// live alias, body validation, throttling, the 10% stage canary, and the WebACL rules on the stage.
import { describe, expect, inject, it } from "vitest";
import { app } from "../packages/functions/src/api/app";
import { ofType, resource, type SynthGraph, type SynthResource } from "../scripts/synth/graph";

const graph: SynthGraph = inject("production");
const apiFunction = String(resource(graph, "aws:lambda/function:Function", "ApiFunction").inputs.name);
const liveAlias = `arn:aws:lambda:us-east-1:123456789012:function:${apiFunction}:live`;

/** Full path of an API Gateway resource, following parentId up to the root. */
function pathOf(resourceId: string): string {
  const byId = new Map(ofType(graph, "aws:apigateway/resource:Resource").map((r) => [`${r.name}-id`, r]));
  const parts: string[] = [];
  for (let r = byId.get(resourceId); r; r = byId.get(String(r.inputs.parentId)))
    parts.unshift(String(r.inputs.pathPart));
  return `/${parts.join("/")}`;
}

const methods = ofType(graph, "aws:apigateway/method:Method").filter(
  (m) => m.inputs.httpMethod !== "OPTIONS",
);
const route = (m: SynthResource) => `${String(m.inputs.httpMethod)} ${pathOf(String(m.inputs.resourceId))}`;

/** A route with its path variables unnamed: API Gateway and Hono name them differently. */
const shape = (r: string) => r.replace(/\{\w+\}|:\w+/g, "{}");

describe("routes", () => {
  it("declares the issue's six routes (plus the console's reads and its decision from the list)", () => {
    expect(methods.map(route).sort()).toEqual(
      [
        "POST /patterns",
        "GET /patterns",
        "GET /alerts",
        "GET /alerts/{alertId}",
        "GET /approvals",
        "GET /approvals/{token}",
        "POST /approvals/{token}/decision",
        "POST /approve/{token}",
        "GET /health",
      ].sort(),
    );
  });

  it("routes every method and path the Hono app serves, so none answers 403 from API Gateway", () => {
    const served = app.routes
      .filter((r) => r.method === "GET" || r.method === "POST")
      .map((r) => shape(`${r.method} ${r.path}`));
    expect(served.length).toBeGreaterThan(5);
    expect([...new Set(served)].sort()).toEqual([...new Set(methods.map(route).map(shape))].sort());
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

  it("requires the token path parameter on POST /approve/{token}", () => {
    const approve = methods.find((m) => route(m) === "POST /approve/{token}");
    expect(approve?.inputs.requestParameters).toEqual({ "method.request.path.token": true });
  });
});

describe("stage", () => {
  const stage = resource(graph, "aws:apigateway/stage:Stage", "TradingApiStage").inputs;

  it("throttles every method at 1000 requests/s with bursts of 2000", () => {
    const settings = resource(
      graph,
      "aws:apigateway/methodSettings:MethodSettings",
      "TradingApiStageThrottling",
    );
    expect(settings.inputs).toMatchObject({
      stageName: stage.stageName,
      methodPath: "*/*",
      settings: { throttlingRateLimit: 1000, throttlingBurstLimit: 2000 },
    });
  });

  it("sends 10% of the stage's traffic to the canary deployment, traced", () => {
    expect(stage).toMatchObject({ xrayTracingEnabled: true, canarySettings: { percentTraffic: 10 } });
    const deployment = resource(graph, "aws:apigateway/deployment:Deployment", "TradingApiDeployment");
    expect((stage.canarySettings as { deploymentId: string }).deploymentId).toBe(`${deployment.name}-id`);
  });

  it("redeploys when the routes change", () => {
    const deployment = resource(graph, "aws:apigateway/deployment:Deployment", "TradingApiDeployment");
    expect((deployment.inputs.triggers as { routes: string }).routes).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("WAF", () => {
  const acl = resource(graph, "aws:wafv2/webAcl:WebAcl", "TradingApiWebAcl").inputs;
  type Statement = { [kind: string]: { statements: Statement[] } & Record<string, unknown> };
  type Rule = { name: string; action?: Record<string, unknown>; statement: Statement };
  const rules = acl.rules as Rule[];
  const rule = (name: string) => rules.find((r) => r.name === name) as Rule;

  it("is a regional WebACL associated with the REST stage", () => {
    expect(acl).toMatchObject({ scope: "REGIONAL", defaultAction: { allow: {} } });
    const association = resource(
      graph,
      "aws:wafv2/webAclAssociation:WebAclAssociation",
      "TradingApiWebAclAssociation",
    );
    expect(String(association.inputs.resourceArn)).toMatch(/\/restapis\/TradingApi-id\/stages\/v1$/);
  });

  it("blocks an IP above 2000 requests per 5 minutes", () => {
    expect(rule("RateLimitPerIp")).toMatchObject({
      action: { block: {} },
      statement: { rateBasedStatement: { limit: 2000, evaluationWindowSec: 300, aggregateKeyType: "IP" } },
    });
  });

  it("blocks CN, RU and KP", () => {
    expect(rule("GeoBlock")).toMatchObject({
      action: { block: {} },
      statement: { geoMatchStatement: { countryCodes: ["CN", "RU", "KP"] } },
    });
  });

  it("applies AWS's common rule set", () => {
    expect(rule("AWSManagedRulesCommonRuleSet").statement).toEqual({
      managedRuleGroupStatement: { vendorName: "AWS", name: "AWSManagedRulesCommonRuleSet" },
    });
  });

  it("blocks requests whose X-API-Key is missing or shorter than 20 characters", () => {
    const guard = rule("RequireApiKeyHeader");
    expect(guard.action).toEqual({ block: {} });
    const [notPreflight, notLongEnough] = guard.statement.andStatement.statements;
    expect(notPreflight.notStatement.statements[0].byteMatchStatement).toMatchObject({
      fieldToMatch: { method: {} },
      searchString: "OPTIONS",
    });
    expect(notLongEnough.notStatement.statements[0].sizeConstraintStatement).toMatchObject({
      fieldToMatch: { singleHeader: { name: "x-api-key" } },
      comparisonOperator: "GE",
      size: 20,
    });
  });

  it("logs to the aws-waf-logs- bucket under waf-logs/", () => {
    const logging = resource(
      graph,
      "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
      "TradingApiWebAclLogging",
    );
    expect(logging.inputs.logDestinationConfigs).toEqual([
      expect.stringMatching(/^arn:aws:s3:::aws-waf-logs-.+\/waf-logs\/$/),
    ]);
  });
});
