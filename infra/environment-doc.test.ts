// docs/api.md's Configuration tells someone running the handlers outside SST which plain environment
// variables to set: a variable infra gives only some functions is listed with exactly those functions.
import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { ofType, type SynthGraph } from "../scripts/synth/graph";

const graph: SynthGraph = inject("production");
const apiDoc = readFileSync(new URL("../docs/api.md", import.meta.url), "utf8");

/** Each function's plain variables as infra sets them (SST's own links left out): { ThresholdChecker: [...] }. */
function variablesByFunction(): Record<string, string[]> {
  return Object.fromEntries(
    ofType(graph, "aws:lambda/function:Function").map((fn) => {
      const variables = (fn.inputs.environment as { variables?: Record<string, string> }).variables ?? {};
      return [
        fn.name.replace(/Function$/, ""),
        Object.keys(variables).filter((name) => !name.startsWith("SST_")),
      ];
    }),
  );
}

/** The "**Plain environment:**" bullets: each one's variables (`THRESHOLD_*` a prefix) and the functions in its brackets. */
function documented(functions: string[]): { variables: string[]; functions: string[] }[] {
  const start = apiDoc.indexOf("**Plain environment:**");
  expect(start).toBeGreaterThan(-1);
  const list = apiDoc.slice(start, apiDoc.indexOf("\n\n", apiDoc.indexOf("\n- ", start)));
  return list
    .split("\n- ")
    .slice(1)
    .map((bullet) => ({
      variables: [...bullet.matchAll(/`([A-Z][A-Z0-9_]*\*?)(?:=[^`]*)?`/g)].map(([, name]) => name ?? ""),
      functions: functions
        .filter((fn) => new RegExp(`\\b${fn}\\b`).test(/\(([^)]*)\)/.exec(bullet)?.[1] ?? ""))
        .sort(),
    }));
}

const named = (pattern: string, variable: string) =>
  pattern.endsWith("*") ? variable.startsWith(pattern.slice(0, -1)) : variable === pattern;

describe("docs/api.md's plain environment", () => {
  it("lists each variable infra gives only some functions, with exactly those functions", () => {
    const byFunction = variablesByFunction();
    const functions = Object.keys(byFunction);
    expect(functions.length).toBe(6);
    const variables = [...new Set(Object.values(byFunction).flat())].sort();
    const some = variables.filter((variable) => !functions.every((fn) => byFunction[fn]?.includes(variable)));
    expect(some).toContain("APPROVAL_BASE_URL");
    const bullets = documented(functions);
    for (const variable of some) {
      const bullet = bullets.find((b) => b.variables.some((pattern) => named(pattern, variable)));
      const setOn = functions.filter((fn) => byFunction[fn]?.includes(variable)).sort();
      expect(bullet?.functions, variable).toEqual(setOn);
    }
  });
});
