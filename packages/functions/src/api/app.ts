// The HTTP API as one Hono app: served by Lambda (lambda.ts) and, on one machine, by @hono/node-server.

import { didYouMean } from "@stock-patterns/core";
import {
  API_ANSWER_HEADERS,
  API_CORS,
  API_ROUTES,
  allowedMethods,
  allowHeaders,
  honoPath,
  noQuerySchema,
  REQUEST_ID_HEADER,
} from "@stock-patterns/core/contracts";
import { type Context, Hono } from "hono";
import type { LambdaContext } from "hono/aws-lambda";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { logger, publishMetrics, recordServerErrorAnswer } from "#observability";
import type { ApiVariables } from "./auth";
import { allowedOrigins } from "./cors-origins";
import { documentRoutes, serveDocumentation } from "./openapi";
import { ProblemError, problemResponse } from "./problem";
import { routeMeant } from "./route-meant";
import { alerts } from "./routes/alerts";
import { approvals } from "./routes/approvals";
import { bars } from "./routes/bars";
import { keys } from "./routes/keys";
import { patterns } from "./routes/patterns";
import { stats } from "./routes/stats";
import { shown } from "./shown";
import { validate } from "./validation";

/** Largest request body accepted (5,000 bars with every field fit in well under this). */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

/** Methods each path answers (core's route list); any other method gets 405 with an Allow header. */
const ALLOWED = allowedMethods(API_ROUTES);
const ALLOW = allowHeaders(API_ROUTES);

/**
 * The API. Every route but /health needs an X-API-Key; errors are application/problem+json.
 *
 * @example
 * const response = await app.request("/health");
 */
export const app = new Hono<{ Variables: ApiVariables; Bindings: { lambdaContext?: LambdaContext } }>();

// What a request counted (an approval's catch-up counts the lifecycle messages it sent) is published as the
// request ends, as each queue handler publishes at the end of its batch.
app.use(async (_c, next) => {
  try {
    await next();
  } finally {
    publishMetrics();
  }
});
// Outermost but for that, so every answer gets them: a problem, a 404, a CORS preflight (core's API_ANSWER_HEADERS).
app.use(async (c, next) => {
  await next();
  for (const [name, value] of Object.entries(API_ANSWER_HEADERS)) c.res.headers.set(name, value);
});
// The request id is always issued here (Lambda's awsRequestId, so API logs join Lambda's own lines).
// A caller's X-Request-Id is not taken: the id that finds an error's logs must not be the caller's choice.
app.use(
  requestId({
    headerName: "",
    generator: (c) =>
      (c.env as { lambdaContext?: LambdaContext } | undefined)?.lambdaContext?.awsRequestId ??
      crypto.randomUUID(),
  }),
);
// Before CORS, so a preflight (answered there) carries its id too.
app.use(async (c, next) => {
  logger.setCorrelationId(c.get("requestId"));
  c.header(REQUEST_ID_HEADER, c.get("requestId"));
  await next();
});
// The console runs on another origin: core's API_CORS, its origin narrowed by CORS_ALLOWED_ORIGINS
// (comma-separated) when set.
app.use(
  cors({
    origin: allowedOrigins(),
    allowMethods: [...API_CORS.methods],
    allowHeaders: [...API_CORS.headers],
    maxAge: API_CORS.maxAgeSeconds,
  }),
);
app.use(
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ProblemError(413, "Request too large", `the body is over ${MAX_BODY_BYTES} bytes`);
    },
  }),
);

documentRoutes(app as never);
app.get("/health", validate("query", noQuerySchema), (c) =>
  c.json({ status: "ok", time: new Date().toISOString() }),
);
app.route("/patterns", patterns);
app.route("/alerts", alerts);
app.route("/stats", stats);
app.route("/bars", bars);
app.route("/keys", keys);
app.route("/", approvals);

serveDocumentation(app as never);

for (const [path, methods] of Object.entries(ALLOWED)) {
  app.all(honoPath(path), () => {
    throw new ProblemError(
      405,
      "Method not allowed",
      `${path} answers ${methods.join(", ")}`,
      {},
      { Allow: ALLOW[path] ?? "" },
    );
  });
}

// The path as Hono decoded it may hold any character (%00, %1b): named as shown() names what a caller sent,
// with the route it was most likely meant for.
const ROUTE_PATHS = [...new Set(API_ROUTES.map((route) => route.path))];
app.notFound((c) => {
  return problemResponse(
    c,
    new ProblemError(
      404,
      "Not found",
      `no route for ${c.req.method} ${shown(c.req.path)}${didYouMean(routeMeant(c.req.path, ROUTE_PATHS))}`,
    ),
  );
});

/**
 * The request's path as a log may hold it: an approve link's one-time token (the `token` path parameter)
 * is a credential, stored only as its hash, so a path that carries one is logged as its route.
 */
function loggedPath(c: Context): string {
  return c.req.routePath.includes(":token") ? c.req.routePath : c.req.path;
}

app.onError((error, c) => {
  if (error instanceof ProblemError) return problemResponse(c, error);
  if (error instanceof HTTPException && error.status < 500) {
    return problemResponse(c, new ProblemError(error.status, error.message || "Bad request", error.message));
  }
  if (error.name === "InvalidCursorError") {
    return problemResponse(
      c,
      new ProblemError(400, "Invalid request", error.message, {
        errors: [{ path: "query.cursor", message: error.message }],
      }),
    );
  }
  logger.error("Unhandled API error", { requestId: c.get("requestId"), path: loggedPath(c), error });
  // Lambda sees a successful invocation: this count is how a release sees the failure.
  recordServerErrorAnswer();
  return problemResponse(
    c,
    new ProblemError(500, "Internal server error", "the request failed; quote the request id"),
  );
});
