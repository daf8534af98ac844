// A stand-in for the AWS control plane in tests: one local HTTP endpoint that reads each call the way AWS
// reads it (JSON 1.1 by X-Amz-Target, REST by method and path, Query by Action) and answers with the
// response a test gives, shaped as the service documents it. The real SDK v3 clients run unchanged
// against it (endpoint override), so their serializers, parsers and error mapping are exercised.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One call as the endpoint read it. */
export interface ControlPlaneCall {
  /** `CodeDeploy_20141006.CreateDeployment`, `AmazonSSM.GetParameter`, `sts:GetCallerIdentity`, or `GET /path`. */
  operation: string;
  /** The JSON body (JSON 1.1), the form fields (Query), or the query string (REST). */
  input: Record<string, unknown>;
  method: string;
  path: string;
}

/** An answer: a status, a body (JSON object or raw text) and headers. */
export interface ControlPlaneAnswer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type ControlPlaneHandler = (call: ControlPlaneCall) => ControlPlaneAnswer | undefined;

/** A JSON 1.1 error as AWS sends it (CodeDeploy, SSM): HTTP 400 and `__type`. */
export function jsonError(type: string, message: string, status = 400): ControlPlaneAnswer {
  return { status, body: { __type: type, message } };
}

/** A REST-JSON error as Lambda sends it: the type in `x-amzn-ErrorType`. */
export function restError(type: string, message: string, status: number): ControlPlaneAnswer {
  return { status, headers: { "x-amzn-errortype": type }, body: { Type: "User", Message: message } };
}

/** The endpoint a test runs; `calls` lists every call in order. */
export interface ControlPlane {
  url: string;
  calls: ControlPlaneCall[];
  close(): Promise<void>;
}

/** Credentials and region for a client pointed at the endpoint. */
export function clientConfig(plane: ControlPlane) {
  return {
    endpoint: plane.url,
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDTEST", secretAccessKey: "test-secret" },
    maxAttempts: 1,
  };
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  let text = "";
  for await (const chunk of req) text += chunk;
  return text;
}

function readCall(req: IncomingMessage, text: string): ControlPlaneCall {
  const url = new URL(req.url ?? "/", "http://localhost");
  const method = req.method ?? "GET";
  const target = req.headers["x-amz-target"];
  if (typeof target === "string") {
    return { operation: target, input: text ? JSON.parse(text) : {}, method, path: url.pathname };
  }
  const contentType = String(req.headers["content-type"] ?? "");
  if (contentType.startsWith("application/x-www-form-urlencoded")) {
    const form = Object.fromEntries(new URLSearchParams(text));
    const service = String(req.headers.authorization ?? "").match(/\/[\w-]+\/([\w-]+)\/aws4_request/)?.[1];
    return { operation: `${service}:${form.Action}`, input: form, method, path: url.pathname };
  }
  const query = Object.fromEntries(url.searchParams);
  return {
    operation: `${method} ${decodeURIComponent(url.pathname)}`,
    input: text ? { ...query, body: text } : query,
    method,
    path: url.pathname,
  };
}

/**
 * Starts the endpoint on 127.0.0.1 (random port). An unanswered call gets a 501, so a test sees it.
 * @example
 * const plane = await startControlPlane((call) => call.operation === "AmazonSSM.GetParameter" ? { body: {...} } : undefined);
 * const ssm = new SSMClient(clientConfig(plane));
 */
export async function startControlPlane(handler: ControlPlaneHandler): Promise<ControlPlane> {
  const calls: ControlPlaneCall[] = [];
  const server: Server = createServer(async (req, res) => {
    const call = readCall(req, await bodyOf(req));
    calls.push(call);
    const answer = handler(call) ?? jsonError("NotImplemented", `no answer for ${call.operation}`, 501);
    const raw = typeof answer.body === "string" || Buffer.isBuffer(answer.body);
    const json = req.headers["x-amz-target"] ? "application/x-amz-json-1.1" : "application/json";
    res.writeHead(answer.status ?? 200, {
      "content-type": raw ? "text/xml" : json,
      "x-amzn-requestid": `req-${calls.length}`,
      ...answer.headers,
    });
    res.end(answer.body === undefined ? "" : raw ? answer.body : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
