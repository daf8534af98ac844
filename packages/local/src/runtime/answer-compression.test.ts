// API Gateway's payload compression as the local server applies it: which coding an Accept-Encoding
// chooses, which answers are compressed, and the API's own answers read compressed over a real socket.

import { request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync, inflateSync } from "node:zlib";
import { MIN_COMPRESSED_ANSWER_BYTES } from "@stock-patterns/core/contracts";
import { app } from "@stock-patterns/functions/src/api/app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerCoding, compressedFor } from "./answer-compression";
import { localHttpServer } from "./http-server";

describe("answerCoding", () => {
  it("takes the caller's first coding when API Gateway applies it", () => {
    expect(answerCoding("gzip, deflate, br, zstd")).toBe("gzip"); // Chromium's, Firefox's
    expect(answerCoding("deflate, gzip, br, zstd")).toBe("deflate"); // curl --compressed
    expect(answerCoding("GZIP")).toBe("gzip");
    expect(answerCoding("*")).toBe("gzip");
  });

  it("takes the highest weight, the first listed among equals", () => {
    expect(answerCoding("deflate;q=0.5, gzip;q=0.9")).toBe("gzip");
    expect(answerCoding("gzip;q=0.5 , deflate ; q=0.5")).toBe("gzip");
    expect(answerCoding("identity;q=0.1, deflate")).toBe("deflate");
  });

  it("compresses nothing when the highest-weighted coding is one API Gateway does not apply", () => {
    expect(answerCoding("br, gzip")).toBeUndefined();
    expect(answerCoding("br;q=1.0, gzip;q=0.8")).toBeUndefined();
    expect(answerCoding("identity")).toBeUndefined();
  });

  it("takes `*` as a coding the header does not name, never one it refuses with q=0", () => {
    expect(answerCoding("gzip;q=0, deflate;q=0, *")).toBeUndefined();
    expect(answerCoding("gzip;q=0, *")).toBe("deflate");
    expect(answerCoding("DEFLATE;q=0, gzip;q=0.000, *;q=0.5")).toBeUndefined();
    expect(answerCoding("gzip;q=0.2, *")).toBe("deflate");
    expect(answerCoding("gzip;q=0.2, deflate;q=0.1, *")).toBeUndefined();
    expect(answerCoding("identity, *;q=0.9")).toBeUndefined();
  });

  it("compresses nothing without an acceptable coding: none named, weight 0, or a malformed weight", () => {
    expect(answerCoding(null)).toBeUndefined();
    expect(answerCoding("")).toBeUndefined();
    expect(answerCoding("gzip;q=0")).toBeUndefined();
    expect(answerCoding("gzip;q=0.000, identity")).toBeUndefined();
    expect(answerCoding("gzip;q=2")).toBeUndefined();
    expect(answerCoding("gzip;q=high")).toBeUndefined();
    expect(answerCoding("gzip;q=0.0001")).toBeUndefined();
  });
});

describe("compressedFor", () => {
  const json = (bytes: number) => JSON.stringify({ padding: "x".repeat(bytes - 14) });
  const answer = (body: string | null, headers: Record<string, string> = {}) =>
    new Response(body, { status: 200, headers: { "content-type": "application/json", ...headers } });

  it("compresses a body of MIN_COMPRESSED_ANSWER_BYTES with the chosen coding, headers kept", async () => {
    const body = json(MIN_COMPRESSED_ANSWER_BYTES);
    expect(Buffer.byteLength(body)).toBe(MIN_COMPRESSED_ANSWER_BYTES);
    const gzipped = await compressedFor(
      "gzip",
      answer(body, { "x-request-id": "r1", "content-length": "1024" }),
    );
    expect(gzipped.headers.get("content-encoding")).toBe("gzip");
    expect(gzipped.headers.get("content-length")).toBeNull();
    expect(gzipped.headers.get("x-request-id")).toBe("r1");
    const bytes = Buffer.from(await gzipped.arrayBuffer());
    expect(bytes.byteLength).toBeLessThan(100);
    expect(gunzipSync(bytes).toString()).toBe(body);
    const deflated = await compressedFor("deflate", answer(body));
    expect(deflated.headers.get("content-encoding")).toBe("deflate");
    expect(inflateSync(Buffer.from(await deflated.arrayBuffer())).toString()).toBe(body);
  });

  it("passes a body one byte under the minimum on as it is", async () => {
    const body = json(MIN_COMPRESSED_ANSWER_BYTES - 1);
    const passed = await compressedFor("gzip", answer(body));
    expect(passed.headers.get("content-encoding")).toBeNull();
    expect(await passed.text()).toBe(body);
  });

  it("passes on untouched an answer with no body, one already coded, and one to a caller asking for none", async () => {
    const empty = new Response(null, { status: 204 });
    expect(await compressedFor("gzip", empty)).toBe(empty);
    const coded = answer(json(4096), { "content-encoding": "br" });
    expect(await compressedFor("gzip", coded)).toBe(coded);
    const plain = answer(json(4096));
    expect(await compressedFor("br", plain)).toBe(plain);
    expect(await compressedFor(null, plain)).toBe(plain);
  });
});

describe("the local server's answers, compressed as API Gateway compresses them", () => {
  const server: Server = localHttpServer(() => app, "/nonexistent-console");
  let port: number;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** GET `path` over a plain socket (node:http decodes nothing), with `acceptEncoding` if given. */
  const get = (path: string, acceptEncoding?: string) =>
    new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>(
      (resolve, reject) => {
        const headers = acceptEncoding === undefined ? {} : { "accept-encoding": acceptEncoding };
        httpRequest({ host: "127.0.0.1", port, path, headers }, (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
          response.on("error", reject);
        })
          .on("error", reject)
          .end();
      },
    );

  it("sends the OpenAPI document gzipped to a caller that accepts gzip, the same document unzipped", async () => {
    const plain = await get("/openapi.json");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.byteLength).toBeGreaterThan(MIN_COMPRESSED_ANSWER_BYTES);
    const zipped = await get("/openapi.json", "gzip, deflate, br");
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers["x-amzn-requestid"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(zipped.body.byteLength).toBeLessThan(plain.body.byteLength / 4);
    expect(JSON.parse(gunzipSync(zipped.body).toString())).toEqual(JSON.parse(plain.body.toString()));
  });

  it("sends the document as it is to a caller that refuses gzip and deflate with q=0, even with `*`", async () => {
    const refused = await get("/openapi.json", "gzip;q=0, deflate;q=0, *");
    expect(refused.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(refused.body.toString())).toMatchObject({ openapi: expect.any(String) });
  });

  it("sends a short answer as it is, whatever the caller accepts", async () => {
    const health = await get("/health", "gzip");
    expect(health.headers["content-encoding"]).toBeUndefined();
    expect(health.body.byteLength).toBeLessThan(MIN_COMPRESSED_ANSWER_BYTES);
    expect(JSON.parse(health.body.toString())).toMatchObject({ status: expect.any(String) });
  });
});
