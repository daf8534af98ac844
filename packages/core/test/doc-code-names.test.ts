// The README and docs/*.md name the code in inline code spans: paths, npm scripts, settings, flags and
// exported names. A renamed file, script or function would leave the prose naming something that no longer
// exists, so every such span outside fenced code blocks must name something the repository has now:
// - A path (no spaces or `=`, a `/` inside but not first, not starting `./` or `../`, and a known file
//   extension, a trailing `/` or a first segment that is one of the repository's top-level folders, such
//   as `.github/workflows/deploy.yml`) exists from the repository root; failing that, from `packages/`, or
//   from a workspace package's root or its `src/`: so `e2e/accessibility.test.ts` (web),
//   `system/chaos.test.ts` (local's src/) and `core/src/wasm/binary.ts` resolve. A `*`, `**/` or `(x)`
//   must match some file; `X.handler` (a Lambda handler) names `X.ts`. A path through what a run makes
//   (dist, node_modules, .local, .sst, bench-results, test-artifacts) is not looked for on disk: the file
//   or folder it ends in (`bench-results/cli.json`: `cli.json`) must be spelt in the source that makes it,
//   unless it is a `<…>` family (`.sst/synth/<stage>.json`).
//   A bare file name with a source extension (`smoothing.ts`) is the name of some file in the tree;
//   `@stock-patterns/P/sub` is workspace P exporting `./sub`.
// - `npm run S [-w W]`, `npm start` and `npm test` name a script of the root package.json or of workspace
//   W; a bare `bench:…` or `repair:…` span is a root script too.
// - A flag (a span starting `--name`, or `--name` inside `patterns …`, `npm start …`, `scan …`, `stats …`)
//   is spelt `--name` somewhere in the source.
// - Code names occur as words in the source (.ts, .tsx, .mts, .mjs, .cjs, .js under packages/, infra/,
//   scripts/, and sst.config.ts) or the repository's tool configuration (biome.json, .github/**/*.yml):
//   CONST_CASE settings and constants (`CORS_ALLOWED_ORIGINS`, `BENCH_SYMBOLS=10 BENCH_POSTS=5`,
//   `EVIDENCE_RETENTION.seriesSeconds`: each part), camelCase and PascalCase names, calls (`stats()`),
//   and single all-caps words of two letters or more (`PENDING`). A `<…>`, `{…}` or `*` part stands for a family,
//   whose fixed prefix must begin some word.
// Words that are not the project's code (AWS's, V8's, a page's own shell variables) are in NOT_OURS with a
// reason; names a dated record of the benchmarks says are gone are in FORMER, and must really be gone.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PAGES, ROOT } from "./doc-pages";

/** Folders a run makes: not sources, so neither walked nor looked for. */
const MADE_BY_A_RUN = new Set([
  "node_modules",
  ".git",
  "dist",
  ".sst",
  ".sst-home",
  ".local",
  "coverage",
  "test-artifacts",
  "bench-results",
  ".scratch",
]);
const SOURCE_EXTENSIONS = /\.(ts|tsx|mts|mjs|cjs|js)$/;
const FILE_EXTENSIONS = /\.(ts|tsx|mts|mjs|cjs|js|json|md|yml|yaml|csv|py|html|css|sh)$/;
const THIS_FILE = "packages/core/test/doc-code-names.test.ts";
/** Where a code name may be defined or read: the sources (but this file, which lists names) and the tools' configuration. */
const isWordSource = (path: string) =>
  (path !== THIS_FILE &&
    SOURCE_EXTENSIONS.test(path) &&
    /^(packages|infra|scripts)\/|^sst\.config\.ts$/.test(path)) ||
  path === "biome.json" ||
  /^\.github\/.*\.ya?ml$/.test(path);

