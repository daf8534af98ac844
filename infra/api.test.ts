// The REST API and its firewall: the six routes (and the console's reads and list decisions) on the Api's
// live alias, body validation, throttling, redeploys on any definition change, and the WebACL rules on
// every stage (a small evaluator runs them over sample requests).

import { FUNCTION_TIMEOUT_SECONDS } from "@stock-patterns/core/catalog";
import {
  API_KEY_CHALLENGE,
  API_ROUTES,
  FRONT_ANSWER_HEADERS,
  FRONT_MEDIA_TYPE,
  frontAnswersOf,
  frontProblemDocument,
  GATEWAY_PROBLEMS,
  problemSchema,
  REQUEST_BODIES,
  type RequestModel,
  WAF_BLOCK_PROBLEMS,
} from "@stock-patterns/core/contracts";
import { describe, expect, inject, it } from "vitest";
import { app, MAX_BODY_BYTES } from "../packages/functions/src/api/app";
import { ofType, resource, type SynthGraph, type SynthResource } from "../scripts/synth/graph";
import { DEFINITION_FIELDS, definitionFingerprint } from "./api-definition";
import { gatewayModel } from "./api-routes";
import { ANALYSIS_TASK_SECONDS, cpuShare, MODEL_SERIES, STATS_AS_OF_CPU_MS_PER_SERIES } from "./capacity";

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

const allMethods = ofType(graph, "aws:apigateway/method:Method");
const methods = allMethods.filter((m) => m.inputs.httpMethod !== "ANY");
const route = (m: SynthResource) => `${String(m.inputs.httpMethod)} ${pathOf(String(m.inputs.resourceId))}`;

/** A route with its path variables unnamed: API Gateway and Hono name them differently. */
const shape = (r: string) => r.replace(/\{\w+\}|:\w+/g, "{}");

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

  it("throttles POST /patterns so its analyses fit the PatternDetector's reserved executions", () => {
    const analysis = resource(
      graph,
      "aws:apigateway/methodSettings:MethodSettings",
      "TradingApiAnalysisThrottling",
    ).inputs as {
      methodPath: string;
      stageName: string;
      settings: { throttlingRateLimit: number; throttlingBurstLimit: number };
    };
    expect(analysis).toMatchObject({ methodPath: "patterns/POST", stageName: stage.stageName });
    const reserved = Number(
      resource(graph, "aws:lambda/function:Function", "PatternDetectorFunction").inputs
        .reservedConcurrentExecutions,
    );
    // Read the work per analysis off the deployed definition: its tasks on the way to an answer, and
    // how many of them run at once.
    const definition = JSON.parse(
      String(
        resource(graph, "aws:sfn/stateMachine:StateMachine", "PatternAnalysisWorkflow").inputs.definition,
      ),
    ) as {
      States: Record<string, { Type: string; Branches?: { States: Record<string, { Type: string }> }[] }>;
    };
    const states = Object.entries(definition.States);
    const parallel = states.find(([, s]) => s.Type === "Parallel")?.[1].Branches ?? [];
    const tasks =
      states.filter(([name, s]) => s.Type === "Task" && name !== "ManualReview").length +
      parallel.flatMap((b) => Object.values(b.States)).filter((s) => s.Type === "Task").length;
    expect([reserved, tasks, parallel.length]).toEqual([50, 6, 3]);
    expect(analysis.settings.throttlingRateLimit * tasks * ANALYSIS_TASK_SECONDS).toBeLessThanOrEqual(
      reserved,
    );
    expect(analysis.settings.throttlingBurstLimit * parallel.length).toBeLessThanOrEqual(reserved);
    expect(analysis.settings.throttlingRateLimit).toBeGreaterThan(0);
  });

  it("ends an analysis before the API's 29 s, so callers get its outcome and no execution outlives them", () => {
    const definition = JSON.parse(
      String(
        resource(graph, "aws:sfn/stateMachine:StateMachine", "PatternAnalysisWorkflow").inputs.definition,
      ),
    ) as { TimeoutSeconds: number };
    const apiTimeout = Number(resource(graph, "aws:lambda/function:Function", "ApiFunction").inputs.timeout);
    expect(apiTimeout).toBe(29);
    expect(definition.TimeoutSeconds).toBeLessThan(apiTimeout);
  });

  it("gives the Api the CPU to pool GET /stats?asOf= over the model's 8,000 series in half its 29 s", () => {
    // One Query a listed series, CPU-bound on the SDK's work: at 512 MB (0.29 vCPU) 8,000 series need
    // about 44 s of the function's time (the bench's CPU over the share), past API Gateway's 29 s: a 504.
    const { memorySize, timeout } = resource(graph, "aws:lambda/function:Function", "ApiFunction").inputs;
    const seconds = (MODEL_SERIES * STATS_AS_OF_CPU_MS_PER_SERIES) / 1000 / cpuShare(Number(memorySize));
    expect(Number(timeout)).toBe(FUNCTION_TIMEOUT_SECONDS.Api);
    expect(seconds).toBeLessThanOrEqual(FUNCTION_TIMEOUT_SECONDS.Api / 2);
  });

  it("is the one stage, traced, with no API Gateway canary (CodeDeploy releases the code behind it)", () => {
    expect(ofType(graph, "aws:apigateway/stage:Stage").map((s) => s.name)).toEqual(["TradingApiStage"]);
    expect(stage).toMatchObject({ stageName: "v1", xrayTracingEnabled: true });
    expect(stage.canarySettings).toBeUndefined();
    expect(Object.keys(graph.outputs)).not.toContain("CanaryApiUrl");
  });

  it("redeploys when anything in the API's definition changes, not only the route list", () => {
    const deployment = resource(graph, "aws:apigateway/deployment:Deployment", "TradingApiDeployment");
    const parts = graph.resources.filter((r) => r.type in DEFINITION_FIELDS);
    // Every resource, method, integration, model and validator of the API counts towards the trigger.
    expect(new Set(parts.map((p) => p.type))).toEqual(new Set(Object.keys(DEFINITION_FIELDS)));
    const trigger = (deployment.inputs.triggers as { definition: string }).definition;
    expect(trigger).toBe(definitionFingerprint(parts));
    // A changed integration (here: its target) gives another fingerprint, so another deployment.
    const moved = parts.map((p) =>
      p.type === "aws:apigateway/integration:Integration"
        ? { ...p, inputs: { ...p.inputs, uri: "other" } }
        : p,
    );
    expect(definitionFingerprint(moved)).not.toBe(trigger);
    expect(stage.deployment).toBe(`${deployment.name}-id`);
  });
});

