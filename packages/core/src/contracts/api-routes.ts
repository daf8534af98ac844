// The HTTP API's surface as data: every method and path the Hono app serves, who may call it and what it
// answers. The app answers 405 for other methods from it, infra declares one API Gateway method for each,
// and the OpenAPI document describes each from the same entry.

import type * as z from "zod";
import { approvalViewSchema } from "../approvals/approval";
import {
  alertDetailSchema,
  alertsPageSchema,
  analysisSchema,
  approvalProblemSchema,
  approvalsPageSchema,
  decisionAnswerSchema,
  healthSchema,
  keyIdentitySchema,
  manualReviewSchema,
  patternsPageSchema,
  reviewProblemSchema,
  seriesProblemSchema,
} from "./api";
import { heldBarsSchema } from "./bars";
import { type ApiKeyRole, roleCovers } from "./key-roles";
import { statsSchema } from "./stats";

/** A JSON request body the API validates, by its model name. */
export type RequestModel = "AnalyzePatternsRequest" | "ApprovalDecision";

/** One route of the API. `path` names its variables OpenAPI's way: `/alerts/{alertId}`. */
export interface ApiRoute {
  method: "GET" | "POST";
  path: string;
  /** The model of the JSON body, when there is one. */
  body?: RequestModel;
  /** The OpenAPI operation: its id, one line, and its tag. */
  operationId?: string;
  summary?: string;
  tag?: string;
  /** The key role needed (sent as X-API-Key); none for public routes. */
  role?: ApiKeyRole;
  /** Successful answers by status, with their JSON schema (or, for a page or document it has none of, its media type). */
  answers?: Readonly<Record<number, z.ZodType | "text/html" | "application/json">>;
  /**
   * Problem answers (application/problem+json) besides 500, and 401 (and 403 where a key's role can fall short) on keyed routes: a status, whose
   * body is core's problemSchema, or a status with the problem schema its body has (one with more fields).
   */
  problems?: readonly (number | readonly [status: number, body: z.ZodType])[];
}

/** A decision on an approval, by its id or by its link's token: the same body, role and answers. */
const DECISION = {
  body: "ApprovalDecision",
  tag: "approvals",
  role: "approver",
  answers: { 200: decisionAnswerSchema },
  problems: [400, 404, [409, approvalProblemSchema], [410, approvalProblemSchema], 413, 415],
} as const satisfies Partial<ApiRoute>;

/** One approval read, by its link's token or by its id: the same role and answers. */
const ONE_APPROVAL = {
  tag: "approvals",
  role: "approver",
  answers: { 200: approvalViewSchema },
  problems: [400, 404],
} as const satisfies Partial<ApiRoute>;

