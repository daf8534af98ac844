// `npm run typecheck` (scripts/typecheck.mjs) on a small project of its own: TypeScript 7's errors in the
// project's files fail it, those in SST's generated platform sources are left out, a clean project passes.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const SCRIPT = resolve(import.meta.dirname, "../scripts/typecheck.mjs");
let project: string;

const write = (file: string, text: string) => {
  mkdirSync(dirname(join(project, file)), { recursive: true });
  writeFileSync(join(project, file), text);
};
/** The script's exit code and output, run from the project as `npm run typecheck` runs from the root. */
const typecheck = (...dirs: string[]) =>
  promisify(execFile)(process.execPath, [SCRIPT, ...dirs], { cwd: project }).then(
    ({ stdout }) => ({ code: 0, stdout, stderr: "" }),
    (failed: { code: number; stdout: string; stderr: string }) => failed,
  );

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), "typecheck-"));
  write(
    "app/tsconfig.json",
    JSON.stringify({ compilerOptions: { strict: true, noEmit: true }, include: ["*.ts"] }),
  );
  // SST's sources break this repository's settings; the project reaches them through an import.
  write(".sst/platform/src/generated.ts", 'export const port: number = "80";\n');
  write(
    "app/main.ts",
    'import { port } from "../.sst/platform/src/generated";\nexport const next: number = port + 1;\n',
  );
});

afterEach(() => rmSync(project, { recursive: true, force: true }));

describe("npm run typecheck", () => {
  it("passes a project whose only errors are in SST's generated sources", async () => {
    const { code, stdout } = await typecheck("app");
    expect({ code, stdout }).toEqual({ code: 0, stdout: "typecheck app\n" });
  });

  it("fails on an error in the project's own file, naming file, line and message, and not SST's", async () => {
    write(
      "app/main.ts",
      'import { port } from "../.sst/platform/src/generated";\nexport const next: string = port;\n',
    );
    const { code, stdout } = await typecheck("app");
    expect(code).toBe(1);
    expect(stdout).toContain(
      "app/main.ts(2,14): error TS2322: Type 'number' is not assignable to type 'string'.",
    );
    expect(stdout).toContain("1 error(s) in app");
    expect(stdout).not.toContain("generated.ts");
  });

  it("keeps a diagnostic's indented lines with it", async () => {
    write("app/main.ts", "export const onPrice: (price: string) => void = (price: number) => {};\n");
    const { code, stdout } = await typecheck("app");
    expect(code).toBe(1);
    expect(stdout).toContain("  Types of parameters 'price' and 'price' are incompatible.");
    expect(stdout).toContain("1 error(s) in app");
  });

  it("refuses a folder without a tsconfig.json, exit 2", async () => {
    const { code, stderr } = await typecheck("app", "nowhere");
    expect({ code, stderr }).toEqual({ code: 2, stderr: "no tsconfig.json in nowhere\n" });
  });
});
