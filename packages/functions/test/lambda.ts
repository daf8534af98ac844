// A Lambda endpoint for tests (REST-JSON, 2015-03-31 API): GetFunction(Configuration), UpdateFunctionConfiguration,
// PublishVersion, ListVersionsByFunction, DeleteFunction of a version, and Invoke ($LATEST or a version) with a
// log tail, running handlers in this process and billing their measured duration at the invoked version's memory.

import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** A function served here: its handler and configuration. */
export interface LocalFunction {
  handler: (event: unknown) => Promise<unknown>;
  memoryMB: number;
  architecture: "x86_64" | "arm64";
  /** Every invocation's memory size, in order (what was billed). */
  invocations: number[];
  /** Published versions: number, memory and description (filled in by PublishVersion). */
  versions?: { version: string; memoryMB: number; description: string }[];
  /** Every invocation's qualifier (`$LATEST` or a version), in order. */
  qualifiers?: string[];
}

/**
 * Serves the given functions by name on a loopback port; set AWS_ENDPOINT_URL_LAMBDA to `url`.
 *
 * @example
 * const lambda = await startLambda({ PatternDetector: { handler, memoryMB: 1024, architecture: "arm64", invocations: [] } });
 */
export async function startLambda(functions: Record<string, LocalFunction>) {
  const configuration = (name: string, fn: LocalFunction) => ({
    FunctionName: name,
    FunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${name}`,
    Runtime: "nodejs22.x",
    Handler: "index.handler",
    MemorySize: fn.memoryMB,
    Architectures: [fn.architecture],
    State: "Active",
    LastUpdateStatus: "Successful",
  });
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", async () => {
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        response.writeHead(status, { "Content-Type": "application/json", ...headers });
        response.end(JSON.stringify(body));
      };
      const url = new URL(request.url ?? "/", "http://local");
      const match = /^\/2015-03-31\/functions\/([^/]+)(\/configuration|\/invocations|\/versions)?$/.exec(
        url.pathname,
      );
      const qualifier = url.searchParams.get("Qualifier") ?? "$LATEST";
      const encoded = match?.[1];
      const name = encoded ? decodeURIComponent(encoded) : "";
      const fn = functions[name];
      if (!match || !fn) {
        return send(
          404,
          { Type: "User", message: `Function not found: ${name}` },
          { "x-amzn-errortype": "ResourceNotFoundException" },
        );
      }
      const body = Buffer.concat(chunks).toString("utf8");
      if (request.method === "GET" && match[2] === undefined)
        return send(200, { Configuration: configuration(name, fn) });
      if (request.method === "GET" && match[2] === "/configuration")
        return send(200, configuration(name, fn));
      if (request.method === "PUT" && match[2] === "/configuration") {
        const update = JSON.parse(body) as { MemorySize?: number };
        if (update.MemorySize !== undefined) fn.memoryMB = update.MemorySize;
        return send(200, configuration(name, fn));
      }
      fn.versions ??= [];
      const versions = fn.versions;
      if (request.method === "POST" && match[2] === "/versions") {
        const { Description = "" } = JSON.parse(body || "{}") as { Description?: string };
        const last = versions.at(-1);
        // Lambda publishes nothing new when $LATEST equals the last version; it answers with that version.
        if (!last || last.memoryMB !== fn.memoryMB)
          versions.push({
            version: String(versions.length + 1),
            memoryMB: fn.memoryMB,
            description: Description,
          });
        const published = versions.at(-1) as (typeof versions)[number];
        return send(201, {
          ...configuration(name, fn),
          Version: published.version,
          Description: published.description,
        });
      }
      if (request.method === "GET" && match[2] === "/versions") {
        return send(200, {
          Versions: [
            { ...configuration(name, fn), Version: "$LATEST" },
            ...versions.map((v) => ({
              ...configuration(name, fn),
              MemorySize: v.memoryMB,
              Version: v.version,
              Description: v.description,
            })),
          ],
        });
      }
      if (request.method === "DELETE" && match[2] === undefined) {
        const index = versions.findIndex((v) => v.version === qualifier);
        if (index < 0)
          return send(
            404,
            { message: `no version ${qualifier}` },
            { "x-amzn-errortype": "ResourceNotFoundException" },
          );
        versions.splice(index, 1);
        response.writeHead(204).end();
        return;
      }
      if (request.method === "POST" && match[2] === "/invocations") {
        const invoked = qualifier === "$LATEST" ? undefined : versions.find((v) => v.version === qualifier);
        if (qualifier !== "$LATEST" && !invoked)
          return send(
            404,
            { message: `no version ${qualifier}` },
            { "x-amzn-errortype": "ResourceNotFoundException" },
          );
        const memoryMB = invoked?.memoryMB ?? fn.memoryMB;
        fn.invocations.push(memoryMB);
        fn.qualifiers ??= [];
        fn.qualifiers.push(qualifier);
        const requestId = randomUUID();
        const started = performance.now();
        let result: unknown;
        let failed = false;
        try {
          result = await fn.handler(body ? JSON.parse(body) : {});
        } catch (error) {
          failed = true;
          result = { errorType: (error as Error).name, errorMessage: (error as Error).message };
        }
        const duration = performance.now() - started;
        const tail = `REPORT RequestId: ${requestId}\tDuration: ${duration.toFixed(2)} ms\tBilled Duration: ${Math.max(1, Math.ceil(duration))} ms\tMemory Size: ${memoryMB} MB\n`;
        return send(200, result ?? null, {
          "X-Amz-Log-Result": Buffer.from(tail).toString("base64"),
          "X-Amz-Executed-Version": qualifier,
          ...(failed ? { "X-Amz-Function-Error": "Unhandled" } : {}),
        });
      }
      send(405, { message: "not served here" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
