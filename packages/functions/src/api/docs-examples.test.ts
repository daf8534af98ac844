// docs/api.md's JSON examples validate against the schemas the API answers with, so the documentation cannot
// drift from the contract unnoticed: outcomes, evidence and held bars by core's zod schemas, and every
// example under every section by the OpenAPI document, read as strictly as contract.test reads answers;
// the examples of the messages sent outside the API by core's message schemas, as strictly.

import { readFileSync } from "node:fs";
import {
  heldBarsSchema,
  type MessageChannel,
  messageJsonSchema,
  outcomeSchema,
  statsSchema,
  storedPatternSchema,
} from "@stock-patterns/core/contracts";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type ContractDocument,
  closedValidator,
  contractDocument,
  missLine,
  type Schema,
  schemaValidator,
} from "#test/contract";

const doc = readFileSync(new URL("../../../../docs/api.md", import.meta.url), "utf8");
const deployDoc = readFileSync(new URL("../../../../docs/deploy.md", import.meta.url), "utf8");

/** The JSON code blocks of the section whose heading starts with `heading`. */
function examplesUnder(heading: string): unknown[] {
  const start = doc.indexOf(`### \`${heading}`);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const end = doc.indexOf("\n### ", start + 1);
  const section = doc.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(/```json\n([\s\S]*?)```/g)].map(([, example = ""]) => JSON.parse(example));
}

describe("docs/api.md examples", () => {
  it("GET /stats: the answer validates as Stats, unchanged", () => {
    const [example] = examplesUnder("GET /stats");
    expect(statsSchema.parse(example)).toEqual(example);
  });

  it("GET /bars: the answer validates as HeldBars, unchanged, and equals the OpenAPI example", () => {
    const [example] = examplesUnder("GET /bars");
    expect(heldBarsSchema.parse(example)).toEqual(example);
    expect(heldBarsSchema.meta()?.examples).toEqual([example]);
  });

  it("GET /patterns: the followed outcome validates as an outcome on a stored detection", () => {
    const examples = examplesUnder("GET /patterns?");
    const followed = examples.find((e) => typeof e === "object" && e !== null && "outcome" in e) as {
      outcome: unknown;
      outcomeAsOf: string;
    };
    expect(outcomeSchema.parse(followed.outcome)).toEqual(followed.outcome);
    expect(storedPatternSchema.shape.outcomeAsOf.parse(followed.outcomeAsOf)).toBe(followed.outcomeAsOf);
  });

  it("would refuse an example with a field of the wrong kind", () => {
    const [example] = examplesUnder("GET /stats") as [Record<string, unknown>];
    expect(statsSchema.safeParse({ ...example, series: "one" }).success).toBe(false);
  });
});

/** What an example of docs/api.md shows: an answer of its route by status, its request body, or a part. */
type Shown = { answer: number; operation?: string } | { request: true } | { part: string };

/**
 * Every JSON example of docs/api.md (a ```json block, or an inline one such as `202 { … }`) by the section
 * it is in, and what each shows, in order. An example added to the page must be added here.
 */
const SHOWN: Record<string, Shown[]> = {
  Errors: [{ answer: 400, operation: "POST /patterns" }],
  "GET /health": [{ answer: 200 }],
  "POST /patterns": [{ request: true }, { answer: 200 }, { answer: 202 }],
  "GET /patterns": [{ answer: 200 }, { part: "StoredPattern" }],
  "GET /alerts": [{ answer: 200 }],
  "GET /alerts/{alertId}": [{ answer: 200 }],
  "GET /stats": [{ answer: 200 }, { answer: 200 }],
  "GET /bars": [{ answer: 200 }],
  "GET /keys/me": [{ answer: 200 }, { answer: 200 }],
  "GET /approvals": [{ answer: 200 }],
  "GET /approvals/{token}": [{ answer: 200 }],
  "GET /approvals/{id}/decision": [{ answer: 200 }],
  "POST /approve/{token}": [{ answer: 200 }],
  "POST /approvals/{id}/decision": [{ answer: 200 }],
};

/**
 * The JSON examples of each route's section (`GET /patterns`) and of "Errors": the page's answers (the
 * others, the ApiKeys secret's or the handlers' messages, are not the API's).
 */
