// API Gateway's request models against the app's own schemas: a body the app accepts is never turned away
// by API Gateway (which would answer its own 400, not the app's problem+json), and what the model leaves
// to the app is only what the app answers itself.

import { readFileSync } from "node:fs";
import { parseBarsCsv } from "@stock-patterns/core";
import {
  API_ROUTES,
  analysisRequestSchema,
  decisionRequestSchema,
  REQUEST_BODIES,
} from "@stock-patterns/core/contracts";
import Ajv from "ajv";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MODELS } from "./api-routes";

/** The keywords the models may use: each means the same in draft-04 (API Gateway) and draft-07 (Ajv). */
const SHARED_KEYWORDS = new Set([
  "$schema",
  "title",
  "type",
  "properties",
  "required",
  "items",
  "enum",
  "anyOf",
]);

function keywordsOf(schema: unknown): string[] {
  if (typeof schema !== "object" || schema === null) return [];
  const node = schema as Record<string, unknown>;
  const nested = [
    ...Object.values((node.properties as Record<string, unknown>) ?? {}),
    ...(node.items ? [node.items] : []),
    ...((node.anyOf as unknown[]) ?? []),
  ];
  return [...Object.keys(node), ...nested.flatMap(keywordsOf)];
}

/** A validator for a model as API Gateway runs it (draft-04; its $schema names the draft, not Ajv's). */
function gatewayAccepts(name: keyof typeof MODELS) {
  const { $schema: _draft, ...schema } = MODELS[name];
  const validate = new Ajv({ strict: false }).compile(schema);
  return (body: unknown) => validate(body) as boolean;
}

const SEED = 10;

/**
 * Runs `bodies` (seeded): each body the app's schema accepts must pass the gateway model too. Returns how
 * many the app accepted.
 */
function checkedAgainstApp(
  bodies: fc.Arbitrary<unknown>,
  app: { safeParse(body: unknown): { success: boolean } },
  gateway: (body: unknown) => boolean,
): number {
  let accepted = 0;
  fc.assert(
    fc.property(bodies, (body) => {
      if (!app.safeParse(body).success) return;
      accepted += 1;
      expect(gateway(body)).toBe(true);
    }),
    { seed: SEED, numRuns: 2000 },
  );
  return accepted;
}

/** A bar as a caller may send it: valid, with extra fields, times as text or epoch numbers. */
const bar = fc.record(
  {
    time: fc.oneof(
      fc.integer({ min: 1_500_000_000, max: 1_700_000_000 }),
      fc
        .date({ min: new Date("2000-01-01"), max: new Date("2030-01-01"), noInvalidDate: true })
        .map((date) => date.toISOString()),
    ),
    close: fc.double({ min: 1, max: 5000, noNaN: true }),
    open: fc.double({ min: 1, max: 5000, noNaN: true }),
    high: fc.double({ min: 1, max: 5000, noNaN: true }),
    low: fc.double({ min: 1, max: 5000, noNaN: true }),
    volume: fc.oneof(fc.constant(0), fc.double({ min: 1, max: 1e9, noNaN: true })),
    note: fc.string({ maxLength: 5 }),
  },
  { requiredKeys: ["time", "close"] },
);
/** A value that breaks a bar's field, or may not (core's rule decides). */
const oddValue = fc.oneof(
  fc.constantFrom(0, -1, 1e-30, 1e30, 1e31, 1e308, 5e-324, "", "x", null),
  fc.double(),
  fc.string({ maxLength: 4 }),
);
/**
 * Bodies near an analysis request: symbols and intervals as callers write them (padded with an ASCII space
 * or tab, the padding the app takes off; lower case),
 * 30 to 45 bars (38 is the least the app takes), sometimes one field of one bar changed.
 */
