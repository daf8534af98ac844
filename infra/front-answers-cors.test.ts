// Answers made in front of the Api function carry the app's Access-Control-Allow-Origin, so the console on
// another origin reads why it was refused.

import { describe, expect, inject, it } from "vitest";
import { app } from "../packages/functions/src/api/app";
import { ofType, resource, type SynthGraph } from "../scripts/synth/graph";

const graph: SynthGraph = inject("production");

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
