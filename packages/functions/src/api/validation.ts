// Hono validators with zod whose failures answer 400 problems listing each field path; a body must be JSON.
// hono-openapi's validator also puts each schema in the OpenAPI document, so what is checked is what is
// documented.

import type { Context, ValidationTargets } from "hono";
import { validator } from "hono-openapi";
import type { ZodType } from "zod";
import { refuseEncodedBody } from "./encoded-body";
import { requireJsonBody } from "./json-body";
import { misnamedBars, misnamedOptionalBars } from "./misnamed-bars";
import { plainIssues } from "./plain-issues";
import { ProblemError, type ValidationIssue, validationProblem } from "./problem";
import { namelessPairs, namelessParameter, unknownField, unknownParameter } from "./unknown-parameters";
import { requireUtf8Body } from "./utf8-body";

const WHERE = { json: "body", query: "query", param: "path" } as const;

/**
 * Whether the body is read as JSON: `application/json` or one `+json` type such as
 * `application/merge-patch+json`, in any case, with any parameters. The same test as Hono's json
 * validator, which reads no other: a body it passes over is validated as `{}`, refused for missing fields.
 */
export const isJsonType = (contentType: string) =>
  /^application\/([\w.-]+\+)?json$/.test(contentType.split(";")[0]?.trim().toLowerCase() ?? "");

/** What a query's or body's issues are read against: the operation (`GET /alerts`) and the names it takes. */
interface QueryRoute {
  operation: string;
  taken: readonly string[];
}

/**
 * The issues of a query, each one of a parameter left out, sent more than once or not taken saying so. Hono
 * hands a repeated parameter's values over as an array, which no query schema takes, and a missing one as
 * undefined: their issues would say what the schema expected ("expected one of PENDING|APPROVED|…" to
 * `status=PENDING&status=PENDING`, "expected string, received undefined"), not what was wrong. Parameters
 * a (strict) query schema does not take come as one issue of the whole query: each becomes its own, named.
 */
function plainly(query: unknown, issues: readonly ValidationIssue[], route: QueryRoute): ValidationIssue[] {
  const values = (query ?? {}) as Record<string, unknown>;
  return issues.flatMap((issue) => {
    const { code, keys = [] } = issue as { code?: string; keys?: string[] };
    if (code === "unrecognized_keys" && (issue.path ?? []).length === 0) {
      return keys.map((name) => ({
        path: [name],
        message: unknownParameter(name, route.operation, route.taken),
      }));
    }
    const [part, ...deeper] = issue.path ?? [];
    if (part === undefined || deeper.length > 0) return issue;
    const name = String(typeof part === "object" ? part.key : part);
    const given = values[name];
    if (Array.isArray(given))
      return { ...issue, message: `${name} is given ${given.length} times: give it once` };
    const missing = given === undefined && code === "invalid_type";
    return missing ? { ...issue, message: `${name} is required` } : issue;
  });
}

/**
 * The issues of a body, each field a (strict) body schema does not take its own issue, named with the fields
 * it takes (zod gives them as one issue of the whole body). A bar's keys are no body field: their rule is
 * the bar's (misnamedBars).
 */
function namedFields(issues: readonly ValidationIssue[], route: QueryRoute): ValidationIssue[] {
  return issues.flatMap((issue) => {
    const { code, keys = [] } = issue as { code?: string; keys?: string[] };
    if (code !== "unrecognized_keys" || (issue.path ?? []).length > 0) return [issue];
    return keys.map((name) => ({ path: [name], message: unknownField(name, route.operation, route.taken) }));
  });
}

/** The operation a query or body was sent to, as core's route list names it, and the names its schema takes. */
function queryRoute(c: Context, schema: ZodType): QueryRoute {
  const method = c.req.method === "HEAD" ? "GET" : c.req.method;
  const path = c.req.routePath.replace(/:(\w+)/g, "{$1}");
  const shape = (schema as { shape?: Record<string, unknown> }).shape ?? {};
  return { operation: `${method} ${path}`, taken: Object.keys(shape) };
}

/**
 * A validator for the body (`json`), query or path parameters. A body sent without a JSON content
 * type is refused with 415 saying to send JSON (Hono would otherwise read it as no body at all), one sent
 * compressed with 415 naming its Content-Encoding (refuseEncodedBody), one that is not UTF-8 or not JSON with
 * 400 saying where (requireUtf8Body, requireJsonBody). A query
 * parameter or body field the (strict) schema does not take, or a parameter with no name (`=x`), is refused
 * naming the ones it takes.
 *
 * @example
 * app.get("/alerts", validate("query", alertsQuerySchema), (c) => c.json(c.req.valid("query")))
 */
export function validate<Target extends keyof typeof WHERE & keyof ValidationTargets, Schema extends ZodType>(
  target: Target,
  schema: Schema,
) {
  const checked = validator(target, schema, async (result, c) => {
    // Hono drops a pair with no name before the schema sees the query: it is found in the URL.
    const pairs = target === "query" ? namelessPairs(c.req.url) : [];
    // A bar's key the schema drops though it names a field the bar lacks: read from the body as sent
    // (Hono keeps the JSON it parsed for the schema).
    const misnamed = target === "json" ? misnamedOptionalBars(await c.req.json()) : [];
    if (result.success && pairs.length === 0 && misnamed.length === 0) return;
    const route = queryRoute(c, schema);
    const nameless: ValidationIssue[] = pairs.map((pair) => ({
      path: [],
      message: namelessParameter(pair, route.operation, route.taken),
    }));
    const issues = result.success
      ? []
      : plainIssues(
          result.data,
          target === "query"
            ? plainly(result.data, result.error, route)
            : misnamedBars(result.data, namedFields(result.error, route)),
        );
    throw validationProblem(WHERE[target], [...issues, ...misnamed, ...nameless]);
  });
  if (target !== "json") return checked;
  const jsonOnly: typeof checked = async (c, next) => {
    if (!isJsonType(c.req.header("Content-Type") ?? "")) {
      throw new ProblemError(
        415,
        "Unsupported media type",
        "send JSON: the body must be sent with Content-Type: application/json",
      );
    }
    refuseEncodedBody(c);
    await requireUtf8Body(c);
    await requireJsonBody(c);
    return checked(c, next);
  };
  // The OpenAPI document reads the schema hono-openapi attached to its middleware: keep it on this one.
  return Object.assign(jsonOnly, checked);
}
