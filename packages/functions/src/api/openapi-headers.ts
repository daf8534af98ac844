// The response headers of the OpenAPI document, from the values the code sends them with: what every answer
// carries (core's API_ANSWER_HEADERS), CORS's (core's API_CORS, its origin as cors-origins.ts reads it), a
// 401's challenge (the app's as API Gateway renames it), the app's request id, API Gateway's own (core's
// GATEWAY_HEADERS), a 429's or 503's Retry-After (core's front problems) with what exposes it to another
// origin (core's RETRY_AFTER_EXPOSED), and the docs page's policy, as
// components.headers that each response refers to.

import {
  API_ANSWER_HEADERS,
  API_CORS,
  API_KEY_CHALLENGE,
  FRONT_ANSWER_HEADERS,
  FRONT_ANSWERERS,
  type FrontAnswer,
  GATEWAY_HEADERS,
  REQUEST_ID_HEADER,
  RETRY_AFTER_EXPOSED,
  RETRY_AFTER_HEADER,
} from "@stock-patterns/core/contracts";
import * as z from "zod";
import { allowedOrigins } from "./cors-origins";

/** A header as components.headers holds it. */
interface Header {
  required: boolean;
  description: string;
  schema: Record<string, unknown>;
}

/** Who may make an answer: the app, those in front of it (AWS WAF, API Gateway, the local server), or both. */
export interface AnswerMakers {
  byApp: boolean;
  inFront: boolean;
}

const fixed = (headers: Readonly<Record<string, string>>, description: string) =>
  Object.fromEntries(
    Object.entries(headers).map(([name, value]): [string, Header] => [
      name,
      { required: true, description, schema: { type: "string", const: value } },
    ]),
  );

const { $schema: _, ...idSchema } = z.toJSONSchema(z.guid()) as Record<string, unknown>;
const requestId = (required: boolean, when: string): Header => ({
  required,
  description: `The request's id, as the problem's requestId holds it (Lambda's awsRequestId); ${when}.`,
  schema: idSchema,
});

/** A variant of header `name`, where who makes the answer changes whether it is carried, or its value. */
const variant = (name: string, who: string) => `${name}.${who}`;
const REQUEST_ID_IF_APP = variant(REQUEST_ID_HEADER, "if-the-app-answers");
const ALLOW_ORIGIN = "access-control-allow-origin";
const ALLOW_ORIGIN_OF_APP = variant(ALLOW_ORIGIN, "of-the-app");
const ALLOW_ORIGIN_EITHER = variant(ALLOW_ORIGIN, "in-front-or-of-the-app");
const VARY = "vary";
const VARY_IF_APP = variant(VARY, "if-the-app-answers");
const VARY_PREFLIGHT = variant(VARY, "preflight");
const PAGE_POLICY = "content-security-policy";

/** A CORS preflight's answer: what a request may send, as the cors middleware writes core's API_CORS. */
const PREFLIGHT_HEADERS = {
  "access-control-allow-methods": API_CORS.methods.join(","),
  "access-control-allow-headers": API_CORS.headers.join(","),
  "access-control-max-age": String(API_CORS.maxAgeSeconds),
};

const FRONT_ONLY = Object.fromEntries(
  Object.entries(FRONT_ANSWER_HEADERS).filter(([name]) => !(name in API_ANSWER_HEADERS)),
);

/** The CORS headers of an answer, when CORS_ALLOWED_ORIGINS narrows the origins to `origins`. */
function narrowedCors(origins: string[]): Record<string, Header> {
  const ofApp = `The request's Origin, when it is one of CORS_ALLOWED_ORIGINS (${origins.join(", ")}); else none`;
  return {
    [ALLOW_ORIGIN_OF_APP]: { required: false, description: `${ofApp}.`, schema: { enum: origins } },
    [ALLOW_ORIGIN_EITHER]: {
      required: false,
      description: `${ofApp}; "*" on an answer made in front of the app.`,
      schema: { enum: [...new Set([...Object.values(FRONT_ONLY), ...origins])] },
    },
    [VARY]: {
      required: true,
      description: "The answer depends on the request's Origin: CORS_ALLOWED_ORIGINS narrows the origins.",
      schema: { type: "string", const: "Origin" },
    },
    [VARY_IF_APP]: {
      required: false,
      description:
        "On the app's answer, Origin (CORS_ALLOWED_ORIGINS narrows the origins); none in front of it.",
      schema: { type: "string", const: "Origin" },
    },
  };
}