describe("answers made in front of the Api function", () => {
  const answerHeaders = Object.entries(FRONT_ANSWER_HEADERS);
  expect(answerHeaders.length).toBeGreaterThan(0);

  it("carry the front answer headers on API Gateway's own 4XX and 5XX answers (throttling, validation, timeouts)", () => {
    const restApi = resource(graph, "aws:apigateway/restApi:RestApi", "TradingApi");
    const responses = ofType(graph, "aws:apigateway/response:Response");
    // Gateway responses reach callers through a deployment, like the routes: they count towards its trigger.
    expect(Object.keys(DEFINITION_FIELDS)).toContain("aws:apigateway/response:Response");
    expect(responses.map((r) => r.inputs.responseType)).toEqual(
      expect.arrayContaining(["DEFAULT_4XX", "DEFAULT_5XX", "THROTTLED", "INTEGRATION_TIMEOUT"]),
    );
    for (const response of responses) {
      expect(response.inputs.restApiId, response.name).toBe(`${restApi.name}-id`);
      // A static value is quoted, as API Gateway's response parameters require. A 429 says besides when
      // to try again, and exposes it to another origin (below).
      const {
        "gatewayresponse.header.retry-after": _,
        "gatewayresponse.header.access-control-expose-headers": _exposed,
        ...parameters
      } = response.inputs.responseParameters as Record<string, string>;
      expect(parameters, response.name).toEqual(
        Object.fromEntries(
          answerHeaders.map(([name, value]) => [`gatewayresponse.header.${name}`, `'${value}'`]),
        ),
      );
    }
  });

  it("answer a problem document with its status for each gateway answer this API can meet", () => {
    // AWS's default status of each type, but an unknown path: 404 as the app answers it, not AWS's 403
    // "Missing Authentication Token" (every method of a known path reaches the app through ANY).
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
    const expectedStatus: Record<string, number> = {
      BAD_REQUEST_BODY: 400,
      BAD_REQUEST_PARAMETERS: 400,
      MISSING_AUTHENTICATION_TOKEN: 404,
      REQUEST_TOO_LARGE: 413,
      UNSUPPORTED_MEDIA_TYPE: 415,
      THROTTLED: 429,
      WAF_FILTERED: 403,
      API_CONFIGURATION_ERROR: 500,
      INTEGRATION_FAILURE: 504,
      INTEGRATION_TIMEOUT: 504,
    };
    const requestId = "0f6c1d0e-54a4-4b5e-8d3a-6b9c2f7e1a10";
    const customised = ofType(graph, "aws:apigateway/response:Response").filter(
      (r) => !String(r.inputs.responseType).startsWith("DEFAULT_"),
    );
    expect(customised.map((r) => r.inputs.responseType).sort()).toEqual(Object.keys(expectedStatus).sort());
    for (const response of customised) {
      const status = expectedStatus[String(response.inputs.responseType)];
      expect(response.inputs.statusCode, response.name).toBe(String(status));
      const templates = response.inputs.responseTemplates as Record<string, string>;
      expect(Object.keys(templates), response.name).toEqual(["application/json"]);
      // API Gateway fills `$context` variables by plain substitution; nothing else may look like one.
      const body = String(templates["application/json"]).replaceAll("$context.requestId", requestId);
      expect(body, response.name).not.toContain("$");
      const problem = problemSchema.parse(JSON.parse(body));
      expect(problem, response.name).toMatchObject({ type: "about:blank", status, requestId });
      expect(problem.detail, response.name).toMatch(/\w/);
    }
  });

  it("meet no answer of an authorizer, IAM, an API key, a usage plan or a resource policy, which only the fallbacks would make", () => {
    // Those bring AUTHORIZER_*, ACCESS_DENIED, UNAUTHORIZED, INVALID_SIGNATURE, EXPIRED_TOKEN, INVALID_API_KEY
    // and QUOTA_EXCEEDED, none of core's GATEWAY_PROBLEMS: they would fall back to DEFAULT_4XX, AWS's body and
    // no Retry-After, a usage plan's 429 among them. Adding one means adding its answer to core's list.
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
    for (const method of allMethods) {
      expect(method.inputs.authorization, route(method)).toBe("NONE");
      expect(method.inputs.authorizerId, route(method)).toBeUndefined();
      expect(method.inputs.apiKeyRequired, route(method)).not.toBe(true);
    }
    for (const type of [
      "aws:apigateway/authorizer:Authorizer",
      "aws:apigateway/apiKey:ApiKey",
      "aws:apigateway/usagePlan:UsagePlan",
      "aws:apigateway/usagePlanKey:UsagePlanKey",
      "aws:apigateway/restApiPolicy:RestApiPolicy",
    ])
      expect(ofType(graph, type), type).toEqual([]);
    expect(resource(graph, "aws:apigateway/restApi:RestApi", "TradingApi").inputs.policy).toBeUndefined();
    expect(Object.keys(GATEWAY_PROBLEMS)).not.toContain("QUOTA_EXCEEDED");
  });

  it("say why a body too large to reach the Api is refused by API Gateway (Lambda's 6 MB), and leave smaller ones to the app's 413", () => {
    // "For synchronous invocations, the maximum payload size is 6 MB": API Gateway hands the Api each request
    // as one synchronous invocation, so a body over that never reaches the app, whose own limit it passes,
    // and API Gateway answers 413 itself. https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html
    const lambdaRequestBytes = 6 * 1024 * 1024;
    const tooLarge = resource(graph, "aws:apigateway/response:Response", "TradingApiREQUESTTOOLARGEResponse");
    const templates = tooLarge.inputs.responseTemplates as Record<string, string>;
    const problem = problemSchema.parse(
      JSON.parse(String(templates[FRONT_MEDIA_TYPE]).replaceAll("$context.requestId", "r")),
    );
    expect(problem.status).toBe(413);
    expect(problem.detail).toContain("6 MB");
    // The event carries the body as a JSON string, where each quote and backslash of a JSON body (the
    // characters valid ASCII JSON text escapes) takes two bytes: the app's limit doubled stays under Lambda's,
    // so a JSON body just over the app's limit still reaches its own 413 (docs/api.md).
    expect(2 * MAX_BODY_BYTES).toBeLessThan(lambdaRequestBytes);
  });

  it("carry them on every WAF block too, with a problem body: 429 for the rate rule, 401 for the key, 403 for the others", () => {
    const acl = resource(graph, "aws:wafv2/webAcl:WebAcl", "TradingApiWebAcl").inputs;
    const rules = acl.rules as {
      name: string;
      action?: {
        block?: {
          customResponse?: { responseCode: number; customResponseBodyKey: string; responseHeaders: unknown };
        };
      };
    }[];
    const bodies = new Map(
      (acl.customResponseBodies as { key: string; content: string; contentType: string }[]).map((b) => [
        b.key,
        b,
      ]),
    );
    const blocking = rules.filter((r) => r.action && "block" in r.action);
    expect(blocking.map((r) => r.name)).toEqual([
      "RateLimitPerIp",
      "GeoBlock",
      "LargeBodyOutsideBarUploads",
      "RequireApiKeyHeader",
    ]);
    for (const r of blocking) {
      const answer = r.action?.block?.customResponse;
      const responseCode = { RateLimitPerIp: 429, RequireApiKeyHeader: 401 }[r.name] ?? 403;
      const challenge = r.name === "RequireApiKeyHeader" ? Object.entries(API_KEY_CHALLENGE) : [];
      // The 429 says when to try again, and exposes it to another origin (below).
      const retryAfter =
        responseCode === 429
          ? [
              ["retry-after", expect.any(String)],
              ["access-control-expose-headers", "retry-after"],
            ]
          : [];
      expect(answer, r.name).toEqual({
        responseCode,
        customResponseBodyKey: expect.stringMatching(/^[\w-]{1,128}$/),
        responseHeaders: [...answerHeaders, ...retryAfter, ...challenge].map(([name, value]) => ({
          name,
          value,
        })),
      });
      // WAF's body content types are TEXT_PLAIN, TEXT_HTML and APPLICATION_JSON; 4 KB at most each.
      // https://docs.aws.amazon.com/waf/latest/APIReference/API_CustomResponseBody.html
      const body = bodies.get(String(answer?.customResponseBodyKey));
      expect(body?.contentType, r.name).toBe("APPLICATION_JSON");
      expect(Buffer.byteLength(String(body?.content)), r.name).toBeLessThanOrEqual(4096);
      const problem = problemSchema.parse(JSON.parse(String(body?.content)));
      expect(problem, r.name).toMatchObject({ type: "about:blank", status: responseCode });
    }
    // Each rule says its own reason.
    const details = blocking.map(
      (r) =>
        JSON.parse(
          String(bodies.get(String(r.action?.block?.customResponse?.customResponseBodyKey))?.content),
        ).detail,
    );
    expect(new Set(details).size).toBe(blocking.length);
  });
});

