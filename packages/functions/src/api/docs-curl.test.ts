// docs/api.md's curl examples, run: each must answer the status the page writes after it, and every
// operation of the OpenAPI document must have one, so an example whose route, parameter, key or body the
// API no longer takes fails here, as does an operation added without one. Each is read as curl would send
// it and sent through app.request (curl may be missing), in the page's order, on the state `npm start`
// has when a user runs them: the S&P 500's newest bars streamed, and every alert routed by the
// AlertProcessor as soon as it is raised, as its poller does.

import { readFileSync } from "node:fs";
import { sha256Hex } from "@stock-patterns/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routeQueuedAlerts } from "#test/alert-queue";
import { published, StreamReader } from "#test/aws";
import { type ContractDocument, contractDocument } from "#test/contract";
import { curlExamples, curlRequest } from "#test/curl-examples";
import { sp500 } from "#test/fixtures";
import { TEST_KEYS } from "#test/keys";
import { replaySeries } from "#test/stream-replay";
import { app } from "./app";

const doc = readFileSync(new URL("../../../../docs/api.md", import.meta.url), "utf8");
const examples = curlExamples(doc);

/** The variables "Trying it with curl" sets, by name, each with the value written there. */
function variablesSet(): Map<string, string> {
  const section = doc.slice(doc.indexOf("\n## Trying it with curl\n"));
  const [, block = ""] = section.match(/```sh\n([\s\S]*?)```/) ?? [];
  return new Map(
    [...block.matchAll(/^(\w+)=(\S*)/gm)].map(([, name = "", value = ""]): [string, string] => [name, value]),
  );
}

/** The OpenAPI operation `METHOD path` is a request of, by the document's path templates. */
function operationOf(contract: ContractDocument, method: string, path: string): string | undefined {
  const segments = path.split("/");
  const fits = (template: string) => {
    const parts = template.split("/");
    return (
      parts.length === segments.length &&
      parts.every((part, i) => /^\{.*\}$/.test(part) || part === segments[i])
    );
  };
  // A literal segment fits better than a variable: /keys/me before a /keys/{name}, were there one.
  const literals = (template: string) => template.split("/").filter((part) => !part.startsWith("{")).length;
  return [...contract.operations.keys()]
    .filter((key) => key.startsWith(`${method} `) && fits(key.slice(method.length + 1)))
    .sort((a, b) => literals(b) - literals(a))[0];
}

const reader = new StreamReader();
let contract: ContractDocument;
beforeAll(async () => {
  contract = await contractDocument();
  // The replay's end: the 75 bars GET /bars holds and a little before, so GET /stats has a snapshot.
  await replaySeries(reader, { SPX: sp500().slice(-120) });
  await routeQueuedAlerts();
  // The replay's approval requests, printed before any example runs.
  await published("AlertApprovalRequests");
}, 120_000);
afterAll(() => reader.close());

describe("docs/api.md's curl examples", () => {
  it("sets the variables the examples read, and nothing else", () => {
    const read = new Set(examples.flatMap((example) => example.variables));
    expect([...variablesSet().keys()].sort()).toEqual([...read].sort());
    expect(variablesSet().get("API")).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("has one under $API for every operation of the OpenAPI document", () => {
    const api = variablesSet().get("API") as string;
    // Any value in a path segment will do to find the operation: each variable's name.
    const named = Object.fromEntries([...variablesSet().keys()].map((name) => [name, name.toLowerCase()]));
    const covered = new Set<string>();
    const misses: string[] = [];
    for (const { line, command } of examples) {
      const { method, url } = curlRequest(command, { ...named, API: api });
      if (!url.startsWith(`${api}/`)) misses.push(`docs/api.md:${line}: ${url} is not under $API`);
      const operation = operationOf(contract, method, new URL(url).pathname);
      if (operation) covered.add(operation);
      else misses.push(`docs/api.md:${line}: ${method} ${url} is no operation of the document`);
    }
    for (const operation of contract.operations.keys())
      if (!covered.has(operation)) misses.push(`${operation}: no curl example`);
    expect(misses).toEqual([]);
  });

  it("says the status each answers", () => {
    expect(examples.filter((e) => e.status === undefined).map((e) => `docs/api.md:${e.line}`)).toEqual([]);
  });

  it("answer the status written after each, run in the page's order", async () => {
    const variables: Record<string, string> = {
      API: variablesSet().get("API") as string,
      KEY: TEST_KEYS.approver,
    };
    const links: string[] = [];
    const misses: string[] = [];
    for (const example of examples) {
      if (example.variables.includes("TOKEN") && variables.TOKEN === undefined) {
        // What a user pastes: the token of the approve link printed last, the POST /patterns example's.
        const token = new URL(links.at(-1) ?? "http://none/").searchParams.get("token");
        expect(token, "an approval request raised before the first example that reads $TOKEN").toBeTruthy();
        variables.TOKEN = token as string;
        variables.ID = sha256Hex(token as string);
      }
      const { method, url, headers, body } = curlRequest(example.command, variables);
      const response = await app.request(url, { method, headers, body });
      const text = await response.text();
      if (response.status !== example.status)
        misses.push(
          `docs/api.md:${example.line} ${method} ${new URL(url).pathname}: ${response.status}, not ${example.status}: ${text.slice(0, 300)}`,
        );
      await routeQueuedAlerts();
      const requests = await published("AlertApprovalRequests");
      links.push(...requests.flatMap(({ message }) => (message.approveUrl ? [message.approveUrl] : [])));
    }
    expect(misses).toEqual([]);
  }, 120_000);
});

describe("reading a curl example", () => {
  const variables = { API: "http://127.0.0.1:3000", KEY: "k" };

  it("sends what curl sends: the headers given, POST with a body, and -d's form type when none is given", () => {
    const page = [
      "```sh",
      `curl "$API/approve/t" -H "X-API-Key: $KEY" \\`,
      `  -H "Content-Type: application/json" -d '{"decision": "approve"}'`,
      "```",
      "",
      "Answers `200`, decided.",
      "",
      "```sh",
      `curl "\${API}/health" -d 'a=1'`,
      "```",
      "",
      "The answer is 200.",
    ].join("\n");
    const [typed, untyped] = curlExamples(page);
    expect(typed).toMatchObject({ line: 2, status: 200, variables: ["API", "KEY"] });
    expect(curlRequest(typed?.command ?? "", variables)).toEqual({
      method: "POST",
      url: "http://127.0.0.1:3000/approve/t",
      headers: { "X-API-Key": "k", "Content-Type": "application/json" },
      body: '{"decision": "approve"}',
    });
    expect(untyped?.status).toBeUndefined();
    expect(curlRequest(untyped?.command ?? "", variables).headers).toEqual({
      "Content-Type": "application/x-www-form-urlencoded",
    });
  });

  it("refuses what it would not send as curl does: a pipe, a second command, an option it does not know, a variable not set", () => {
    for (const command of [
      `curl "$API/health" | jq .`,
      `curl "$API/health"\ncurl "$API/docs"`,
      `curl --json '{}' "$API/patterns"`,
      `curl "$API/approvals/$TOKEN"`,
      `curl "$API/health" -d @bars.json`,
    ])
      expect(() => curlRequest(command, variables), command).toThrow();
  });
});
