// The lint refuses localeCompare (scripts/lint/no-locale-compare.grit, a Biome plugin that biome.json
// loads): an order made with it follows the machine's locale. The plugin is run by `biome lint` on probe
// files in a temporary directory (Biome reads code given on standard input without its plugins).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..", "..");
const PLUGIN = "scripts/lint/no-locale-compare.grit";
const dir = mkdtempSync(join(tmpdir(), "lint-probe-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, "biome.json"), JSON.stringify({ root: true, plugins: [join(root, PLUGIN)] }));

/** What `biome lint` with the plugin says of `code`: its exit status and output. */
function linted(code: string) {
  const file = join(dir, "probe.ts");
  writeFileSync(file, code);
  const biome = join(root, "node_modules", ".bin", "biome");
  const run = spawnSync(biome, ["lint", file], { cwd: dir, encoding: "utf8" });
  return { status: run.status, said: `${run.stdout}${run.stderr}` };
}

describe("the lint", () => {
  it("loads the plugin for the whole repository", () => {
    const config = JSON.parse(readFileSync(join(root, "biome.json"), "utf8")) as { plugins?: string[] };
    expect(config.plugins).toContain(`./${PLUGIN}`);
  });

  it("refuses localeCompare, naming codeUnitOrder", () => {
    const { status, said } = linted('export const names = ["b", "a"].sort((a, b) => a.localeCompare(b));\n');
    expect(status).not.toBe(0);
    expect(said).toContain("sort with core's codeUnitOrder");
  });

  it("takes the same sort written with codeUnitOrder", () => {
    const { status, said } = linted(
      'import { codeUnitOrder } from "@stock-patterns/core";\nexport const names = ["b", "a"].sort(codeUnitOrder);\n',
    );
    expect(status, said).toBe(0);
  });
});