describe("answers made in front of the Api function, as core says them", () => {
  // WAF's names of the media types a custom response body takes.
  // https://docs.aws.amazon.com/waf/latest/APIReference/API_CustomResponseBody.html
  const wafContentType = { "application/json": "APPLICATION_JSON" }[FRONT_MEDIA_TYPE];

  it("answer each of core's GATEWAY_PROBLEMS as its own gateway response: status, media type, document", () => {
    const requestId = "5d2a9b7e-0c41-4f6e-9a3b-1e8f7c6d5b40";
    const customised = ofType(graph, "aws:apigateway/response:Response").filter(
      (r) => !String(r.inputs.responseType).startsWith("DEFAULT_"),
    );
    const written = Object.fromEntries(
      customised.map((r) => {
        const templates = r.inputs.responseTemplates as Record<string, string>;
        return [
          String(r.inputs.responseType),
          {
            status: Number(r.inputs.statusCode),
            mediaTypes: Object.keys(templates),
            document: JSON.parse(
              String(templates[FRONT_MEDIA_TYPE]).replaceAll("$context.requestId", requestId),
            ),
          },
        ];
      }),
    );
    expect(written).toEqual(
      Object.fromEntries(
        Object.entries(GATEWAY_PROBLEMS).map(([type, problem]) => [
          type,
          {
            status: problem.status,
            mediaTypes: [FRONT_MEDIA_TYPE],
            document: frontProblemDocument(problem, requestId),
          },
        ]),
      ),
    );
  });

  it("validate bodies and path parameters on the routes core's front answers say, and no other", () => {
    // Core lists API Gateway's 400 for a body (BAD_REQUEST_BODY) and for a path parameter
    // (BAD_REQUEST_PARAMETERS) on a route's operation: each where that route's method validates one.
    const says = (route: (typeof API_ROUTES)[number], type: "BAD_REQUEST_BODY" | "BAD_REQUEST_PARAMETERS") =>
      frontAnswersOf(route).some((answer) => answer.detail === GATEWAY_PROBLEMS[type].detail);
    for (const coreRoute of API_ROUTES) {
      const name = `${coreRoute.method} ${coreRoute.path}`;
      const method = methods.find((m) => shape(route(m)) === shape(name));
      const validatesBody =
        method?.inputs.requestModels !== undefined && method.inputs.requestValidatorId !== undefined;
      const required = Object.values((method?.inputs.requestParameters ?? {}) as Record<string, boolean>);
      expect(says(coreRoute, "BAD_REQUEST_BODY"), name).toBe(validatesBody);
      expect(says(coreRoute, "BAD_REQUEST_PARAMETERS"), name).toBe(required.includes(true));
    }
  });

  it("answer each of core's WAF_BLOCK_PROBLEMS from the blocking rule that says it: status, media type, document", () => {
    const acl = resource(graph, "aws:wafv2/webAcl:WebAcl", "TradingApiWebAcl").inputs;
    const bodies = acl.customResponseBodies as { key: string; content: string; contentType: string }[];
    expect(
      Object.fromEntries(
        bodies.map((b) => [b.key, { contentType: b.contentType, document: JSON.parse(b.content) }]),
      ),
    ).toEqual(
      Object.fromEntries(
        Object.entries(WAF_BLOCK_PROBLEMS).map(([key, problem]) => [
          key,
          { contentType: wafContentType, document: frontProblemDocument(problem) },
        ]),
      ),
    );
    const answers = (acl.rules as { action?: { block?: { customResponse?: Record<string, unknown> } } }[])
      .map((r) => r.action?.block?.customResponse)
      .filter((answer) => answer !== undefined)
      .map((answer) => [answer.customResponseBodyKey, answer.responseCode]);
    expect(Object.fromEntries(answers)).toEqual(
      Object.fromEntries(Object.entries(WAF_BLOCK_PROBLEMS).map(([key, { status }]) => [key, status])),
    );
    // Every block with a body of its own is one of core's: the document lists no other.
    expect(answers).toHaveLength(Object.keys(WAF_BLOCK_PROBLEMS).length);
  });
});

