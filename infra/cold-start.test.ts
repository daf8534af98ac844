// The cold-start bench's readings of a bundle: bytes by package with the packages bundled from several
// directories, and an import's CPU profile placed by package (scripts/cold-start/weigh.ts).
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { build, type Metafile } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { profileByPackage, weighInputs } from "../scripts/cold-start/weigh";
import { functionBundleOptions } from "../scripts/synth/function-build";

const run = promisify(execFile);
let root: string;
let bundle: string;
let metafile: Metafile;

/** Writes a package `name` at `dir/node_modules/name` whose module does `body` at its top level. */
async function writePackage(dir: string, name: string, version: string, body: string) {
  const at = join(dir, "node_modules", name);
  await mkdir(at, { recursive: true });
  await writeFile(
    join(at, "package.json"),
    JSON.stringify({ name, version, type: "module", main: "index.js" }),
  );
  await writeFile(join(at, "index.js"), body);
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "cold-start-"));
  // Two copies of one version, as npm leaves zod under two workspaces: each is bundled.
  for (const workspace of ["a", "b"]) {
    const dir = join(root, "packages", workspace);
    await writePackage(
      dir,
      "ledger",
      "1.2.3",
      `export const ${workspace} = () => "${workspace}".repeat(3);\n`,
    );
    await writeFile(join(dir, "index.js"), `export { ${workspace} } from "ledger";\n`);
  }
  // A module whose top level computes for tens of ms: scope-hoisted, it runs in the bundle's top level.
  await writePackage(
    root,
    "slow-quotes",
    "0.1.0",
    "let quote = 0;\nfor (let i = 0; i < 40_000_000; i++) quote = (quote * 31 + i) % 1_000_003;\nexport const quotes = quote;\n",
  );
  await writeFile(
    join(root, "handler.js"),
    [
      'import { a } from "./packages/a/index.js";',
      'import { b } from "./packages/b/index.js";',
      'import { quotes } from "slow-quotes";',
      "export const handler = () => [a(), b(), quotes];",
    ].join("\n"),
  );
  bundle = join(root, "out", "handler.mjs");
  ({ metafile } = await build({
    ...functionBundleOptions(join(root, "handler.js"), bundle),
    absWorkingDir: root,
  }));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("the cold-start bench", () => {
  it("weighs a bundle by package and names a package bundled from two directories", () => {
    const { packages, duplicated } = weighInputs(metafile, root);
    expect(packages.map((p) => p.name)).toEqual(expect.arrayContaining(["ledger", "slow-quotes"]));
    expect(packages.find((p) => p.name === "ledger")?.versions).toEqual(["1.2.3"]);
    expect(duplicated).toEqual([
      {
        name: "ledger",
        copies: [
          { dir: "packages/a/node_modules/ledger", version: "1.2.3" },
          { dir: "packages/b/node_modules/ledger", version: "1.2.3" },
        ],
        bytes: expect.any(Number),
      },
    ]);
  });

  it("places an import's top-level work on the package whose lines ran it", async () => {
    const profiles = join(root, "profiles");
    await run(process.execPath, [
      "--cpu-prof",
      "--cpu-prof-dir",
      profiles,
      "--input-type=module",
      "-e",
      `await import(${JSON.stringify(`file://${bundle}`)});`,
    ]);
    const [total, byPackage] = profileByPackage(profiles, bundle);
    const selfOf = (name: string) => byPackage.find(([entry]) => entry === name)?.[1] ?? 0;
    const inBundle = new Set(weighInputs(metafile, root).packages.map((p) => p.name));
    const bundled = byPackage.filter(([name]) => inBundle.has(name));
    expect(total).toBeGreaterThan(0);
    expect(bundled[0]?.[0], JSON.stringify(byPackage.slice(0, 5))).toBe("slow-quotes");
    expect(selfOf("slow-quotes")).toBeGreaterThan(selfOf("(esbuild's helpers)"));
  });
});
