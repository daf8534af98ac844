// Bundles a Lambda handler the way `sst deploy` does (esbuild, ESM, Node platform), so the synth fails
// on a handler that is missing, does not compile, or does not export the named function.
import { existsSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { type BuildOptions, build, type Metafile } from "esbuild";
import { type ResourceCalls, resourceCalls } from "./resource-calls";

/** esbuild's target for the functions' bundles: the Node major of their Lambda runtime, `nodejs22.x`. */
export const FUNCTION_BUNDLE_TARGET = "node22";

/** What SST's Function component sends to its CLI's `Runtime.Build`. */
export interface BuildRequest {
  functionID: string;
  handler: string;
}

/** What `Runtime.Build` answers: the handler inside the bundle and the bundle directory. */
export interface BuildAnswer {
  handler: string;
  out: string;
  errors: string[];
  sourcemaps: string[];
  /** SST links the bundled code reads (`Resource.Name` or the functions' `linked("Name", …)`). */
  reads?: string[];
  /** AWS SDK commands the bundled code constructs (`new GetCommand(` gives `Get`). */
  commands?: string[];
  /** Per linked resource, the actions the bundle's own code calls there (see resource-calls.ts). */
  calls?: ResourceCalls;
  /** Calls of the bundle's own code that name no one linked resource (`Command in module`). */
  unattributed?: string[];
  /** SDK commands constructed outside our code and the document client's wrappers (`Command in module`). */
  foreign?: string[];
  /** The AWS SDK service clients (`@aws-sdk/client-*` packages) whose code the bundle holds. */
  clients?: string[];
}

/** Names of the SST links a bundle reads. */
export function linkReads(code: string): string[] {
  const names = [
    ...[...code.matchAll(/\blinked\(\s*"(\w+)"/g)].flatMap(([, name]) => name ?? []),
    ...[...code.matchAll(/\bResource\.(\w+)/g)]
      .flatMap(([, name]) => name ?? [])
      .filter((name) => name !== "App"),
  ];
  return [...new Set(names)].sort();
}

/**
 * The AWS SDK commands a bundle constructs, by name without `Command` (esbuild may add a digit to a
 * renamed class). Tree shaking leaves only what the handler can reach, so this is what its code calls.
 */
export function sdkCommands(code: string): string[] {
  const names = [...code.matchAll(/\bnew (\w+?)Command\d*\(/g)].flatMap(([, name]) => name ?? []);
  return [...new Set(names)].sort();
}

/**
 * The AWS SDK service client packages that put code into a bundle, from esbuild's metafile.
 * @example
 * sdkClients(result.metafile) // ["@aws-sdk/client-dynamodb", "@aws-sdk/client-sqs"]
 */
export function sdkClients(metafile: Metafile): string[] {
  const names = Object.values(metafile.outputs).flatMap((output) =>
    Object.entries(output.inputs)
      .filter(([, input]) => input.bytesInOutput > 0)
      .flatMap(([path]) => /node_modules\/(@aws-sdk\/client-[^/]+)\//.exec(path)?.[1] ?? []),
  );
  return [...new Set(names)].sort();
}

const SOURCE_EXTENSIONS = [".ts", ".mts", ".tsx", ".js", ".mjs"];

/**
 * esbuild's options for one function's bundle, as SST's `Runtime.Build` sets them for a Node function with
 * no `nodejs` settings: ESM for the Node platform, names kept, not minified (SST minifies only when
 * `nodejs.minify` is set), `require` made for ESM; the target is the runtime's Node major.
 * @example
 * const result = await build(functionBundleOptions("packages/functions/src/api/lambda.ts", "out/lambda.mjs"));
 */
export function functionBundleOptions(entry: string, outfile: string): BuildOptions & { metafile: true } {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: FUNCTION_BUNDLE_TARGET,
    keepNames: true,
    metafile: true,
    logLevel: "silent",
    mainFields: ["module", "main"],
    banner: {
      js: [
        `import { createRequire as topLevelCreateRequire } from "module";`,
        "const require = topLevelCreateRequire(import.meta.url);",
      ].join("\n"),
    },
  };
}

/** Resolves `dir/file.export` to the source file and the exported function name. */
export function locateHandler(root: string, handler: string): { file: string; exportName: string } | null {
  const dot = handler.lastIndexOf(".");
  if (dot <= 0) return null;
  const base = join(root, handler.slice(0, dot));
  const file = SOURCE_EXTENSIONS.map((ext) => base + ext).find((candidate) => existsSync(candidate));
  return file ? { file, exportName: handler.slice(dot + 1) } : null;
}

/**
 * Bundles one function into `work/artifacts/<functionID>-src`.
 * @example
 * const answer = await bundleFunction(process.cwd(), ".sst/synth/work", { functionID: "Api", handler: "src/api.handler" });
 */
export async function bundleFunction(
  root: string,
  work: string,
  request: BuildRequest,
): Promise<BuildAnswer> {
  const out = join(work, "artifacts", `${request.functionID}-src`);
  const located = locateHandler(root, request.handler);
  if (!located) {
    return {
      handler: request.handler,
      out,
      errors: [`Handler not found: ${request.handler}`],
      sourcemaps: [],
    };
  }
  const rel = relative(root, located.file).replace(/\.[^.]+$/, "");
  const outfile = join(out, `${rel}.mjs`);
  await rm(out, { recursive: true, force: true });
  await mkdir(dirname(outfile), { recursive: true });
  const result = await build(functionBundleOptions(located.file, outfile)).catch(
    (error: { errors?: { text: string }[] }) => ({
      errors: error.errors ?? [{ text: String(error) }],
      metafile: undefined,
    }),
  );
  const errors = result.errors.map((e) => `${request.handler}: ${e.text}`);
  const exported = Object.values(result.metafile?.outputs ?? {}).flatMap((o) => o.exports);
  if (errors.length === 0 && !exported.includes(located.exportName)) {
    errors.push(`${located.file} does not export "${located.exportName}"`);
  }
  const code = errors.length === 0 ? await readFile(outfile, "utf8") : "";
  const report = resourceCalls(code);
  return {
    handler: `${rel}.${located.exportName}`,
    out,
    errors,
    sourcemaps: [],
    reads: linkReads(code),
    commands: sdkCommands(code),
    clients: result.metafile ? sdkClients(result.metafile) : [],
    ...report,
  };
}