describe("answers made in front of the Api function, to a console on another origin", () => {
  it("carry the Access-Control-Allow-Origin the app's own answers carry, so the console reads why it was refused", async () => {
    // The console is served from another origin than the API: a browser hides from it an answer that does
    // not allow its origin, and it sees a failed fetch ("not recorded") where API Gateway answered 504.
    const fromApp = await app.request("/alerts", { headers: { Origin: "https://console.example.com" } });
    expect(fromApp.status).toBe(401);
    const allowed = fromApp.headers.get("access-control-allow-origin");
    expect(allowed).toBe("*");
    for (const response of ofType(graph, "aws:apigateway/response:Response")) {
      const parameters = response.inputs.responseParameters as Record<string, string>;
      expect(parameters["gatewayresponse.header.access-control-allow-origin"], response.name).toBe(
        `'${allowed}'`,
      );
    }
    const acl = resource(graph, "aws:wafv2/webAcl:WebAcl", "TradingApiWebAcl").inputs;
    for (const rule of acl.rules as { name: string; action?: { block?: { customResponse: unknown } } }[]) {
      if (!rule.action?.block) continue;
      const { responseHeaders } = rule.action.block.customResponse as {
        responseHeaders: { name: string; value: string }[];
      };
      expect(responseHeaders, rule.name).toContainEqual({
        name: "access-control-allow-origin",
        value: allowed,
      });
    }
  });
});

