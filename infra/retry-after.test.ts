// Retry-After on the 429s made in front of the Api function (WAF's rate rule, API Gateway's THROTTLED),
// exposed to another origin, and on no other answer.

import { describe, expect, inject, it } from "vitest";
import { ofType, resource, type SynthGraph } from "../scripts/synth/graph";

const graph: SynthGraph = inject("production");

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
