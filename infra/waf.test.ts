// The REST API's firewall: the WebACL on every stage, its rules run by a small evaluator over sample
// requests, and its logs without API keys.

import { API_ROUTES, frontAnswersOf, WAF_BLOCK_PROBLEMS } from "@stock-patterns/core/contracts";
import { describe, expect, inject, it } from "vitest";
import { app } from "../packages/functions/src/api/app";
import { codingsOf } from "../packages/functions/src/api/encoded-body";
import { ofType, resource, type SynthGraph } from "../scripts/synth/graph";

const graph: SynthGraph = inject("production");

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
  /** A field's value after the statement's text transformations (NONE and LOWERCASE modelled). */
  function transformed(value: string, transformations: unknown): string {
    return ((transformations ?? []) as { type: string }[]).reduce((text, { type }) => {
      if (type === "LOWERCASE") return text.toLowerCase();
      if (type !== "NONE") throw new Error(`transformation ${type} not modelled`);
      return text;
    }, value);
  }

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
          const field = body.fieldToMatch as { uriPath?: object; singleHeader?: { name: string } };
          const value = field.uriPath
            ? request.path
            : field.singleHeader && request.headers[field.singleHeader.name];
          if (!field.uriPath && !field.singleHeader)
            throw new Error("only the path and one header are modelled");
          // A header that is not there matches no pattern.
          if (value === undefined) return false;
          return new RegExp(String(body.regexString)).test(transformed(value, body.textTransformations));
        }
        case "sizeConstraintStatement": {
          const header = (body.fieldToMatch as { singleHeader: { name: string } }).singleHeader.name;
          const value = request.headers[header];
          if (value === undefined) return false;
          if (body.comparisonOperator === "GT") return value.length > Number(body.size);
          if (body.comparisonOperator !== "GE") throw new Error("only GE and GT are modelled");
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
      "CompressedBody",
    ]);
    expect((rules as unknown as { priority: number }[]).map((r) => r.priority)).toEqual([0, 1, 2, 3, 4, 5]);
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

  // API Gateway would decompress a body of 1 KB or more past the body-size rule, which reads the bytes as
  // sent, and pass a smaller one on compressed (docs/api.md, 415): WAF refuses it first, by the app's own
  // rule (codingsOf).
  it("turns away a POST body sent with a content coding as the app does, 415, and lets identity or none through", () => {
    const key = "k".repeat(24);
    const post = (contentEncoding?: string) =>
      verdict({
        method: "POST",
        path: "/v1/patterns",
        headers: {
          "x-api-key": key,
          ...(contentEncoding === undefined ? {} : { "content-encoding": contentEncoding }),
        },
        bodyBytes: 2_000,
      });
    const samples = [
      "gzip",
      "GZIP",
      "deflate",
      "br",
      "x-gzip",
      "gzip, identity",
      "identity, gzip",
      "identity",
      "IDENTITY",
      "identity, identity",
      " identity ",
      "",
    ];
    for (const value of samples)
      expect(post(value), JSON.stringify(value)).toBe(
        codingsOf(value).length > 0 ? "block:CompressedBody" : "allow",
      );
    expect(samples.filter((value) => post(value) === "block:CompressedBody")).toHaveLength(7);
    expect(post()).toBe("allow");
    // Without a key, the key's 401 comes first, as in the app; a GET's header carries no body to refuse.
    expect(
      verdict({
        method: "POST",
        path: "/v1/patterns",
        headers: { "content-encoding": "gzip" },
        bodyBytes: 10,
      }),
    ).toBe("block:RequireApiKeyHeader");
    expect(
      verdict({
        method: "GET",
        path: "/v1/alerts",
        headers: { "x-api-key": key, "content-encoding": "gzip" },
        bodyBytes: 0,
      }),
    ).toBe("allow");
    const action = rule("CompressedBody").action as {
      block: { customResponse: { responseCode: number; customResponseBodyKey: string } };
    };
    const bodies = new Map(
      (acl.customResponseBodies as { key: string; content: string }[]).map((b) => [b.key, b.content]),
    );
    expect(action.block.customResponse.responseCode).toBe(415);
    expect(JSON.parse(String(bodies.get(action.block.customResponse.customResponseBodyKey)))).toMatchObject({
      status: 415,
      title: "Unsupported media type",
      detail: WAF_BLOCK_PROBLEMS.BodyEncoded.detail,
    });
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