/** The name API Gateway passes the app's header `name` on as (core's GATEWAY_HEADERS). */
const remapped = (name: string) =>
  (GATEWAY_HEADERS.remapped as readonly string[]).includes(name)
    ? `${GATEWAY_HEADERS.remappedPrefix}${name}`
    : name;

/**
 * A 401's challenge: AWS WAF's as it sets it, the app's as API Gateway passes it on (renamed), each
 * optional where both may answer the status.
 */
function challenges(): Record<string, Header> {
  const said = "the key goes in the X-API-Key header";
  return Object.fromEntries(
    Object.entries(API_KEY_CHALLENGE).flatMap(([name, value]): [string, Header][] => {
      const schema = { type: "string", const: value };
      const ofWaf = `On AWS WAF's 401 (no plausible X-API-Key): ${said}`;
      const ofApp = `On the app's 401 (a key missing or unknown), as API Gateway renames its ${name}: ${said}`;
      return [
        [name, { required: true, description: `${ofWaf}.`, schema }],
        [
          variant(name, "if-in-front"),
          { required: false, description: `${ofWaf}; not on the app's.`, schema },
        ],
        [remapped(name), { required: true, description: `${ofApp}.`, schema }],
        [
          variant(remapped(name), "if-the-app-answers"),
          { required: false, description: `${ofApp}; not on AWS WAF's.`, schema },
        ],
      ];
    }),
  );
}

/** The front answers of each status that says when to try again, with who answers each. */
const RETRY_AFTER_ANSWERS = Map.groupBy(
  FRONT_ANSWERERS.flatMap(({ by, problems }) =>
    Object.values<FrontAnswer>(problems)
      .filter((problem) => problem.retryAfterSeconds !== undefined)
      .map((problem) => ({ ...problem, by })),
  ),
  (answer) => answer.status,
);

/** The component of the Retry-After of an answer of `status` (none for a status that never says it). */
const retryAfterOf = (status: number) =>
  RETRY_AFTER_ANSWERS.has(status) ? variant(RETRY_AFTER_HEADER, String(status)) : undefined;

/**
 * Retry-After of each status that says it, with the seconds each answerer sends (RFC 9110 section 10.2.3).
 * Required: each answer of such a status made in front of the app says it (infra's and the local server's
 * tests check), and the app answers neither 429 nor 503.
 */
function retryAfters(): Record<string, Header> {
  return Object.fromEntries(
    [...RETRY_AFTER_ANSWERS].map(([status, answers]): [string, Header] => [
      retryAfterOf(status) as string,
      {
        required: true,
        description: `How many seconds to wait before trying again: ${answers
          .map((a) => `${a.retryAfterSeconds} from ${a.by} (${a.detail})`)
          .join("; ")}.`,
        schema: { type: "string", enum: [...new Set(answers.map((a) => String(a.retryAfterSeconds)))] },
      },
    ]),
  );
}

/**
 * The document's components.headers; `pagePolicy`: the Content-Security-Policy of the docs page.
 *
 * @example
 * documentation: { components: { headers: answerHeaderComponents(docsPagePolicy("openapi.json")) } }
 */