const AWS_WORD = "AWS's own name (an API action, error, metric, event type or field), not ours";
const V8_FLAG = "a flag of Node or V8, not of our commands";
const AWS_CLI_FLAG = "a flag of the AWS CLI, not of our commands";
const CURL_VARIABLE = "a shell variable that api.md's curl examples set";
/** Spans that look like our code or files but name someone else's, each with why. */
const NOT_OURS = new Map<string, string>([
  ["platform/src/components/aws/function.ts", "SST's own source (the page links it on GitHub)"],
  ["platform/src/components/secret.ts", "SST's own source, SST 3.19.3"],
  ["AWSLogs/", "the prefix AWS WAF writes its logs under in the bucket"],
  ["logs/", "the folder a running system writes into its data directory (--out-dir)"],
  ["DLQ_ARN", "a shell variable of reliability.md's own redrive commands"],
  ...["API", "KEY", "TOKEN"].map((name): [string, string] => [name, CURL_VARIABLE]),
  ["allowAll", "SQS's redrive allow policy value"],
  ["allowScripts", "npm's package.json field (read by npm 11.16 and later), not a name in the code"],
  ["EBADENGINE", "npm's warning code for a package whose engines the running Node does not meet"],
  ["REDACTED", "what AWS WAF writes in place of a redacted field"],
  ...[
    "AccessDeniedException",
    "ExecutionAborted",
    "ExecutionFailed",
    "ExecutionTimedOut",
    "FailStateEntered",
    "FailedInvocations",
    "InvalidAction",
    "LambdaFunctionFailed",
    "LambdaFunctionScheduled",
    "LambdaFunctionStarted",
    "LambdaFunctionSucceeded",
    "LambdaFunctionTimedOut",
    "LastProcessingResult",
    "ParallelStateFailed",
    "RuleName",
    "StartMessageMoveTask",
    "TaskStateEntered",
    "TaskStateExited",
  ].map((word): [string, string] => [word, AWS_WORD]),
  ...[
    "--always-sparkplug",
    "--maglev",
    "--max-semi-space-size",
    "--no-lazy",
    "--no-liftoff",
    "--trace-gc",
  ].map((flag): [string, string] => [flag, V8_FLAG]),
  ...["--destination-arn", "--endpoint-url", "--stream-arn", "--stream-name", "--visibility-timeout"].map(
    (flag): [string, string] => [flag, AWS_CLI_FLAG],
  ),
]);

/**
 * Names docs/benchmarks.md's dated record gives as what a thing was called, or had, when it was measured,
 * each beside what it is now (or that it is gone), with the commit that renamed or removed it. Each must
 * really be gone: a name back in the source would be a new thing the record does not describe.
 */
const FORMER = new Map<string, string>([
  ["DecidingSink", "b7d7380: outcomes decided in each record batch's own run (the page says it is gone)"],
  ["crLfLongFile", "1d7de05: renamed respelledLongFile"],
  ["CheckedBars", "e264742: replaced, with BarList, by BarReader"],
  ["BarList", "e264742: replaced, with CheckedBars, by BarReader"],
  ["bin/patterns.mjs", "ce3627b: the bin became packages/cli/bin/patterns.cjs"],
  ["dist/main.mjs", "ce3627b: the CLI's build became dist/main.cjs"],
]);

interface Tree {
  files: Set<string>;
  directories: Set<string>;
  basenames: Set<string>;
  words: Set<string>;
  text: string;
  /** Every `--flag` the sources spell. */
  flags: Set<string>;
  packages: string[];
}

/** The repository's files and folders (from the root), and the words and text of its sources, read once. */
function readTree(): Tree {
  const tree: Tree = {
    files: new Set(),
    directories: new Set(),
    basenames: new Set(),
    words: new Set(),
    text: "",
    flags: new Set(),
    packages: [],
  };
  const texts: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      if (MADE_BY_A_RUN.has(entry.name) || entry.name.startsWith("dist-")) continue;
      const path = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        tree.directories.add(path);
        walk(path);
        continue;
      }
      tree.files.add(path);
      tree.basenames.add(entry.name);
      if (!isWordSource(path)) continue;
      const text = readFileSync(join(ROOT, path), "utf8");
      texts.push(text);
      for (const [word] of text.matchAll(/[A-Za-z_][\w]*/g)) tree.words.add(word);
    }
  };
  walk("");
  tree.text = texts.join("\n");
  for (const [flag] of tree.text.matchAll(/(?<![\w-])--[a-z][\w-]*/g)) tree.flags.add(flag);
  tree.packages = readdirSync(join(ROOT, "packages")).map((name) => `packages/${name}`);
  return tree;
}

