// docs/api.md's JSON examples of outcomes, evidence and held bars validate against the schemas the API answers with,
// so the documentation cannot drift from the contract unnoticed.

import { readFileSync } from "node:fs";
import {
  heldBarsSchema,
  outcomeSchema,
  statsSchema,
  storedPatternSchema,
} from "@stock-patterns/core/contracts";
import { describe, expect, it } from "vitest";

const doc = readFileSync(new URL("../../../../docs/api.md", import.meta.url), "utf8");

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
