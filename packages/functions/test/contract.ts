// Holds the API's real answers to its own OpenAPI document, read strictly: the status must be one the
// operation lists (for a CORS preflight or a 405, the extension at the root that describes them), the
// Content-Type its media type, and the body valid against its schema with every object closed, so a field
// the answer carries that the document does not name fails as a wrong type does.
// Headers too: each one the response lists is there when required and matches its schema, and none is
// carried that the response does not list (but Content-Type and the message's framing).

import { GATEWAY_HEADERS } from "@stock-patterns/core/contracts";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020.js";
import { app, PATH_ANSWERS } from "#api";

export type Schema = Record<string, unknown>;

type Content = Record<string, { schema?: Schema }>;

/** A response header as the document gives it: its own, or a reference to one of components.headers. */
type Header = { required?: boolean; schema?: Schema } | { $ref: string };

interface Operation {
  requestBody?: { content?: Content };
  responses: Record<string, { content?: Content; headers?: Record<string, Header> }>;
}

/**
 * An answer every path gives alike outside its operations, as an extension at the document's root
 * describes it (openapi-path-answers.ts): the paths and methods it is given to, and its responses.
 */
interface PathAnswer {
  paths: Record<string, { methods: string[]; allow?: string }>;
  responses: Operation["responses"];
}

/**
 * The document the app serves, with each operation by `METHOD /path` (the document's path form), and
 * each answer an extension describes (a CORS preflight, a 405) by the same key.
 */
export interface ContractDocument {
  document: {
    paths: Record<string, Record<string, Operation>>;
    /** The messages the topics publish, each a `post` whose request body is the message. */
    webhooks: Record<string, Record<string, Operation>>;
    components: { schemas: Schema; headers?: Record<string, Header> };
  } & Partial<Record<(typeof PATH_ANSWERS)[keyof typeof PATH_ANSWERS], PathAnswer>>;
  operations: Map<string, Operation>;
  pathAnswers: Map<string, Operation>;
}

/** The key of an operation: `GET /alerts/{alertId}`. */
export const operationKey = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

/**
 * A copy of `schema` in which every object that names its properties allows no others: an open
 * `additionalProperties` ({} or true) becomes false, and one left unsaid becomes `unevaluatedProperties:
 * false` (which, unlike additionalProperties, still sees what an `allOf` beside it names). A schema given
 * for additionalProperties (a map's values) is kept, and walked.
 */
export function closedSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closedSchema);
  if (typeof schema !== "object" || schema === null) return schema;
  const walked: Schema = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (["properties", "$defs", "patternProperties"].includes(keyword) && value && typeof value === "object")
      walked[keyword] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, closedSchema(v)]));
    else if (
      ["items", "prefixItems", "anyOf", "oneOf", "allOf", "not", "additionalProperties"].includes(keyword)
    )
      walked[keyword] = closedSchema(value);
    else walked[keyword] = value;
  }
  if ("properties" in walked) {
    const open = walked.additionalProperties;
    if (open === true || (typeof open === "object" && open !== null && Object.keys(open).length === 0))
      walked.additionalProperties = false;
    else if (open === undefined) walked.unevaluatedProperties = false;
  }
  return walked;
}

/** Reads GET /openapi.json from the app. */
export async function contractDocument(): Promise<ContractDocument> {
  const response = await app.request("/openapi.json");
  if (response.status !== 200) throw new Error(`GET /openapi.json answered ${response.status}`);
  const document = (await response.json()) as ContractDocument["document"];
  const operations = new Map<string, Operation>();
  for (const [path, item] of Object.entries(document.paths))
    for (const [method, operation] of Object.entries(item))
      operations.set(operationKey(method, path), operation);
  return { document, operations, pathAnswers: pathAnswersOf(document) };
}

/**
 * The answers the document's extensions describe, by `METHOD /path`: on a path with an `allow`, the
 * response's Allow header is that value.
 */
