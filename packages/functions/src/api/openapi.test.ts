// The OpenAPI document: 3.1, every route the app serves in it, and every example in it valid against the
// schema it illustrates (checked with a JSON Schema 2020-12 validator, the dialect OpenAPI 3.1 uses).
import { createHash } from "node:crypto";
import { TOPICS } from "@stock-patterns/core/catalog";
import {
  API_ROUTES,
  allowHeaders,
  FRONT_ANSWERERS,
  FRONT_MEDIA_TYPE,
  frontAnswersOf,
  frontProblemDocument,
  INTEGRATION_TIMEOUT_PROBLEM,
  MAX_BARS,
  MAX_PAGE_LIMIT,
  MIN_BARS,
  pageQuery,
  refusedMethods,
} from "@stock-patterns/core/contracts";
import Ajv2020 from "ajv/dist/2020.js";
import { beforeAll, describe, expect, it } from "vitest";
import * as z from "zod";
import { contractDocument, missLine, schemaValidator } from "#test/contract";
import { call } from "#test/http";
import { app } from "./app";
import { swaggerFileUrl } from "./docs-page";
import { PATH_ANSWERS } from "./openapi-path-answers";

interface Document {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        operationId?: string;
        security?: unknown[];
        parameters?: { in: string; name: string; description?: string; schema?: { default?: unknown } }[];
        responses: Record<string, { description: string; content?: Record<string, unknown> }>;
      }
    >
  >;
  webhooks: Record<string, { post?: { requestBody?: { content?: Record<string, { schema?: unknown }> } } }>;
  components: { schemas: Record<string, unknown> };
}

let document: Document;

beforeAll(async () => {
  const response = await app.request("/openapi.json");
  expect(response.status).toBe(200);
  document = (await response.json()) as Document;
});

