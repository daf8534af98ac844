// Answers made in front of the Api function as core says them: each of GATEWAY_PROBLEMS and
// WAF_BLOCK_PROBLEMS written as core writes it, on the routes core's front answers name.

import {
  API_ROUTES,
  FRONT_MEDIA_TYPE,
  frontAnswersOf,
  frontProblemDocument,
  GATEWAY_PROBLEMS,
  WAF_BLOCK_PROBLEMS,
} from "@stock-patterns/core/contracts";
import { describe, expect, inject, it } from "vitest";
import { ofType, resource, type SynthGraph } from "../scripts/synth/graph";
import { apiMethods, shape } from "./api-methods";

const graph: SynthGraph = inject("production");
const { methods, route } = apiMethods(graph);

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