/** A page's inline code spans outside fenced blocks, a span broken over lines joined by a space. */
function spansOf(page: string): string[] {
  const prose: string[] = [];
  let fenced = false;
  for (const line of readFileSync(join(ROOT, page), "utf8").split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    prose.push(fenced || /^\s*(```|~~~)/.test(line) ? "" : line);
  }
  return prose
    .join("\n")
    .split(/\n\s*\n/)
    .flatMap((paragraph) =>
      [...paragraph.matchAll(/`([^`]+)`/g)].map(([, span = ""]) => span.replace(/\s*\n\s*/g, " ").trim()),
    );
}

const globRegExp = (glob: string) =>
  new RegExp(
    `^${glob
      .replace(/[.+^${}|[\]\\]/g, "\\$&")
      .replace(/\(x\)$/, "x?")
      .replace(/\*\*\//g, "(?:.*/)?")
      .replace(/(?<!\.)\*/g, "[^/]*")}$`,
  );

/** The span as a repository path, when it reads as one. */
function asPath(span: string, tree: Tree): string | undefined {
  if (/[\s=]/.test(span) || !span.includes("/") || /^([/@#~$]|\.\.?\/)|:\/\//.test(span)) return undefined;
  const segments = span.split("/");
  if (segments.some((segment) => MADE_BY_A_RUN.has(segment))) return undefined;
  const file = span.replace(/\.handler$/, ".ts").replace(/\(x\)$/, "");
  return FILE_EXTENSIONS.test(file) || span.endsWith("/") || tree.directories.has(segments[0] ?? "")
    ? span
    : undefined;
}

/** The file or folder name a path through what a run makes ends in (`dist/worker.cjs`: `worker.cjs`). */
function madeName(span: string): string | undefined {
  if (/[\s=<]/.test(span) || !span.includes("/") || /^[/@#~$]|:\/\//.test(span)) return undefined;
  const segments = span.replace(/\/$/, "").split("/");
  return segments.some((segment) => MADE_BY_A_RUN.has(segment)) ? segments.at(-1) : undefined;
}

/** Why a path span names nothing, or undefined when it resolves. */
function pathProblem(span: string, tree: Tree): string | undefined {
  const path = span.replace(/\.handler$/, ".ts").replace(/\/$/, "");
  const bases = ["", "packages/", ...tree.packages.flatMap((pkg) => [`${pkg}/`, `${pkg}/src/`])];
  if (/\*|\(x\)$/.test(path)) {
    const patterns = bases.map((base) => globRegExp(base + path));
    return [...tree.files].some((file) => patterns.some((pattern) => pattern.test(file)))
      ? undefined
      : "no file matches";
  }
  return bases.some((base) => tree.files.has(base + path) || tree.directories.has(base + path))
    ? undefined
    : "no such file or folder";
}

interface CodeName {
  name: string;
  /** A family's fixed prefix: some word must begin with it. */
  prefix?: boolean;
}

/** The code names a span holds: settings (`A_B=1 C_D=2`), families (`SST_RESOURCE_<Name>`), calls, members. */
function codeNamesOf(span: string): CodeName[] {
  if (/^(?:[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+=\S*\s*)+$/.test(span))
    return [...span.matchAll(/([A-Z][A-Z0-9_]*)=/g)].map(([, name = ""]) => ({ name }));
  const family = /^([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_)(?:<[^>]+>|\{[^}]+\}|\*)$/.exec(span);
  if (family) return [{ name: family[1] ?? "", prefix: true }];
  const name = span.replace(/\((?:\{[^}]*\}|[^)]*)\)$/, "");
  const constant = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*(?:\.\w+)*$/.test(name) && name.length > 1;
  const camel = /^[a-z][a-z0-9]*[A-Z]\w*(?:\.\w+)*$/.test(name);
  const pascal = /^[A-Z][a-z0-9]+[A-Z]?\w*(?:\.\w+)*$/.test(name);
  return constant || camel || pascal ? [{ name }] : [];
}

describe("the code the README and docs name in code spans", () => {
  const tree = readTree();
  const manifest = (dir: string) => JSON.parse(readFileSync(join(ROOT, dir, "package.json"), "utf8"));
  const rootScripts: Record<string, string> = manifest("").scripts;
  const workspaces = new Map<string, { scripts?: Record<string, string>; exports?: Record<string, string> }>(
    tree.packages.map((pkg) => [manifest(pkg).name, manifest(pkg)]),
  );
  const mentions = PAGES.flatMap((page) => spansOf(page).map((span) => ({ page, span })));

  it("names paths that exist", () => {
    const stale: string[] = [];
    let checked = 0;
    for (const { page, span } of mentions) {
      if (NOT_OURS.has(span) || FORMER.has(span)) continue;
      const path = asPath(span, tree);
      const workspace = /^(@stock-patterns\/[\w-]+)(\/[\w-]+)?$/.exec(span);
      const made = madeName(span);
      if (path) {
        checked += 1;
        const problem = pathProblem(path, tree);
        if (problem) stale.push(`${page}: ${span} (${problem})`);
      } else if (made) {
        checked += 1;
        if (!tree.text.includes(made)) stale.push(`${page}: ${span} (no source makes ${made})`);
      } else if (/^[\w.-]+\.(ts|tsx|mjs|cjs|handler)$/.test(span)) {
        checked += 1;
        if (!tree.basenames.has(span.replace(/\.handler$/, ".ts")))
          stale.push(`${page}: ${span} (no file of that name)`);
      } else if (workspace) {
        checked += 1;
        const exported = workspaces.get(workspace[1] ?? "")?.exports ?? {};
        if (!(`.${workspace[2] ?? ""}` in exported))
          stale.push(`${page}: ${span} (no such workspace export)`);
      }
    }
    expect(checked).toBeGreaterThan(200);
    expect(stale).toEqual([]);
  });

  it("names npm scripts that exist", () => {
    const stale: string[] = [];
    let checked = 0;
    for (const { page, span } of mentions) {
      const run = /^npm (?:run (\S+)|(start|test))(?: (.*))?$/.exec(span);
      if (!run && !/^(?:bench|repair):[\w-]+$/.test(span)) continue;
      checked += 1;
      const script = run ? (run[1] ?? run[2] ?? "") : span;
      const workspace = /(?:^|\s)-w (\S+)/.exec(run?.[3] ?? "")?.[1];
      const scripts = workspace ? workspaces.get(workspace)?.scripts : rootScripts;
      if (!scripts) stale.push(`${page}: ${span} (no workspace ${workspace})`);
      else if (!(script in scripts)) stale.push(`${page}: ${span} (no script ${script})`);
    }
    expect(checked).toBeGreaterThan(30);
    expect(stale).toEqual([]);
  });

  it("names flags the source spells", () => {
    const stale: string[] = [];
    let checked = 0;
    for (const { page, span } of mentions) {
      if (!/^(--[a-z]|patterns |npm start|scan |stats )/.test(span)) continue;
      for (const [flag] of span.matchAll(/(?<![\w-])--[a-z][\w-]*/g)) {
        if (NOT_OURS.has(flag)) continue;
        checked += 1;
        if (!tree.flags.has(flag)) stale.push(`${page}: ${span} (${flag} not in the source)`);
      }
    }
    expect(checked).toBeGreaterThan(60);
    expect(stale).toEqual([]);
  });

  it("names settings, constants, types and functions the source has", () => {
    const stale: string[] = [];
    let checked = 0;
    for (const { page, span } of mentions) {
      if (NOT_OURS.has(span) || FORMER.has(span)) continue;
      for (const { name, prefix } of codeNamesOf(span)) {
        checked += 1;
        const found = prefix
          ? [...tree.words].some((word) => word.startsWith(name))
          : name.split(".").every((part) => tree.words.has(part));
        if (!found) stale.push(`${page}: ${span} (${name} not in the source)`);
      }
    }
    expect(checked).toBeGreaterThan(800);
    expect(stale).toEqual([]);
  });

  it("lists as former only names the repository no longer has", () => {
    const back = [...FORMER.keys()].filter((name) => {
      const path = asPath(name, tree);
      const made = madeName(name);
      if (path) return !pathProblem(path, tree);
      return made ? tree.text.includes(made) : tree.words.has(name);
    });
    expect(back).toEqual([]);
  });
});