/** Every JSON pointer under `value` where a schema carries `examples`. */
function exampleSites(value: unknown, pointer = ""): { pointer: string; examples: unknown[] }[] {
  if (typeof value !== "object" || value === null) return [];
  // A schema's `examples` is an array (a media type's is a map, which is not what this checks).
  const examples = Array.isArray(value) ? undefined : (value as { examples?: unknown }).examples;
  const here = Array.isArray(examples) ? [{ pointer, examples }] : [];
  return [
    ...here,
    ...Object.entries(value).flatMap(([key, child]) =>
      exampleSites(child, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`),
    ),
  ];
}

describe("GET /openapi.json", () => {
  it("is an OpenAPI 3.1 document", () => {
    expect(document.openapi).toBe("3.1.0");
  });

  it("describes every method and path the app serves, and only those", () => {
    const served = app.routes
      .filter((route) => route.method === "GET" || route.method === "POST")
      .map((route) => `${route.method} ${route.path.replace(/:(\w+)/g, "{$1}")}`);
    const documented = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect([...new Set(served)].sort()).toEqual(documented.sort());
    expect(documented).toHaveLength(API_ROUTES.length);
  });

  it("describes each path's CORS preflight and the methods it answers 405 outside its operations, from core's lists", () => {
    const extensions = document as unknown as Record<string, { paths: Record<string, unknown> }>;
    const allow = allowHeaders(API_ROUTES);
    expect(extensions[PATH_ANSWERS.refused]?.paths).toEqual(
      Object.fromEntries(
        Object.entries(refusedMethods(API_ROUTES)).map(([path, methods]) => [
          path,
          { methods, allow: allow[path] },
        ]),
      ),
    );
    expect(extensions[PATH_ANSWERS.preflight]?.paths).toEqual(
      Object.fromEntries(Object.keys(allow).map((path) => [path, { methods: ["OPTIONS"] }])),
    );
    expect(extensions[PATH_ANSWERS.refused]?.paths["/patterns"]).toEqual({
      methods: ["DELETE", "PATCH", "PUT"],
      allow: "GET, POST",
    });
    // No operation stands for them (the test above: paths hold core's routes alone), so a client generated
    // from the document gets no method that can only fail.
  });

  it("names each operation and asks for the API key wherever core's list says a role is needed", () => {
    for (const route of API_ROUTES) {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()];
      expect(operation?.operationId, route.path).toBe(route.operationId);
      expect(operation?.security, route.path).toEqual("role" in route ? [{ apiKey: [] }] : []);
    }
  });

  it("says in a sentence what each query and path parameter of every operation is for", () => {
    const parameters = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).flatMap(([method, operation]) =>
        (operation.parameters ?? []).map((parameter) => ({
          where: `${method.toUpperCase()} ${path} ${parameter.in} ${parameter.name}`,
          description: parameter.description ?? "",
        })),
      ),
    );
    // GET /patterns, /alerts, /alerts/{alertId}, /stats, /bars, /approvals and the four token or id paths.
    expect(parameters).toHaveLength(28);
    for (const { where, description } of parameters) expect(description, where).toMatch(/^[A-Z`].{10,}\.$/);
  });

  it("gives every list operation's limit the default the app reads when it is absent, valid against its own schema", () => {
    const ajv = new Ajv2020({ strict: false });
    const absent = z.object(pageQuery).parse({}).limit;
    const limits = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).flatMap(([method, operation]) =>
        (operation.parameters ?? [])
          .filter((parameter) => parameter.in === "query" && parameter.name === "limit")
          .map((parameter) => ({ where: `${method.toUpperCase()} ${path}`, schema: parameter.schema ?? {} })),
      ),
    );
    // The list operations: GET /patterns, /alerts and /approvals, each paged by a cursor.
    expect(limits.map((limit) => limit.where).sort()).toEqual([
      "GET /alerts",
      "GET /approvals",
      "GET /patterns",
    ]);
    for (const { where, schema } of limits) {
      // A query parameter is text: the default is the text that reads as the app's page size.
      expect([where, schema.default], where).toEqual([where, String(absent)]);
      expect(ajv.validate(schema, schema.default), where).toBe(true);
    }
  });

  it("says the most bars POST /patterns takes (MAX_BARS), where one more answers 413", async () => {
    const post = (document.paths["/patterns"] as Record<string, { requestBody?: unknown }>).post;
    const body = post?.requestBody as {
      content: Record<string, { schema: { properties: Record<string, unknown> } }>;
    };
    expect(body.content["application/json"]?.schema.properties.bars).toMatchObject({
      type: "array",
      minItems: MIN_BARS,
      maxItems: MAX_BARS,
    });
    const bars = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ time: 1e9 + i * 86_400, close: 1 }));
    const over = await call("/patterns", {
      key: "analyst",
      body: { symbol: "SPX", interval: "1d", bars: bars(MAX_BARS + 1) },
    });
    expect([over.status, over.json.detail]).toEqual([
      413,
      `${MAX_BARS + 1} bars given; at most ${MAX_BARS} per request`,
    ]);
  });

  it("takes as every list operation's limit what the app takes: 1 to MAX_PAGE_LIMIT, in decimal digits", async () => {
    const ajv = new Ajv2020({ strict: false });
    const texts = Array.from({ length: 1001 }, (_, n) => String(n));
    for (const [path, key] of [
      ["/alerts", "reader"],
      ["/approvals", "approver"],
      ["/patterns?symbol=SPX", "reader"],
    ] as const) {
      const schema = document.paths[path.split("?")[0] as string]?.get?.parameters?.find(
        (parameter) => parameter.name === "limit",
      )?.schema;
      const documented = texts.filter((text) => ajv.validate(schema ?? false, text));
      expect([path, documented]).toEqual([path, texts.slice(1, MAX_PAGE_LIMIT + 1)]);
      // The app's answers at the edges agree.
      const glue = path.includes("?") ? "&" : "?";
      for (const limit of [MAX_PAGE_LIMIT, MAX_PAGE_LIMIT + 1, 999]) {
        const { status } = await call(`${path}${glue}limit=${limit}`, { key });
        expect([path, limit, status]).toEqual([path, limit, limit <= MAX_PAGE_LIMIT ? 200 : 400]);
      }
    }
  });

  it("lists on each operation every problem answered in front of the app that can reach it, by whom, as core's media type", () => {
    for (const route of API_ROUTES) {
      const responses = document.paths[route.path]?.[route.method.toLowerCase()]?.responses ?? {};
      const answers = frontAnswersOf(route);
      expect(
        answers.map((a) => a.status),
        route.path,
      ).toEqual(expect.arrayContaining([429, 504]));
      for (const answer of answers) {
        const listed = responses[String(answer.status)];
        expect(listed?.content?.[FRONT_MEDIA_TYPE], `${route.path} ${answer.status}`).toEqual({
          schema: { $ref: "#/components/schemas/FrontProblem" },
        });
        expect(listed?.description, `${route.path} ${answer.status}`).toContain(
          `${answer.by} (${answer.detail})`,
        );
      }
    }
  });

  it("lists Retry-After, required, on every 429 and 503, taking the seconds each of their answerers sends", async () => {
    // RFC 9110 section 10.2.3: delay-seconds, a whole number. Every 429 and 503 is answered in front of the
    // app (AWS WAF, API Gateway, the local server), each with its own value.
    const contract = await contractDocument();
    const validate = schemaValidator(contract);
    const components = (contract.document.components.headers ?? {}) as Record<
      string,
      { required?: boolean; schema?: Record<string, unknown> }
    >;
    let listed = 0;
    for (const route of API_ROUTES) {
      const responses = (contract.operations.get(`${route.method} ${route.path}`)?.responses ?? {}) as Record<
        string,
        { headers?: Record<string, { $ref?: string }> }
      >;
      for (const status of [429, 503]) {
        const where = `${route.method} ${route.path} ${status}`;
        const answers = frontAnswersOf(route).filter((answer) => answer.status === status);
        expect(answers.length, where).toBeGreaterThan(0);
        const reference = responses[String(status)]?.headers?.["retry-after"]?.$ref ?? "";
        const header = components[reference.split("/").pop() ?? ""];
        expect(header?.required, where).toBe(true);
        const schema = header?.schema ?? {};
        for (const answer of answers)
          expect(validate(schema, String(answer.retryAfterSeconds)), `${where} ${answer.by}`).toEqual([]);
        for (const other of ["0", "soon", "Wed, 21 Oct 2026 07:28:00 GMT"])
          expect(validate(schema, other), `${where} ${other}`).not.toEqual([]);
        // Readable by a page on another origin (the console on AWS): Retry-After is no CORS-safelisted name.
        const exposed = responses[String(status)]?.headers?.["access-control-expose-headers"]?.$ref ?? "";
        const exposure = components[exposed.split("/").pop() ?? ""];
        expect(exposure?.required, where).toBe(true);
        expect(exposure?.schema, where).toEqual({ type: "string", const: "retry-after" });
        listed += 1;
      }
    }
    expect(listed).toBe(API_ROUTES.length * 2);
  });

  it("takes every front problem's document, with and without a request id, as FrontProblem, strictly", async () => {
    const validate = schemaValidator(await contractDocument());
    const schema = { $ref: "#/components/schemas/FrontProblem" };
    const problems = FRONT_ANSWERERS.flatMap(({ problems }) => Object.values(problems));
    expect(problems.length).toBeGreaterThanOrEqual(18);
    for (const problem of problems)
      for (const body of [frontProblemDocument(problem), frontProblemDocument(problem, "5d2a9b7e")])
        expect(validate(schema, body).map(missLine), problem.detail).toEqual([]);
    // The app's problems carry fields a front problem never has.
    expect(
      validate(schema, { ...frontProblemDocument(INTEGRATION_TIMEOUT_PROBLEM), errors: [] }),
    ).not.toEqual([]);
  });

  it("describes the messages of every topic as a webhook, whose body's schema resolves in the document", () => {
    expect(Object.keys(document.webhooks).sort()).toEqual([...TOPICS].sort());
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema(document as object, "openapi");
    for (const topic of TOPICS) {
      const schema = document.webhooks[topic]?.post?.requestBody?.content?.["application/json"]?.schema;
      expect(schema, topic).toBeDefined();
      const text = JSON.stringify(schema).replaceAll('"$ref":"#/', '"$ref":"openapi#/');
      expect(() => ajv.compile(JSON.parse(text)), topic).not.toThrow();
    }
  });

  it("holds only examples that validate against their own schema", () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    ajv.addSchema(document as object, "openapi");
    const sites = exampleSites(document);
    expect(sites.length).toBeGreaterThanOrEqual(3);
    for (const { pointer, examples } of sites) {
      const validate = ajv.getSchema(`openapi#${pointer}`);
      expect(validate, pointer).toBeDefined();
      for (const example of examples)
        expect(validate?.(example), `${pointer}: ${ajv.errorsText(validate?.errors)}`).toBe(true);
    }
  });

  it("would catch an example that does not validate", () => {
    const ajv = new Ajv2020({ strict: false });
    ajv.addSchema(document as object, "openapi");
    const validate = ajv.getSchema("openapi#/components/schemas/Alert");
    expect(validate?.({ alertId: "alr_x", severity: "LOW" })).toBe(false);
  });
});