const analysisBody = fc
  .record(
    {
      symbol: fc.oneof(fc.stringMatching(/^[ \t]?[a-zA-Z0-9^][a-zA-Z0-9.^=_-]{0,21}[ \t]?$/), fc.string()),
      interval: fc.oneof(fc.stringMatching(/^[ \t]?[1-9]\d{0,3}(m|h|d|wk|mo|s)[ \t]?$/), fc.string()),
      bars: fc.array(bar, { minLength: 30, maxLength: 45 }),
    },
    { requiredKeys: ["symbol", "interval", "bars"] },
  )
  .chain((body) =>
    fc
      .option(
        fc.record({
          at: fc.nat({ max: body.bars.length - 1 }),
          field: fc.constantFrom("time", "close", "open", "volume"),
          value: oddValue,
        }),
      )
      .map((change) =>
        change
          ? {
              ...body,
              bars: body.bars.map((b, i) => (i === change.at ? { ...b, [change.field]: change.value } : b)),
            }
          : body,
      ),
  );
const decisionBody = fc.record(
  {
    decision: fc.oneof(fc.constantFrom("approve", "reject"), fc.string()),
    comment: fc.oneof(
      fc.string({ maxLength: 1100 }),
      fc.string({ unit: "binary", maxLength: 20 }),
      fc.constantFrom(`${" ".repeat(40)}${"x".repeat(1000)}${" ".repeat(40)}`, "a\u0000b"),
    ),
    reason: fc.string(),
  },
  { requiredKeys: [] },
);

describe("API Gateway's request models", () => {
  it("exist for every body a route of core's list takes, as draft-04 with only shape keywords", () => {
    const bodies = new Set(API_ROUTES.flatMap((route) => ("body" in route ? [route.body] : [])));
    expect(Object.keys(MODELS).sort()).toEqual([...bodies].sort());
    expect(Object.keys(REQUEST_BODIES).sort()).toEqual([...bodies].sort());
    for (const model of Object.values(MODELS)) {
      expect(model.$schema).toBe("http://json-schema.org/draft-04/schema#");
      expect(keywordsOf(model).filter((keyword) => !SHARED_KEYWORDS.has(keyword))).toEqual([]);
    }
  });

  it("accept every analysis body the app accepts (seeded property run), and the bundled series", () => {
    const accepts = gatewayAccepts("AnalyzePatternsRequest");
    // The run must reach bodies the app accepts, not only ones both refuse.
    expect(checkedAgainstApp(analysisBody, analysisRequestSchema, accepts)).toBeGreaterThan(50);
    const series = parseBarsCsv(readFileSync(new URL("../data/sp500-2000.csv", import.meta.url), "utf8"));
    const example = { symbol: "^GSPC", interval: "1d", bars: series.slice(0, 500) };
    expect(analysisRequestSchema.safeParse(example).success).toBe(true);
    expect(accepts(example)).toBe(true);
  });

  it("accept every decision body the app accepts (seeded property run)", () => {
    const accepts = gatewayAccepts("ApprovalDecision");
    expect(checkedAgainstApp(decisionBody, decisionRequestSchema, accepts)).toBeGreaterThan(100);
  });

  it("still turn away a body of the wrong shape, and leave the app's own 400s to the app", () => {
    const analysis = gatewayAccepts("AnalyzePatternsRequest");
    expect(analysis({ symbol: "SPX", interval: "1d" })).toBe(false);
    expect(analysis({ symbol: "SPX", interval: "1d", bars: [{ time: "2024-01-02" }] })).toBe(false);
    expect(analysis({ symbol: 5, interval: "1d", bars: [] })).toBe(false);
    // Too few bars and a malformed symbol reach the app, which names the field in its problem+json.
    const few = { symbol: " spx!", interval: "1d", bars: [{ time: "2024-01-02", close: 1 }] };
    expect(analysis(few)).toBe(true);
    expect(analysisRequestSchema.safeParse(few).success).toBe(false);
    const decision = gatewayAccepts("ApprovalDecision");
    expect(decision({ decision: "maybe" })).toBe(false);
    expect(decision({ comment: "ok" })).toBe(false);
    // A field the body does not take reaches the app, which names it and the one meant.
    const misspelt = { decision: "reject", Comment: "false positive" };
    expect(decision(misspelt)).toBe(true);
    expect(decisionRequestSchema.safeParse(misspelt).success).toBe(false);
    const extra = { ...few, symbol: "SPX", extra: 1 };
    expect(analysis(extra)).toBe(true);
    const codes = analysisRequestSchema.safeParse(extra).error?.issues.map((issue) => issue.code);
    expect(codes).toContain("unrecognized_keys");
  });
});