function pathAnswersOf(document: ContractDocument["document"]): Map<string, Operation> {
  const described = new Map<string, Operation>();
  for (const extension of Object.values(PATH_ANSWERS)) {
    const { paths, responses } = document[extension] ?? { paths: {}, responses: {} };
    for (const [path, { methods, allow }] of Object.entries(paths)) {
      const own = Object.fromEntries(
        Object.entries(responses).map(([status, response]) => {
          if (allow === undefined || !response.headers?.allow) return [status, response];
          const header = { ...response.headers.allow, schema: { type: "string", const: allow } };
          return [status, { ...response, headers: { ...response.headers, allow: header } }];
        }),
      );
      for (const method of methods) described.set(operationKey(method, path), { responses: own });
    }
  }
  return described;
}

/** The media type of a Content-Type header, without parameters, in lower case. */
const mediaType = (contentType: string | null) =>
  (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";

/** One way a value misses its schema: where (a JSON pointer into the value), the rule and its details. */
export interface Miss {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/**
 * Validates values against schemas of `contract`'s document (a response's, a request body's or a
 * component's, by reference), each read strictly (closedSchema); answers the misses (none: valid).
 *
 * @example
 * const validate = schemaValidator(await contractDocument());
 * validate({ $ref: "#/components/schemas/Health" }, { status: "ok", time: "…" }) // []
 */
export function schemaValidator({ document }: ContractDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const schemas = Object.fromEntries(
    Object.entries(document.components.schemas).map(([name, schema]) => [name, closedSchema(schema)]),
  );
  ajv.addSchema({ components: { schemas } }, "openapi.json");
  const compiled = new Map<string, ValidateFunction>();
  return (schema: Schema, value: unknown): Miss[] => {
    // A schema refers to components by "#/components/...": resolve them in the closed copy above.
    const text = JSON.stringify(closedSchema(schema)).replaceAll('"$ref":"#/', '"$ref":"openapi.json#/');
    let validate = compiled.get(text);
    if (!validate) {
      validate = ajv.compile(JSON.parse(text));
      compiled.set(text, validate);
    }
    return validate(value) ? [] : [...(validate.errors ?? [])];
  };
}

/** A miss as one line. */
export const missLine = (miss: Miss) =>
  `${miss.instancePath || "(body)"} ${miss.message} ${JSON.stringify(miss.params)}`;

/**
 * Where the answers checked are taken: from the app itself (`app.request`, the Lambda handler), or through
 * what stands in front of it (the local server), which adds API Gateway's own headers (core's
 * GATEWAY_HEADERS) the document lists as every caller gets them.
 */
export type AnsweredBy = "app" | "front";

/**
 * A checker of answers against `contract`: each call answers the mismatches found (none: an empty list).
 *
 * @example
 * const check = answerChecker(await contractDocument(), "app");
 * expect(check("GET /health", response, await response.text())).toEqual([]);
 */
export function answerChecker(contract: ContractDocument, from: AnsweredBy) {
  const validate = schemaValidator(contract);
  const checkHeaders = headerChecker(contract, validate, from);
  return (operation: string, response: Response, text: string): string[] => {
    const responses = (contract.operations.get(operation) ?? contract.pathAnswers.get(operation))?.responses;
    if (!responses) return [`${operation} is not in the document`];
    const answer = responses[String(response.status)];
    if (!answer) return [`${operation} answered ${response.status}, which the document does not list`];
    const where = `${operation} ${response.status}`;
    const headerMisses = checkHeaders(where, answer.headers ?? {}, response.headers);
    const type = mediaType(response.headers.get("content-type"));
    const documented = Object.keys(answer.content ?? {});
    // An answer the document gives no content (a preflight's 204) has none: no body, no Content-Type.
    if (documented.length === 0 && type === "" && text === "") return headerMisses;
    if (!documented.includes(type))
      return [...headerMisses, `${where} answered ${type || "no Content-Type"}, documented: ${documented}`];
    const schema = answer.content?.[type]?.schema;
    // A HEAD answer has the headers of its GET (or 405) and no body.
    if (!schema || operation.startsWith("HEAD ")) return headerMisses;
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return [...headerMisses, `${where}: the body is not JSON`];
    }
    return [...headerMisses, ...validate(schema, body).map((miss) => `${where}: ${missLine(miss)}`)];
  };
}

/**
 * Headers an answer carries that the document does not list, by design: Content-Type, which OpenAPI
 * describes as each response's `content` (a `Content-Type` in `headers` is ignored), and the message's
 * framing and coding, which the HTTP server under the app writes (Node's, API Gateway's, which compresses
 * an answer as the document's description says), not the API.
 */
const UNLISTED_HEADERS = new Set([
  "content-type",
  "content-length",
  "content-encoding",
  "transfer-encoding",
  "date",
  "connection",
  "keep-alive",
]);

/**
 * A checker of an answer's headers against those its response lists (one taken from the app itself read
 * as API Gateway passes it on): each required one present (but, from the app itself, those the front adds), each present one valid against its schema, and no other
 * carried (an answer the document says nothing about sends it, or the document forgot it), but those of
 * UNLISTED_HEADERS.
 */
function headerChecker(
  { document }: ContractDocument,
  validate: ReturnType<typeof schemaValidator>,
  from: AnsweredBy,
) {
  // An answer taken from the app has not passed the front that adds API Gateway's request id and renames
  // some of the app's headers: it is read renamed, its request id not yet required.
  const addedInFront = new Set(from === "app" ? [GATEWAY_HEADERS.requestId.toLowerCase()] : []);
  const asPassedOn = (headers: Headers) => {
    if (from === "front") return headers;
    const renamed = new Headers(headers);
    for (const name of GATEWAY_HEADERS.remapped) {
      const value = renamed.get(name);
      if (value === null) continue;
      renamed.delete(name);
      renamed.set(`${GATEWAY_HEADERS.remappedPrefix}${name}`, value);
    }
    return renamed;
  };
  const resolve = (header: Header) =>
    "$ref" in header ? document.components.headers?.[header.$ref.split("/").pop() ?? ""] : header;
  return (where: string, listed: Record<string, Header>, answered: Headers): string[] => {
    const carried = asPassedOn(answered);
    const misses: string[] = [];
    for (const [name, reference] of Object.entries(listed)) {
      const header = resolve(reference);
      if (!header || "$ref" in header) {
        misses.push(`${where}: header ${name} refers to nothing in components.headers`);
        continue;
      }
      const value = carried.get(name);
      if (value === null) {
        if (header.required && !addedInFront.has(name.toLowerCase()))
          misses.push(`${where}: no ${name} header, which the document requires`);
      } else if (header.schema)
        misses.push(
          ...validate(header.schema, value).map(
            (miss) => `${where}: header ${name} ${miss.message} ${JSON.stringify(miss.params)}`,
          ),
        );
    }
    const here = new Set(Object.keys(listed).map((n) => n.toLowerCase()));
    for (const name of carried.keys())
      if (!here.has(name) && !UNLISTED_HEADERS.has(name))
        misses.push(`${where}: carries ${name}, which the document does not list for this answer`);
    return misses;
  };
}

/**
 * A validator of values against one standalone JSON Schema (its own `$defs`), read strictly (closedSchema);
 * each call answers the misses (none: valid).
 *
 * @example
 * const validate = closedValidator(messageJsonSchema("TradingAlerts"));
 * validate({ type: "alert", alert, region: "us-east-1" }) // [{ keyword: "additionalProperties", … }]
 */
export function closedValidator(schema: Schema): (value: unknown) => Miss[] {
  // Formats are checked too where the schemas use them (a link must be a URL).
  const ajv = new Ajv2020({ strict: false, allErrors: true, formats: { uri: (text) => URL.canParse(text) } });
  const validate = ajv.compile(closedSchema(schema) as Schema);
  return (value) => (validate(value) ? [] : [...(validate.errors ?? [])]);
}