describe("answers made in front of the Api function that say when to try again (Retry-After)", () => {
  // RFC 9110 section 10.2.3: a 429 or 503 may say, in whole seconds, how long a client ought to wait.
  const acl = resource(graph, "aws:wafv2/webAcl:WebAcl", "TradingApiWebAcl").inputs;
  type Block = { responseCode: number; responseHeaders: { name: string; value: string }[] };
  const blocks = (acl.rules as { name: string; action?: { block?: { customResponse?: Block } } }[]).flatMap(
    (r) => (r.action?.block?.customResponse ? [{ rule: r.name, ...r.action.block.customResponse }] : []),
  );
  const gatewayResponseParameter = (responseType: string, header: string) =>
    (
      ofType(graph, "aws:apigateway/response:Response").find((r) => r.inputs.responseType === responseType)
        ?.inputs.responseParameters as Record<string, string> | undefined
    )?.[`gatewayresponse.header.${header}`];
  const gatewayRetryAfter = (responseType: string) => gatewayResponseParameter(responseType, "retry-after");

  it("the WAF rate rule's 429 says its evaluation window and the 30 s WAF usually takes to see the rate fall", () => {
    // WAF blocks an address while its count over the evaluation window is past the limit; a client that
    // waits the window has none of its requests left in the count, and WAF lifts the block "usually" within
    // 30 s of the rate falling.
    // https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based-caveats.html
    const rate = (
      acl.rules as { name: string; statement: { rateBasedStatement?: Record<string, unknown> } }[]
    ).find((r) => r.name === "RateLimitPerIp")?.statement.rateBasedStatement;
    const window = Number(rate?.evaluationWindowSec);
    expect(window).toBe(300);
    const answer = blocks.find((b) => b.rule === "RateLimitPerIp");
    expect(answer?.responseCode).toBe(429);
    expect(answer?.responseHeaders).toContainEqual({ name: "retry-after", value: String(window + 30) });
  });

  it("API Gateway's THROTTLED 429 says 1 s, in which every throttled method's token bucket gets a token back", () => {
    // API Gateway refills a method's bucket at its rate limit, tokens per second.
    // https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html
    // A static value, written in single quotes as a gateway response's parameters take it.
    expect(gatewayRetryAfter("THROTTLED")).toBe("'1'");
    const settings = ofType(graph, "aws:apigateway/methodSettings:MethodSettings").map(
      (s) => (s.inputs.settings as { throttlingRateLimit: number }).throttlingRateLimit,
    );
    expect(settings.length).toBeGreaterThan(0);
    for (const rateLimit of settings) expect(rateLimit * 1).toBeGreaterThanOrEqual(1);
  });

  it("each answer that says it lets a page on another origin read it; no other answer names a header to expose", () => {
    // The console on AWS is served from another origin than the API: a browser shows its script a response
    // header beyond the Fetch standard's CORS-safelisted ones (Retry-After is not one) only when the answer
    // names it in Access-Control-Expose-Headers.
    // https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name
    const exposes = (retryAfter: string | undefined, exposed: string | undefined, who: string) =>
      expect(exposed, who).toBe(retryAfter === undefined ? undefined : "retry-after");
    const header = (block: Block, name: string) => block.responseHeaders.find((h) => h.name === name)?.value;
    for (const block of blocks)
      exposes(
        header(block, "retry-after"),
        header(block, "access-control-expose-headers"),
        `WAF ${block.rule}`,
      );
    expect(blocks.filter((block) => header(block, "access-control-expose-headers"))).toHaveLength(1);
    for (const response of ofType(graph, "aws:apigateway/response:Response")) {
      const parameters = response.inputs.responseParameters as Record<string, string>;
      exposes(
        parameters["gatewayresponse.header.retry-after"],
        parameters["gatewayresponse.header.access-control-expose-headers"]?.replace(/^'(.*)'$/, "$1"),
        `gateway ${response.inputs.responseType}`,
      );
    }
    expect(gatewayResponseParameter("THROTTLED", "access-control-expose-headers")).toBe("'retry-after'");
  });

  it("every 429 or 503 made in front of the app says it, as a whole number of seconds; no other answer does", () => {
    const says = (status: number, retryAfter: string | undefined, who: string) =>
      [429, 503].includes(status)
        ? expect(retryAfter, who).toMatch(/^[1-9]\d*$/)
        : expect(retryAfter, who).toBeUndefined();
    for (const block of blocks)
      says(
        block.responseCode,
        block.responseHeaders.find((h) => h.name === "retry-after")?.value,
        `WAF ${block.rule}`,
      );
    const gateway = ofType(graph, "aws:apigateway/response:Response");
    for (const response of gateway) {
      const type = String(response.inputs.responseType);
      const quoted = gatewayRetryAfter(type);
      // DEFAULT_4XX and DEFAULT_5XX keep AWS's status: no one value fits each answer they stand for.
      says(Number(response.inputs.statusCode ?? 0), quoted?.replace(/^'(.*)'$/, "$1"), `gateway ${type}`);
    }
  });
});

