// The approver console's CloudFront answers: every file carries core's security headers, the API's origin
// the one other the console may call. The viewer-response function's own code is run over a response.
import { readFileSync } from "node:fs";
import { consoleHeaders } from "@stock-patterns/core/contracts";
import { describe, expect, inject, it } from "vitest";
import { ofType, resource, type SynthGraph } from "../scripts/synth/graph";

const graph: SynthGraph = inject("production");
const consoleDoc = readFileSync(new URL("../docs/console.md", import.meta.url), "utf8");

/** Runs a CloudFront Function's code (cloudfront-js-2.0, which imports nothing it uses here) on `event`. */
async function runViewerResponse(code: string, event: object) {
  const body = code.replace(/^\s*import cf from "cloudfront";/m, "");
  const handler = new Function(`${body}\nreturn handler;`)() as (e: object) => Promise<object>;
  return handler(event);
}

describe("approver console", () => {
  it("serves every file with the security headers: only its own scripts, only the API to call, never framed", async () => {
    const fn = resource(
      graph,
      "aws:cloudfront/function:Function",
      "ApproverConsoleCloudfrontFunctionResponse",
    );
    const response = { statusCode: 200, headers: { "content-type": { value: "text/html" } } };
    const answered = (await runViewerResponse(String(fn.inputs.code), { response })) as {
      headers: Record<string, { value: string }>;
    };
    const apiOrigin = new URL(String(graph.outputs.ApiGatewayUrl)).origin;
    const expected = consoleHeaders(apiOrigin);
    for (const [name, value] of Object.entries(expected))
      expect(answered.headers[name], name).toEqual({ value });
    expect(answered.headers["content-security-policy"]?.value).toContain(`connect-src 'self' ${apiOrigin};`);
    expect(answered.headers["content-security-policy"]?.value).toContain("frame-ancestors 'none'");
    expect(answered.headers["content-type"]).toEqual({ value: "text/html" });
  });

  it("tells browsers to come back over HTTPS only, for a year (HSTS), so a typed address is never sent in clear", async () => {
    // HSTS counts only over HTTPS (RFC 6797 8.1): the distribution redirects HTTP there (SST 3.19.3
    // static-site.ts, defaultCacheBehavior), and the header then holds the browser to it.
    const [distribution] = ofType(graph, "aws:cloudfront/distribution:Distribution");
    expect(distribution?.inputs.defaultCacheBehavior).toMatchObject({
      viewerProtocolPolicy: "redirect-to-https",
    });
    const fn = resource(
      graph,
      "aws:cloudfront/function:Function",
      "ApproverConsoleCloudfrontFunctionResponse",
    );
    const answered = (await runViewerResponse(String(fn.inputs.code), { response: { headers: {} } })) as {
      headers: Record<string, { value: string }>;
    };
    expect(answered.headers["strict-transport-security"]).toEqual({ value: "max-age=31536000" });
  });

  it("has CloudFront compress the console's files (gzip or Brotli, as the browser asks)", () => {
    // CloudFront compresses a file of 1,000 bytes to 10,000,000 when the behaviour says `compress` and its
    // cache policy keys on Accept-Encoding; SST 3.19.3's static-site.ts sets both: the managed
    // CachingOptimized policy enables gzip and Brotli. The local server leaves its files as they are
    // (docs/local.md), the API's answers compressed as API Gateway compresses them.
    // https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/ServingCompressedFiles.html
    // https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-cache-policies.html
    const [distribution] = ofType(graph, "aws:cloudfront/distribution:Distribution");
    expect(distribution?.inputs.defaultCacheBehavior).toMatchObject({
      compress: true,
      cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6",
    });
  });

  it("is built for the API's base URL, whose path docs/console.md's build command gives", () => {
    const documented = /VITE_API_URL=https:\/\/…(\/\S*) npm run build/.exec(consoleDoc)?.[1];
    expect(documented).toBe(new URL(String(graph.outputs.ApiGatewayUrl)).pathname);
  });
});
