// Answers made in front of the Api function, by API Gateway and by WAF: the front answer headers and a
// problem document on each, and no answer the API cannot meet.

import {
  API_KEY_CHALLENGE,
  FRONT_ANSWER_HEADERS,
  FRONT_MEDIA_TYPE,
  GATEWAY_PROBLEMS,
  problemSchema,
} from "@stock-patterns/core/contracts";
import { describe, expect, inject, it } from "vitest";
import { MAX_BODY_BYTES } from "../packages/functions/src/api/app";
import { ofType, resource, type SynthGraph } from "../scripts/synth/graph";
import { DEFINITION_FIELDS } from "./api-definition";
import { apiMethods } from "./api-methods";

const graph: SynthGraph = inject("production");
const { allMethods, route } = apiMethods(graph);

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

  it("carry them on every WAF block too, with a problem body: 429 for the rate rule, 401 for the key, 415 for a compressed body, 403 for the others", () => {
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
      "CompressedBody",
    ]);
    for (const r of blocking) {
      const answer = r.action?.block?.customResponse;
      const responseCode =
        { RateLimitPerIp: 429, RequireApiKeyHeader: 401, CompressedBody: 415 }[r.name] ?? 403;
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