describe("WAF", () => {
  const acl = resource(graph, "aws:wafv2/webAcl:WebAcl", "TradingApiWebAcl").inputs;
  type Statement = { [kind: string]: { statements: Statement[] } & Record<string, unknown> };
  type Rule = { name: string; action?: Record<string, unknown>; statement: Statement };
  const rules = acl.rules as Rule[];
  const rule = (name: string) => rules.find((r) => r.name === name) as Rule;

  interface SampleRequest {
    method: string;
    path: string;
    headers: Record<string, string>;
    bodyBytes: number;
  }

  /**
   * The WebACL's own rules over one request, as WAF evaluates them: in priority order, labels from the
   * common rule set (only its body-size label is modelled: bodies over 8,192 bytes) visible to later rules,
   * the first matching block ends it. Rate and geo rules do not match a single local request.
   */
  function verdict(request: SampleRequest): string {
    const labels = new Set<string>();
    const matches = (statement: Statement): boolean => {
      const [kind, body] = Object.entries(statement)[0] as [string, Record<string, unknown>];
      const inner = () => (body.statements as Statement[]) ?? [];
      switch (kind) {
        case "andStatement":
          return inner().every(matches);
        case "orStatement":
          return inner().some(matches);
        case "notStatement": {
          const [negated] = inner();
          if (!negated) throw new Error("a notStatement without the statement it negates");
          return !matches(negated);
        }
        case "labelMatchStatement":
          return labels.has(String(body.key));
        case "byteMatchStatement": {
          const field = body.fieldToMatch as Record<string, unknown>;
          const value = "method" in field ? request.method : "uriPath" in field ? request.path : undefined;
          if (value === undefined) throw new Error(`field ${JSON.stringify(field)} not modelled`);
          if (body.positionalConstraint !== "EXACTLY") throw new Error("only EXACTLY is modelled");
          return value === body.searchString;
        }
        case "regexMatchStatement": {
          if (!("uriPath" in (body.fieldToMatch as object))) throw new Error("only the path is modelled");
          return new RegExp(String(body.regexString)).test(request.path);
        }
        case "sizeConstraintStatement": {
          const header = (body.fieldToMatch as { singleHeader: { name: string } }).singleHeader.name;
          const value = request.headers[header];
          if (value === undefined) return false;
          if (body.comparisonOperator !== "GE") throw new Error("only GE is modelled");
          return value.length >= Number(body.size);
        }
        case "rateBasedStatement":
        case "geoMatchStatement":
          return false;
        case "managedRuleGroupStatement": {
          if (request.bodyBytes > 8_192) labels.add("awswaf:managed:aws:core-rule-set:SizeRestrictions_Body");
          const overrides = (body.ruleActionOverrides ?? []) as { name: string; actionToUse: object }[];
          const sizeRule = overrides.find((o) => o.name === "SizeRestrictions_BODY");
          return request.bodyBytes > 8_192 && !(sizeRule && "count" in sizeRule.actionToUse);
        }
        default:
          throw new Error(`statement ${kind} not modelled`);
      }
    };
    const ordered = [...(rules as (Rule & { priority: number })[])].sort((a, b) => a.priority - b.priority);
    for (const r of ordered) if (matches(r.statement)) return `block:${r.name}`;
    return "allow";
  }

  it("is a regional WebACL associated with every public stage", () => {
    expect(acl).toMatchObject({ scope: "REGIONAL", defaultAction: { allow: {} } });
    const associated = ofType(graph, "aws:wafv2/webAclAssociation:WebAclAssociation").map((a) =>
      String(a.inputs.resourceArn),
    );
    const stages = ofType(graph, "aws:apigateway/stage:Stage");
    expect(stages.length).toBeGreaterThan(0);
    for (const s of stages)
      expect(associated, s.name).toContain(
        `arn:aws:apigateway:us-east-1::/restapis/${String(s.inputs.restApi)}/stages/${String(s.inputs.stageName)}`,
      );
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

  it("applies AWS's common rule set, only its 8 KB body rule counting instead of blocking", () => {
    expect(rule("AWSManagedRulesCommonRuleSet").statement).toEqual({
      managedRuleGroupStatement: {
        vendorName: "AWS",
        name: "AWSManagedRulesCommonRuleSet",
        ruleActionOverrides: [{ name: "SizeRestrictions_BODY", actionToUse: { count: {} } }],
      },
    });
    expect(rule("AWSManagedRulesCommonRuleSet")).toMatchObject({ overrideAction: { none: {} } });
  });

  it("lets bar uploads past 8 KB reach the API's own limits, and blocks large bodies everywhere else", () => {
    const key = "k".repeat(24);
    const request = (method: string, path: string, bodyBytes: number, apiKey: string | null = key) => ({
      method,
      path,
      headers: apiKey === null ? ({} as Record<string, string>) : { "x-api-key": apiKey },
      bodyBytes,
    });
    // 5,000 bars of about 80 bytes: the most POST /patterns takes.
    expect(verdict(request("POST", "/v1/patterns", 5000 * 80))).toBe("allow");
    expect(verdict(request("POST", "/v1/patterns", 2_000))).toBe("allow");
    expect(verdict(request("POST", "/v1/approve/abc", 9_000))).toBe("block:LargeBodyOutsideBarUploads");
    expect(verdict(request("POST", "/v1/approvals/abc/decision", 9_000))).toBe(
      "block:LargeBodyOutsideBarUploads",
    );
    expect(verdict(request("POST", "/v1/approve/abc", 200))).toBe("allow");
    expect(verdict(request("POST", "/v1/patterns", 9_000, null))).toBe("block:RequireApiKeyHeader");
    expect(verdict(request("OPTIONS", "/v1/patterns", 0, null))).toBe("allow");
    // The label rule runs after the group that labels, as WAF requires.
    expect(rules.map((r) => r.name)).toEqual([
      "RateLimitPerIp",
      "GeoBlock",
      "AWSManagedRulesCommonRuleSet",
      "LargeBodyOutsideBarUploads",
      "RequireApiKeyHeader",
    ]);
    expect((rules as unknown as { priority: number }[]).map((r) => r.priority)).toEqual([0, 1, 2, 3, 4]);
  });

  it("turns away a request for its key as the app answers it: 401 Unauthorized, WWW-Authenticate: ApiKey", async () => {
    // The console reads a 401 as "this key is not recognised" and a 403 as a key without the right: a short
    // key typed at sign-in was "This key may not read alerts" on AWS, "not recognised" under npm start.
    const bodies = new Map(
      (acl.customResponseBodies as { key: string; content: string }[]).map((b) => [b.key, b.content]),
    );
    const guard = rule("RequireApiKeyHeader").action as {
      block: {
        customResponse: {
          responseCode: number;
          customResponseBodyKey: string;
          responseHeaders: { name: string; value: string }[];
        };
      };
    };
    const { responseCode, customResponseBodyKey, responseHeaders } = guard.block.customResponse;
    // The one answer is for a key too short to be one as well (the app, whose keys are not linked here, would
    // have to look such a key up to answer its 401).
    expect(
      verdict({ method: "GET", path: "/v1/alerts", headers: { "x-api-key": "short" }, bodyBytes: 0 }),
    ).toBe("block:RequireApiKeyHeader");
    for (const [method, path] of [
      ["GET", "/alerts"],
      ["GET", "/approvals"],
      ["POST", `/approve/${"t".repeat(43)}`],
    ] as const) {
      expect(verdict({ method, path: `/v1${path}`, headers: {}, bodyBytes: 0 }), path).toBe(
        "block:RequireApiKeyHeader",
      );
      const fromApp = await app.request(path, { method });
      expect(responseCode, path).toBe(fromApp.status);
      expect(responseHeaders, path).toContainEqual({
        name: "www-authenticate",
        value: fromApp.headers.get("www-authenticate"),
      });
      const { title } = (await fromApp.json()) as { title: string };
      expect(JSON.parse(String(bodies.get(customResponseBodyKey))).title, path).toBe(title);
    }
  });

  it("blocks requests whose X-API-Key is missing or shorter than 20 characters", () => {
    const guard = rule("RequireApiKeyHeader");
    expect(guard.action).toMatchObject({ block: { customResponse: { responseCode: 401 } } });
    const [notPreflight, , notLongEnough] = guard.statement.andStatement?.statements ?? [];
    expect(notPreflight?.notStatement?.statements[0]?.byteMatchStatement).toMatchObject({
      fieldToMatch: { method: {} },
      searchString: "OPTIONS",
    });
    expect(notLongEnough?.notStatement?.statements[0]?.sizeConstraintStatement).toMatchObject({
      fieldToMatch: { singleHeader: { name: "x-api-key" } },
      comparisonOperator: "GE",
      size: 20,
    });
  });

  it("lets the routes that need no key through without one, as docs/api.md says, and no other", () => {
    const keyless = API_ROUTES.filter((route) => !("role" in route)).map((route) => route.path);
    expect(keyless).toEqual(["/health", "/openapi.json", "/docs"]);
    const get = (path: string) => ({ method: "GET", path, headers: {}, bodyBytes: 0 });
    for (const path of keyless) expect(verdict(get(`/v1${path}`)), path).toBe("allow");
    for (const path of [
      "/v1/alerts",
      "/v1/healthz",
      "/v1/health/x",
      "/v1/openapiXjson",
      "/health",
      "/v1/docs/",
    ])
      expect(verdict(get(path)), path).toBe("block:RequireApiKeyHeader");
  });

  it("blocks a key's absence and a large body on the routes core's front answers say, and no other", () => {
    // WAF's rules over each route without a key, and with a key and a 9 KB body; the rate and geo rules
    // (core's "every") do not match one request, so only these two reasons tell routes apart.
    const reason = (verdictOf: string) =>
      ({ "block:RequireApiKeyHeader": "KeyMissing", "block:LargeBodyOutsideBarUploads": "BodyTooLarge" })[
        verdictOf
      ];
    for (const route of API_ROUTES) {
      const path = `/v1${route.path.replace(/\{\w+\}/g, "t".repeat(43))}`;
      const told = new Set(frontAnswersOf(route).map((answer) => answer.detail));
      const keyless = verdict({ method: route.method, path, headers: {}, bodyBytes: 0 });
      const large = verdict({
        method: route.method,
        path,
        headers: { "x-api-key": "k".repeat(24) },
        bodyBytes: 9_000,
      });
      const name = `${route.method} ${route.path}`;
      expect(told.has(WAF_BLOCK_PROBLEMS.KeyMissing.detail), name).toBe(reason(keyless) === "KeyMissing");
      expect(told.has(WAF_BLOCK_PROBLEMS.BodyTooLarge.detail), name).toBe(reason(large) === "BodyTooLarge");
    }
  });

  it("logs to the aws-waf-logs- bucket by its plain ARN, the one form AWS documents", () => {
    const logging = resource(
      graph,
      "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
      "TradingApiWebAclLogging",
    );
    expect(logging.inputs.logDestinationConfigs).toEqual([
      expect.stringMatching(/^arn:aws:s3:::aws-waf-logs-[a-z0-9.-]+$/),
    ]);
  });

  it("keeps API keys out of its logs: the X-API-Key header, which WAF logs with every request, is redacted", () => {
    const logging = resource(
      graph,
      "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
      "TradingApiWebAclLogging",
    );
    // WAF wants the header's name in lower case here.
    expect(logging.inputs.redactedFields).toContainEqual({ singleHeader: { name: "x-api-key" } });
  });
});