describe("GET /docs", () => {
  it("serves the interactive documentation, reading the document beside it", async () => {
    const response = await app.request("/docs");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await response.text()).toContain("url: 'openapi.json'");
  });

  it("lets the page run only its pinned Swagger UI files, its own bootstrap script and its own contrast rules", async () => {
    const response = await app.request("/docs");
    const policy = Object.fromEntries(
      (response.headers.get("content-security-policy") ?? "")
        .split(";")
        .map((directive) => directive.trim().split(/\s+/))
        .map(([name, ...sources]) => [name, sources]),
    );
    expect(policy["default-src"]).toEqual(["'none'"]);
    expect(policy["connect-src"]).toEqual(["'self'"]);
    // The one inline script is allowed by the hash of its text, as the browser computes it.
    const html = await response.text();
    const inline = (tag: string) =>
      [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, "g"))].map(([, text]) => text ?? "");
    const hash = (text = "") => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
    const scripts = inline("script");
    expect(scripts).toHaveLength(1);
    expect(policy["script-src"]).toEqual([swaggerFileUrl("swagger-ui-bundle.js"), hash(scripts[0])]);
    // Likewise its one inline stylesheet, the contrast rules over Swagger UI's theme.
    const styles = inline("style");
    expect(styles).toHaveLength(1);
    expect(policy["style-src"]).toEqual([swaggerFileUrl("swagger-ui.css"), hash(styles[0])]);
  });
});
