// Type-checks every TypeScript project in the repository: each tsconfig.json under packages/ and infra/, or
// the project folders given as arguments. infra/ (with sst.config.ts) is checked against SST's generated
// platform, installed offline if missing.
//
// The checker is TypeScript 7, the native compiler (the `typescript-7` alias: about 10 s for the whole
// repository where TypeScript 5's took 36 s). `typescript` itself stays at 5.x for the tools that load its
// JavaScript API: @pulumi/pulumi's peer range ends below 6, and editors' language service.
//
// The platform's own sources (.sst/platform/src) are TypeScript that SST generates and compiles under its own
// settings; sst.config.ts reaches them through config.d.ts, and skipLibCheck skips only .d.ts files. They
// give the types infra is checked against, but are not checked themselves: under tsconfig.base.json
// (noUncheckedIndexedAccess, noImplicitOverride) they report errors that are SST's to fix, not ours. Every
// other file gets the diagnostics `tsc --noEmit -p <project>` gives it.
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { promisify } from "node:util";
import { ensureSstPlatform } from "./sst-platform.mjs";

const TSC = join(dirname(createRequire(import.meta.url).resolve("typescript-7/package.json")), "bin", "tsc");
const GENERATED = `${resolve(".sst", "platform", "src")}${sep}`;
/** A diagnostic's first line: `file(line,col): error TS1234: ...` or, for the whole project, `error TS...`. */
const DIAGNOSTIC_START = /^(?:(.+)\(\d+,\d+\): )?error TS\d+:/;

/**
 * tsc's plain output as diagnostics (each its first line and the indented lines under it), leaving out
 * those in SST's generated sources. Lines tsc printed outside any diagnostic are kept as one of their own.
 * @param {string} output
 * @returns {string[]}
 */
function ownDiagnostics(output) {
  /** @type {{ file: string | undefined, lines: string[] }[]} */
  const diagnostics = [];
  for (const line of output.split("\n")) {
    if (line.trim() === "") continue;
    const start = DIAGNOSTIC_START.exec(line);
    const last = diagnostics.at(-1);
    if (start || !last || !/^\s/.test(line)) diagnostics.push({ file: start?.[1], lines: [line] });
    else last.lines.push(line);
  }
  return diagnostics
    .filter(({ file }) => file === undefined || !`${resolve(file)}`.startsWith(GENERATED))
    .map(({ lines }) => lines.join("\n"));
}

/**
 * One project's own diagnostics.
 * @param {string} dir
 * @returns {Promise<string[]>}
 */
async function diagnosticsOf(dir) {
  const checked = await promisify(execFile)(
    process.execPath,
    [TSC, "--noEmit", "--pretty", "false", "-p", dir],
    { maxBuffer: 64 * 1024 * 1024 },
  ).catch((/** @type {{ stdout?: string, stderr?: string, code?: number }} */ failed) => {
    // tsc exits non-zero when it reports any diagnostic; output with no diagnostic means it failed itself.
    if (failed.stdout?.trim()) return { stdout: failed.stdout };
    throw new Error(`tsc could not check ${dir} (exit ${failed.code}):\n${failed.stderr ?? ""}`);
  });
  return ownDiagnostics(checked.stdout);
}

const asked = process.argv.slice(2);
const projects = (
  asked.length > 0 ? asked : [...readdirSync("packages").map((name) => join("packages", name)), "infra"]
).filter((dir) => existsSync(join(dir, "tsconfig.json")));
if (asked.length > 0 && projects.length < asked.length) {
  const missing = asked.filter((dir) => !existsSync(join(dir, "tsconfig.json")));
  process.stderr.write(`no tsconfig.json in ${missing.join(", ")}\n`);
  process.exit(2);
}
if (projects.some((dir) => resolve(dir) === resolve("infra"))) ensureSstPlatform();

// Two at once: the compiler uses more than one core itself, and two keep these machines' both busy.
/** @type {Map<string, Promise<string[]>>} */
const checks = new Map();
for (const dir of projects) {
  const earlier = [...checks.values()].at(-2);
  checks.set(
    dir,
    (earlier ?? Promise.resolve([])).catch(() => []).then(() => diagnosticsOf(dir)),
  );
}
let failed = false;
for (const [dir, check] of checks) {
  const shown = isAbsolute(dir) ? relative(process.cwd(), dir) || "." : dir;
  process.stdout.write(`typecheck ${shown}\n`);
  const diagnostics = await check;
  if (diagnostics.length === 0) continue;
  process.stdout.write(`${diagnostics.join("\n")}\n\n${diagnostics.length} error(s) in ${shown}\n`);
  failed = true;
}
if (failed) process.exit(1);
