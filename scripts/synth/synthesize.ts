// Runs the offline synth for one stage: bundles sst.config.ts, infra/ and SST's platform the way
// `sst deploy` does, evaluates it under Pulumi mocks in a child process and returns the graph.
import { execFile } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { build, type Plugin } from "esbuild";
import { ensureSstPlatform } from "../sst-platform.mjs";
import { FUNCTION_BUNDLE_TARGET } from "./function-build";
import type { SynthGraph } from "./graph";
import type { SynthRequest } from "./program";

const run = promisify(execFile);

/** Options of one synth. */
export interface SynthOptions {
  stage: string;
  /** Evaluate as `sst dev` does (`$dev` true). */
  dev?: boolean;
  /** Repository root; defaults to the current directory. */
  root?: string;
}

/** Where the graph of a stage is written. */
export function graphPath(root: string, stage: string, dev = false): string {
  return join(root, ".sst", "synth", `${stage}${dev ? ".dev" : ""}.json`);
}

/** Packages SST keeps outside its bundle; they resolve from .sst/platform/node_modules at run time. */
const EXTERNAL = [
  "@pulumi/*",
  "@pulumiverse/*",
  "@aws-sdk/*",
  "esbuild",
  "archiver",
  "glob",
  "undici",
  "vite",
];

/** SST's random physical-name suffix, and what the synth uses instead. */
const RANDOM_SUFFIX = 'crypto.randomBytes(8).toString("hex")';
// biome-ignore lint/suspicious/noTemplateCurlyInString: TypeScript source spliced into SST's naming.ts, not a template here
const NAMED_SUFFIX = 'crypto.createHash("sha256").update(`${name}:${suffix}`).digest("hex").slice(0, 16)';

/**
 * Physical names get a suffix derived from the logical name instead of a random one, so two synths of
 * the same code give the same graph and a diff shows only real changes.
 */
const stableNames: Plugin = {
  name: "stable-physical-names",
  setup(pluginBuild) {
    pluginBuild.onLoad(
      { filter: /[\\/]\.sst[\\/]platform[\\/]src[\\/]components[\\/]naming\.ts$/ },
      async (args) => {
        const source = await readFile(args.path, "utf8");
        if (!source.includes(RANDOM_SUFFIX)) {
          throw new Error(
            `SST's ${args.path} no longer names resources as the synth expects; update stableNames`,
          );
        }
        return { contents: source.replace(RANDOM_SUFFIX, NAMED_SUFFIX), loader: "ts" };
      },
    );
  },
};

/**
 * Synthesizes one stage and writes `.sst/synth/<stage>.json`.
 * @example
 * const graph = await synthesize({ stage: "production" });
 */
export async function synthesize(options: SynthOptions): Promise<{ file: string; graph: SynthGraph }> {
  if (!/^[a-z0-9][a-z0-9-]*$/i.test(options.stage)) {
    throw new Error(`Invalid stage "${options.stage}": use letters, digits and dashes`);
  }
  const root = resolve(options.root ?? process.cwd());
  const dev = options.dev ?? false;
  ensureSstPlatform(root);
  const platform = join(root, ".sst", "platform");
  // Beside SST's own eval bundles, so the external packages resolve from the platform's node_modules.
  const bundle = join(platform, `synth.${options.stage}${dev ? ".dev" : ""}.${process.pid}.mjs`);
  await build({
    entryPoints: [join(root, "scripts", "synth", "program.ts")],
    outfile: bundle,
    bundle: true,
    platform: "node",
    format: "esm",
    // The synth runs on the project's Node (package.json pins it), the same major as the functions.
    target: FUNCTION_BUNDLE_TARGET,
    logLevel: "silent",
    mainFields: ["module", "main"],
    nodePaths: [join(platform, "node_modules")],
    external: EXTERNAL,
    plugins: [stableNames],
    banner: {
      js: [
        `import { createRequire as topLevelCreateRequire } from "module";`,
        "const require = topLevelCreateRequire(import.meta.url);",
        `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url";`,
        "const __filename = topLevelFileUrlToPath(import.meta.url);",
        `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url));`,
      ].join("\n"),
    },
  });
  const out = graphPath(root, options.stage, dev);
  const request: SynthRequest = { stage: options.stage, dev, root, out };
  try {
    await run(process.execPath, [bundle], {
      cwd: root,
      env: { ...process.env, SYNTH_REQUEST: JSON.stringify(request), PULUMI_NODEJS_TRANSPILE: "false" },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const detail = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`synth of stage "${options.stage}" failed${detail ? `:\n${detail}` : ""}`);
  } finally {
    await rm(bundle, { force: true });
  }
  return { file: out, graph: JSON.parse(await readFile(out, "utf8")) as SynthGraph };
}