/** Every route of the API, once. */
export const API_ROUTES = [
  {
    method: "POST",
    path: "/patterns",
    body: "AnalyzePatternsRequest",
    operationId: "analyzePatterns",
    summary: "Run the pattern analysis on a series of bars; alerts are raised for graded detections",
    tag: "patterns",
    role: "analyst",
    answers: { 200: analysisSchema, 202: manualReviewSchema },
    problems: [400, 413, 415, [422, reviewProblemSchema]],
  },
  {
    method: "GET",
    path: "/patterns",
    operationId: "listPatterns",
    summary: "Stored detections of a symbol, newest first",
    tag: "patterns",
    role: "reader",
    answers: { 200: patternsPageSchema },
    problems: [400],
  },
  {
    method: "GET",
    path: "/alerts",
    operationId: "listAlerts",
    summary: "Raised alerts, newest first, by status, severity or symbol",
    tag: "alerts",
    role: "reader",
    answers: { 200: alertsPageSchema },
    problems: [400],
  },
  {
    method: "GET",
    path: "/alerts/{alertId}",
    operationId: "getAlert",
    summary: "One alert; a pattern alert with its detection and bars",
    tag: "alerts",
    role: "reader",
    answers: { 200: alertDetailSchema },
    problems: [400, 404],
  },
  {
    method: "GET",
    path: "/stats",
    operationId: "getStats",
    summary:
      "Evidence per pattern code (what past detections did) for one series as of a time, or pooled over every symbol of an interval",
    tag: "patterns",
    role: "reader",
    answers: { 200: statsSchema },
    problems: [400, [404, seriesProblemSchema]],
  },
  {
    method: "GET",
    path: "/bars",
    operationId: "getBars",
    summary: "The bars the stream holds for one series (its newest ones), from a time on",
    tag: "patterns",
    role: "reader",
    answers: { 200: heldBarsSchema },
    problems: [400, [404, seriesProblemSchema]],
  },
  {
    method: "GET",
    path: "/keys/me",
    operationId: "getKeyIdentity",
    summary: "The calling key's name and role, and the keyed operations its role may call",
    tag: "keys",
    role: "reader",
    answers: { 200: keyIdentitySchema },
    problems: [400],
  },
  {
    method: "GET",
    path: "/approvals",
    operationId: "listApprovals",
    summary: "Approval requests by status (PENDING by default)",
    tag: "approvals",
    role: "approver",
    answers: { 200: approvalsPageSchema },
    problems: [400],
  },
  {
    method: "GET",
    path: "/approvals/{token}",
    operationId: "getApprovalByToken",
    summary: "The approval request an approval link's token names",
    ...ONE_APPROVAL,
  },
  {
    method: "GET",
    path: "/approvals/{id}/decision",
    operationId: "getApprovalById",
    summary:
      "Where the decision on an approval request stands, by the id GET /approvals lists: the request in any status, with who decided it, when and why",
    ...ONE_APPROVAL,
  },
  {
    method: "POST",
    path: "/approvals/{id}/decision",
    operationId: "decideApprovalById",
    summary: "Approve or reject from the list, by the approval's id",
    ...DECISION,
  },
  {
    method: "POST",
    path: "/approve/{token}",
    operationId: "decideApprovalByToken",
    summary: "Approve or reject by the approval link's one-time token",
    ...DECISION,
  },
  {
    method: "GET",
    path: "/health",
    operationId: "health",
    summary: "Whether the API answers",
    tag: "operations",
    answers: { 200: healthSchema },
    problems: [400],
  },
  {
    method: "GET",
    path: "/openapi.json",
    operationId: "openApiDocument",
    summary: "This OpenAPI 3.1 document",
    tag: "operations",
    answers: { 200: "application/json" },
    problems: [400],
  },
  {
    method: "GET",
    path: "/docs",
    operationId: "apiReference",
    summary: "Interactive documentation of this API",
    tag: "operations",
    answers: { 200: "text/html" },
    problems: [400],
  },
] as const satisfies readonly ApiRoute[];

/**
 * The methods each path answers, in alphabetical order (as an Allow header lists them).
 *
 * @example
 * allowedMethods(API_ROUTES)["/patterns"] // ["GET", "POST"]
 */
export function allowedMethods(routes: readonly ApiRoute[]): Record<string, ApiRoute["method"][]> {
  const allowed: Record<string, ApiRoute["method"][]> = {};
  for (const { method, path } of routes) allowed[path] = [...(allowed[path] ?? []), method].sort();
  return allowed;
}

/**
 * The methods a request reaches the app with: those API Gateway's ANY method stands for, which every path
 * of the API declares beside its own (the local server answers any other as API Gateway does: no method).
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions-any-method.html
 */
export const ANY_METHODS = ["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"] as const;

/**
 * The methods of each path the app answers 405 (with an Allow header): those of ANY_METHODS it does not
 * take, but OPTIONS (a CORS preflight, answered 204) and HEAD where it takes GET (answered as a GET, no body).
 *
 * @example
 * refusedMethods(API_ROUTES)["/health"] // ["DELETE", "PATCH", "POST", "PUT"]
 */
export function refusedMethods(routes: readonly ApiRoute[]): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(allowedMethods(routes)).map(([path, allowed]) => [
      path,
      ANY_METHODS.filter(
        (method) =>
          !(allowed as string[]).includes(method) &&
          method !== "OPTIONS" &&
          !(method === "HEAD" && allowed.includes("GET")),
      ),
    ]),
  );
}

/**
 * The Allow header of a 405 on each path: the methods it takes, as allowedMethods lists them.
 *
 * @example
 * allowHeaders(API_ROUTES)["/patterns"] // "GET, POST"
 */
export function allowHeaders(routes: readonly ApiRoute[]): Record<string, string> {
  return Object.fromEntries(
    Object.entries(allowedMethods(routes)).map(([path, methods]) => [path, methods.join(", ")]),
  );
}

/**
 * The keyed operations (`METHOD /path`) a key of `role` may call, in the order of `routes`.
 *
 * @example
 * keyedOperations(API_ROUTES, "reader").includes("POST /patterns") // false
 */
export function keyedOperations(routes: readonly ApiRoute[], role: ApiKeyRole): string[] {
  return routes
    .filter((route) => route.role !== undefined && roleCovers(role, route.role))
    .map((route) => `${route.method} ${route.path}`);
}

/**
 * A path in Hono's form, variables as `:name`.
 *
 * @example
 * honoPath("/alerts/{alertId}") // "/alerts/:alertId"
 */
export function honoPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ":$1");
}