export function answerHeaderComponents(pagePolicy: string): Record<string, Header> {
  const origins = allowedOrigins();
  return {
    ...fixed(
      API_ANSWER_HEADERS,
      "On every answer, the app's and those made in front of it (AWS WAF, API Gateway, the local server).",
    ),
    ...fixed(
      FRONT_ONLY,
      origins === "*"
        ? "On every answer: any origin may read it (core's API_CORS)."
        : "On an answer made in front of the app: any origin may read why it was refused.",
    ),
    ...(origins === "*" ? {} : narrowedCors(origins)),
    ...fixed(
      PREFLIGHT_HEADERS,
      "On a CORS preflight: what a request from another origin may send, and for how long a browser may keep this answer (core's API_CORS).",
    ),
    [VARY_PREFLIGHT]: {
      required: true,
      description:
        "A preflight's answer depends on the headers it asks for (and on its Origin, when CORS_ALLOWED_ORIGINS narrows the origins).",
      schema: {
        type: "string",
        const: [...(origins === "*" ? [] : ["Origin"]), "Access-Control-Request-Headers"].join(", "),
      },
    },
    ...challenges(),
    ...retryAfters(),
    ...fixed(
      RETRY_AFTER_EXPOSED,
      "On each answer that says Retry-After: lets a page on another origin (the console) read it, which is no CORS-safelisted response header.",
    ),
    [REQUEST_ID_HEADER]: requestId(true, "only the app answers this status"),
    [REQUEST_ID_IF_APP]: requestId(
      false,
      "on the app's answer, not on one made in front of it (AWS WAF, API Gateway, the local server)",
    ),
    [GATEWAY_HEADERS.requestId]: {
      required: true,
      description:
        "API Gateway's id of the request (under npm start, the local server's), on every answer; the requestId of a problem API Gateway or the local server makes.",
      schema: { type: "string", minLength: 1 },
    },
    [GATEWAY_HEADERS.errorType]: {
      required: false,
      description:
        "On an error API Gateway makes itself, its type (the local server's 504 names InternalServerErrorException).",
      schema: { type: "string", minLength: 1 },
    },
    [PAGE_POLICY]: {
      required: true,
      description:
        "The page runs only its pinned Swagger UI files and its own inline script and stylesheet, and reads only its own origin.",
      schema: { type: "string", const: pagePolicy },
    },
  };
}

const ref = (component: string) => ({
  $ref: `#/components/headers/${component}`,
});

/** The component of the allow-origin header of an answer made by `who`. */
function allowOrigin({ byApp, inFront }: AnswerMakers): string {
  if (allowedOrigins() === "*" || !byApp) return ALLOW_ORIGIN;
  return inFront ? ALLOW_ORIGIN_EITHER : ALLOW_ORIGIN_OF_APP;
}

/** What else an answer is: the docs page, or a CORS preflight's. */
export interface AnswerKind {
  page?: boolean;
  preflight?: boolean;
}

/**
 * The headers an answer of `status` carries, by who may make it and what it is.
 *
 * @example
 * answerHeaders(504, { byApp: false, inFront: true }) // cache-control, x-content-type-options, access-control-allow-origin, …
 * answerHeaders(429, { byApp: false, inFront: true }) // …, retry-after, access-control-expose-headers
 * answerHeaders(204, { byApp: true, inFront: false }, { preflight: true }) // …, access-control-allow-methods, vary
 */
export function answerHeaders(status: number, who: AnswerMakers, kind: AnswerKind = {}) {
  const { byApp, inFront } = who;
  const challenge = Object.keys(status === 401 ? API_KEY_CHALLENGE : {}).flatMap((name) => [
    ...(inFront ? [[name, byApp ? variant(name, "if-in-front") : name]] : []),
    ...(byApp
      ? [[remapped(name), inFront ? variant(remapped(name), "if-the-app-answers") : remapped(name)]]
      : []),
  ]);
  const names = [
    ...Object.keys(API_ANSWER_HEADERS),
    GATEWAY_HEADERS.requestId,
    ...(inFront ? [GATEWAY_HEADERS.errorType] : []),
    ...(kind.page ? [PAGE_POLICY] : []),
    ...(kind.preflight ? Object.keys(PREFLIGHT_HEADERS) : []),
  ];
  const vary = kind.preflight ? VARY_PREFLIGHT : inFront ? VARY_IF_APP : VARY;
  const retryAfter = inFront ? retryAfterOf(status) : undefined;
  return {
    ...Object.fromEntries(names.map((name) => [name, ref(name)])),
    ...Object.fromEntries(challenge.map(([name, component]) => [name, ref(component as string)])),
    ...(retryAfter
      ? {
          [RETRY_AFTER_HEADER]: ref(retryAfter),
          ...Object.fromEntries(Object.keys(RETRY_AFTER_EXPOSED).map((name) => [name, ref(name)])),
        }
      : {}),
    [ALLOW_ORIGIN]: ref(allowOrigin(who)),
    ...(byApp && (kind.preflight || allowedOrigins() !== "*") ? { [VARY]: ref(vary) } : {}),
    ...(byApp ? { [REQUEST_ID_HEADER]: ref(inFront ? REQUEST_ID_IF_APP : REQUEST_ID_HEADER) } : {}),
  };
}
