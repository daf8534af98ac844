// The functions deploy on one Lambda Node runtime; the tests, the local system and the bundles must run
// on that same major, or a test can pass on a Node the functions never see (or fail on one they never run).
import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import { FUNCTION_BUNDLE_TARGET } from "../scripts/synth/function-build";
import { ofType, type SynthGraph } from "../scripts/synth/graph";

const graph: SynthGraph = inject("production");
const project = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  engines: { node: string };
  devDependencies: { node: string };
};

const runtimes = [...new Set(ofType(graph, "aws:lambda/function:Function").map((f) => f.inputs.runtime))];
/** The Node major of the deployed functions, read from their synthesized runtime (`nodejs22.x`). */
const deployedMajor = /^nodejs(\d+)\.x$/.exec(String(runtimes[0]))?.[1];
const majorOf = (version: string) => /^[v>=^~]*(\d+)\./.exec(version)?.[1];

describe("the Node the functions run on", () => {
  it("is one Lambda Node runtime for every function", () => {
    expect(runtimes).toHaveLength(1);
    expect(deployedMajor).toMatch(/^\d+$/);
  });

  it("runs these tests, and the synth they spawn (both on process.execPath)", () => {
    expect(majorOf(process.version)).toBe(deployedMajor);
  });

  it("is the Node the project pins as a devDependency and names in engines", () => {
    expect(majorOf(project.devDependencies.node)).toBe(deployedMajor);
    expect(project.devDependencies.node).toMatch(/^\d+\.\d+\.\d+$/);
    expect(majorOf(project.engines.node)).toBe(deployedMajor);
  });

  it("is what the functions' bundles target", () => {
    expect(FUNCTION_BUNDLE_TARGET).toBe(`node${deployedMajor}`);
  });
});
