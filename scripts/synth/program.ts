// The synth's inner program, bundled with sst.config.ts and SST's platform and run in its own process:
// it gives SST's globals, evaluates app() and run() under Pulumi mocks and writes the resource graph.

import { exec } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { codeUnitOrder } from "@stock-patterns/core";
import { startCliServer } from "./cli-server";
import type { SynthGraph } from "./graph";
import { recordingMocks, type SynthInvoke, type SynthResource } from "./mocks";
import { recordOptions } from "./options";

const runShell = promisify(exec);

/** What the outer process passes in `SYNTH_REQUEST` (JSON). */
export interface SynthRequest {
  stage: string;
  dev: boolean;
  root: string;
  out: string;
}

interface AppConfig {
  app(input: { stage: string }): Record<string, unknown> | Promise<Record<string, unknown>>;
  run(): Promise<Record<string, unknown> | undefined>;
}

/**
 * SST's `$` globals, the same names `sst deploy` gives sst.config.ts (see platform/src/shim/run.js).
 * `$app`, `$dev` and `$cli` come first: some platform modules read them as they load.
 */
async function installGlobals(request: SynthRequest, app: Record<string, unknown>) {
  const g = globalThis as Record<string, unknown>;
  Object.assign(g, {
    $app: {
      name: app.name,
      stage: request.stage,
      removal: app.removal ?? "retain",
      providers: app.providers ?? {},
      protect: app.protect ?? false,
    },
    $dev: request.dev,
    $cli: {
      command: request.dev ? "dev" : "deploy",
      paths: {
        home: join(request.root, ".sst-home"),
        root: request.root,
        work: workDir(request),
        platform: join(request.root, ".sst", "platform"),
      },
      state: { version: {} },
    },
  });
  const components = await import("../../.sst/platform/src/components");
  const { $asset, $transform } = await import("../../.sst/platform/src/components/component");
  const { Link } = await import("../../.sst/platform/src/components/link");
  Object.assign(g, {
    aws,
    sst: components,
    $linkable: Link.linkable,
    $output: pulumi.output,
    $resolve: pulumi.all,
    $interpolate: pulumi.interpolate,
    $concat: pulumi.concat,
    $jsonParse: pulumi.jsonParse,
    $jsonStringify: pulumi.jsonStringify,
    $util: pulumi,
    $asset,
    $transform,
    $secrets: {},
  });
}

/** Secrets not set in the environment read as a visible placeholder, as `sst diff` shows unknowns. */
function placeholderSecrets() {
  process.env = new Proxy(process.env, {
    get(target, key) {
      const value = Reflect.get(target, key);
      if (value === undefined && typeof key === "string" && key.startsWith("SST_SECRET_")) {
        return `<secret ${key.slice("SST_SECRET_".length)}>`;
      }
      return value;
    },
  });
}

/** Bundles and zips of one synth; `sst dev` evaluations get their own. */
function workDir(request: SynthRequest): string {
  return join(request.root, ".sst", "synth", "work", `${request.stage}${request.dev ? ".dev" : ""}`);
}

/** Site builds run for real, as `sst deploy` and `sst diff` run them, so the uploaded files are known. */
async function runSiteBuild(inputs: Record<string, unknown>): Promise<string> {
  const environment = (inputs.environment ?? {}) as Record<string, string>;
  try {
    const { stdout } = await runShell(String(inputs.create), {
      cwd: String(inputs.dir),
      env: { ...process.env, ...environment },
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`site build "${String(inputs.create)}" failed:\n${stdout}${stderr}`);
  }
}

/** Unwraps Pulumi's wire forms (secrets, assets, resource references) into plain JSON. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  const sig = record["4dabf18193072939515e22adb298388d"];
  if (record.path !== undefined && typeof sig === "string") return { asset: record.path };
  if (record.__pulumiResource !== undefined || pulumi.Resource.isInstance(value)) return { resource: "ref" };
  if ("path" in record && ("assets" in record || "hash" in record)) return { asset: record.path };
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, plain(v)]));
}

async function main() {
  const request = JSON.parse(process.env.SYNTH_REQUEST ?? "{}") as SynthRequest;
  (globalThis as Record<string, unknown>).$config = (input: AppConfig) => input;
  const { default: config } = (await import("../../sst.config")) as unknown as { default: AppConfig };
  const app = await config.app({ stage: request.stage });
  await installGlobals(request, app);
  const { run } = await import("../../.sst/platform/src/auto/run");
  placeholderSecrets();

  const server = await startCliServer(request.root, workDir(request));
  process.env.SST_SERVER = server.url;
  process.env.SST_AWS_REGION = "us-east-1";
  const resources: SynthResource[] = [];
  const invokes: SynthInvoke[] = [];
  const mocks = recordingMocks(resources, invokes, runSiteBuild);
  await pulumi.runtime.setMocks(mocks, String(app.name), request.stage, false);
  const options = recordOptions(pulumi.runtime.getMonitor());

  const outputs = (await pulumi.runtime.runInPulumiStack(() => run(config.run))) ?? {};
  await pulumi.runtime.disconnect();
  await server.close();

  const { _protect, ...stackOutputs } = outputs as Record<string, unknown>;
  const graph: SynthGraph = {
    app: {
      name: String(app.name),
      stage: request.stage,
      dev: request.dev,
      removal: String(app.removal),
      protect: Boolean(_protect),
    },
    // Sorted, so two synths of the same code are identical whatever order resources resolved in.
    resources: resources
      .map((r) => ({
        ...r,
        inputs: plain(r.inputs) as Record<string, unknown>,
        options: options.get(`${r.type}::${r.name}`) ?? {},
      }))
      .sort((a, b) => codeUnitOrder(a.type, b.type) || codeUnitOrder(a.name, b.name)),
    outputs: plain(stackOutputs) as Record<string, unknown>,
    providers: plain(app.providers ?? {}) as Record<string, unknown>,
    invokes: invokes
      .map((i) => ({ token: i.token, inputs: plain(i.inputs) as Record<string, unknown> }))
      .sort(
        (a, b) =>
          codeUnitOrder(a.token, b.token) ||
          codeUnitOrder(JSON.stringify(a.inputs), JSON.stringify(b.inputs)),
      ),
    cliCalls: [...new Set(server.calls)],
    functions: server.functions.sort((a, b) => codeUnitOrder(a.functionID, b.functionID)),
  };
  mkdirSync(dirname(request.out), { recursive: true });
  writeFileSync(request.out, `${JSON.stringify(graph, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
