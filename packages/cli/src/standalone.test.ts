// Issue 13's "npx patterns right after npm install, no TypeScript compiler at start": the compiled process
// needs nothing but Node and its two dist files, so these run a copy of bin/ and dist/ far from node_modules.

import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { isBuiltin } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN_ENTRY, CLI_DIR as cli, PROCESS_TIMEOUT } from "../test/bin";
import { SPX_FILE } from "../test/run";

/** Copies of the installed command's files: `bare` holds the bin entry only, `full` dist/ as well. */
const bare = mkdtempSync(join(tmpdir(), "patterns-bare-"));
const full = mkdtempSync(join(tmpdir(), "patterns-full-"));
for (const [dir, files] of [
  [bare, [BIN_ENTRY]],
  [full, [BIN_ENTRY, "dist/main.cjs", "dist/worker.cjs"]],
] as const)
  for (const file of files) {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    copyFileSync(join(cli, file), join(dir, file));
  }
/** The bundled series again, under another symbol: a second file for a worker thread. */
const data = mkdtempSync(join(tmpdir(), "patterns-data-"));
const INDEX_FILE = join(data, "INDEX.csv");
copyFileSync(SPX_FILE, INDEX_FILE);
afterAll(() => {
  for (const dir of [bare, full, data]) rmSync(dir, { recursive: true, force: true });
});

/** Runs `patterns args` from the copy in `dir` (or from the package itself), in `dir`. */
const run = (dir: string, args: string[]) =>
  spawnSync(process.execPath, [join(dir, BIN_ENTRY), ...args], {
    cwd: dir,
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });

/** Every module a compiled file imports or requires by name. */
function modulesOf(file: string): string[] {
  const code = readFileSync(join(cli, "dist", file), "utf8");
  const named = [
    ...code.matchAll(/\bfrom\s*"([^"]+)"|\bimport\(\s*"([^"]+)"\s*\)|\brequire\(\s*"([^"]+)"\s*\)/g),
  ];
  return named.map((match) => match[1] ?? match[2] ?? match[3] ?? "");
}

describe("the compiled patterns command", () => {
  it("says it is not built yet, in one line with status 2, when its dist is missing", () => {
    const unbuilt = run(bare, ["--help"]);
    expect([unbuilt.status, unbuilt.stdout, unbuilt.stderr]).toEqual([
      2,
      "",
      "patterns: not built yet: run npm install (or npm run build -w @stock-patterns/cli)\n",
    ]);
  });

  it("imports nothing but Node's own modules: no TypeScript compiler, no package at start", () => {
    for (const file of ["main.cjs", "worker.cjs"]) {
      const modules = modulesOf(file);
      expect(modules.length, file).toBeGreaterThan(0);
      expect(
        modules.filter((name) => !isBuiltin(name)),
        file,
      ).toEqual([]);
    }
  });

  it(
    "prints what the installed command prints, worker threads included, from a copy far from node_modules",
    () => {
      for (const args of [
        ["scan", SPX_FILE, "--json"],
        ["scan", SPX_FILE, INDEX_FILE, "--format", "csv", "--jobs", "2"],
        ["stats", SPX_FILE, "--json"],
      ]) {
        const expected = run(cli, args);
        expect(expected.status, args.join(" ")).toBe(0);
        expect(expected.stdout.length).toBeGreaterThan(1000);
        expect(run(full, args)).toMatchObject({ status: 0, stdout: expected.stdout, stderr: "" });
      }
    },
    PROCESS_TIMEOUT,
  );
});