function examplesBySection(): Record<string, unknown[]> {
  const found: Record<string, unknown[]> = {};
  for (const section of doc.split(/\n(?=#{2,3} )/)) {
    const title = section.slice(0, section.indexOf("\n")).replace(/^#+ /, "");
    const name =
      title
        .match(/^`(GET|POST) ([^?`]+)/)
        ?.slice(1, 3)
        .join(" ") ?? title;
    if (name !== "Errors" && !/^(GET|POST) /.test(name)) continue;
    const blocks = [...section.matchAll(/```json\n([\s\S]*?)```|`(?:\d{3} )?(\{[^`\n]*\})`/g)];
    const examples = blocks.flatMap(([, block, inline]) => {
      try {
        return [JSON.parse(block ?? inline ?? "")];
      } catch {
        // An inline shape with elided parts, `{ time, close, volume? }` or `{…}`, is prose, not an example.
        if (block !== undefined) throw new Error(`a json block under ${title} does not parse`);
        return [];
      }
    });
    if (examples.length > 0) found[name] = examples;
  }
  return found;
}

/**
 * The example without what it elides: an object's "…" key (so the fields it stands for are not asked
 * for) and "…" array items (so the items they stand for are not counted). Answers the pointers of the
 * objects and arrays that elided some.
 */
function elided(value: unknown, pointer = "", partial = new Set<string>()): [unknown, Set<string>] {
  if (Array.isArray(value)) {
    const kept = value.filter((item) => item !== "…");
    if (kept.length < value.length) partial.add(pointer);
    return [kept.map((item, i) => elided(item, `${pointer}/${i}`, partial)[0]), partial];
  }
  if (typeof value !== "object" || value === null) return [value, partial];
  if ("…" in value) partial.add(pointer);
  const entries = Object.entries(value).filter(([key]) => key !== "…");
  return [
    Object.fromEntries(entries.map(([k, v]) => [k, elided(v, `${pointer}/${k}`, partial)[0]])),
    partial,
  ];
}

describe("docs/api.md examples against the OpenAPI document, read as strictly as the API's answers", () => {
  let contract: ContractDocument;
  let validate: ReturnType<typeof schemaValidator>;
  beforeAll(async () => {
    contract = await contractDocument();
    validate = schemaValidator(contract);
  });

  /** The schema of what an example under `section` shows. */
  function schemaOf(section: string, shown: Shown): Schema {
    if ("part" in shown) return { $ref: `#/components/schemas/${shown.part}` };
    const operation = contract.operations.get(("operation" in shown && shown.operation) || section);
    const content =
      "request" in shown ? operation?.requestBody?.content : operation?.responses[shown.answer]?.content;
    const schema = Object.values(content ?? {})[0]?.schema;
    expect(schema, `${section} ${JSON.stringify(shown)}`).toBeDefined();
    return schema as Schema;
  }

  it("finds the examples the table names, section by section", () => {
    const found = examplesBySection();
    expect(Object.fromEntries(Object.entries(found).map(([name, list]) => [name, list.length]))).toEqual(
      Object.fromEntries(Object.entries(SHOWN).map(([name, list]) => [name, list.length])),
    );
  });

  it("holds each to its schema: no field the document does not name, none it requires left out unless elided", () => {
    const found = examplesBySection();
    const misses: string[] = [];
    for (const [section, shownList] of Object.entries(SHOWN)) {
      shownList.forEach((shown, i) => {
        const [example, partial] = elided(found[section]?.[i]);
        // A part shows some fields of its schema, so none is asked for at its top.
        if ("part" in shown) partial.add("");
        for (const miss of validate(schemaOf(section, shown), example)) {
          const elision = miss.keyword === "required" || miss.keyword === "minItems";
          if (elision && partial.has(miss.instancePath)) continue;
          misses.push(`${section} example ${i + 1}: ${missLine(miss)}`);
        }
      });
    }
    expect(misses).toEqual([]);
  });

  it("would refuse an example with a field the document does not name, or without one it requires", () => {
    const health = { $ref: "#/components/schemas/Health" };
    expect(validate(health, { status: "ok", time: "2024-03-04T21:00:00.000Z", uptime: 3 })).toHaveLength(1);
    const [bare, partial] = elided({ status: "ok" });
    expect(validate(health, bare).filter((m) => !partial.has(m.instancePath))).toHaveLength(1);
  });
});

/** The JSON code blocks of `page`'s section headed `heading` (to the next heading of any level). */
function blocksUnder(page: string, heading: string): unknown[] {
  const start = page.indexOf(`\n### ${heading}\n`);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const end = page.slice(start + 1).search(/\n#{2,3} /);
  const section = page.slice(start, end < 0 ? undefined : start + 1 + end);
  return [...section.matchAll(/```json\n([\s\S]*?)```/g)].map(([, block = ""]) =>
    JSON.parse(block.replace(/^ {2}/gm, "")),
  );
}

/** The channel a message example belongs to, by its `type` (a set-aside record has none). */
const CHANNEL_OF: Record<string, MessageChannel> = {
  alert: "TradingAlerts",
  lifecycle: "TradingAlerts",
  approvalRequest: "AlertApprovalRequests",
  approvalExpired: "AlertApprovalRequests",
  record: "RejectedMarketData",
};

describe("the message examples of docs/api.md and docs/deploy.md against core's message schemas, closed", () => {
  const examples = [
    ...blocksUnder(doc, "Messages published"),
    ...blocksUnder(deployDoc, "Reading rejected market data"),
  ] as Record<string, unknown>[];

  it("finds one example of each message", () => {
    expect(examples.map((example) => String(example.type ?? "record"))).toEqual([
      "alert",
      "lifecycle",
      "approvalRequest",
      "approvalExpired",
      "record",
    ]);
  });

  it("holds each to its channel's schema: no field it does not name, none it requires left out", () => {
    const misses = examples.flatMap((example) => {
      const kind = String(example.type ?? "record");
      const channel = CHANNEL_OF[kind] as MessageChannel;
      return closedValidator(messageJsonSchema(channel))(example).map((miss) => `${kind}: ${missLine(miss)}`);
    });
    expect(misses).toEqual([]);
  });

  it("would refuse an example with a field the schema does not name", () => {
    const [alert] = examples;
    const validate = closedValidator(messageJsonSchema("TradingAlerts"));
    expect(validate(alert)).toEqual([]);
    expect(validate({ ...alert, channel: "TradingAlerts" }).length).toBeGreaterThan(0);
  });
});
