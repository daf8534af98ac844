// `npm run bench:cold`: what each deployed function's code adds to its cold start. Synthesizes the app
// offline (the functions SST would build and their environment), bundles each handler as `sst deploy` does,
// and imports each bundle in fresh Node processes with Lambda's environment, the functions in turn, round
// after round: the time and CPU from the import's start to the handler export being there (medians), the
// bundle's bytes (gzip'd too) and the packages that make them. BENCH_RUNS sets the rounds (9);
// BENCH_PROFILE=DIR writes one CPU profile of each import there and prints its self time by package.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";
import { type BundleImport, profileByPackage, weighInputs } from "./cold-start/weigh";
import { functionBundleOptions, locateHandler } from "./synth/function-build";
import { resource } from "./synth/graph";
import { synthesize } from "./synth/synthesize";

const run = promisify(execFile);
const RUNS = Number(process.env.BENCH_RUNS ?? 9);
const PROFILE = process.env.BENCH_PROFILE;
const root = process.cwd();

/** Imports the bundle (argv[1]) and prints the import's wall and CPU milliseconds as JSON. */
const IMPORT_ONE = `
const started = performance.now();
const cpu = process.cpuUsage();
const module = await import(new URL("file://" + process.argv[1]).href);
if (typeof module.handler !== "function") throw new Error("no handler export");
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 }));
`;

interface Bundle {
  functionID: string;
  memory: number;
  file: string;
  bytes: number;
  gzipBytes: number;
  metafile: Metafile;
  environment: Record<string, string>;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** The variables Lambda's Node runtime sets for an init, beside the function's own (less the links file). */
function lambdaEnvironment(
  functionID: string,
  own: Record<string, string>,
  taskRoot: string,
  memory: number,
) {
  const { SST_KEY: _key, SST_KEY_FILE: _file, ...rest } = own;
  return {
    PATH: process.env.PATH ?? "",
    ...rest,
    AWS_EXECUTION_ENV: "AWS_Lambda_nodejs22.x",
    AWS_LAMBDA_FUNCTION_NAME: functionID,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(memory),
    AWS_REGION: "us-east-1",
    LAMBDA_TASK_ROOT: taskRoot,
    NODE_OPTIONS: "",
  };
}

async function importOnce(bundle: Bundle, flags: string[] = []): Promise<BundleImport> {
  const { stdout } = await run(
    process.execPath,
    [...flags, "--input-type=module", "-e", IMPORT_ONE, bundle.file],
    { env: bundle.environment, cwd: join(bundle.file, "..") },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as BundleImport;
}

process.stdout.write("synthesizing the app offline for its functions (about 40 s)\n");
const { graph } = await synthesize({ stage: "coldstart", root });
const work = mkdtempSync(join(tmpdir(), "cold-start-"));
try {
  const bundles: Bundle[] = [];
  for (const { functionID, handler } of graph.functions) {
    const located = locateHandler(root, handler);
    if (!located) throw new Error(`Handler not found: ${handler}`);
    const file = join(work, functionID, `${relative(root, located.file).replace(/\.[^.]+$/, "")}.mjs`);
    const { metafile } = await build({ ...functionBundleOptions(located.file, file), absWorkingDir: root });
    const code = readFileSync(file);
    const declared = resource(graph, "aws:lambda/function:Function", `${functionID}Function`).inputs;
    const variables = (declared.environment as { variables?: Record<string, string> }).variables ?? {};
    const memory = Number(declared.memorySize);
    const environment = lambdaEnvironment(functionID, variables, join(work, functionID), memory);
    const sizes = { bytes: code.length, gzipBytes: gzipSync(code).length };
    bundles.push({ functionID, memory, file, ...sizes, metafile, environment });
  }

  const imports = new Map(bundles.map((b) => [b.functionID, [] as BundleImport[]]));
  for (let round = 0; round < RUNS; round++) {
    for (const bundle of bundles) imports.get(bundle.functionID)?.push(await importOnce(bundle));
  }

  const rows = bundles.map((bundle) => {
    const runs = imports.get(bundle.functionID) ?? [];
    const weighed = weighInputs(bundle.metafile, root);
    return {
      function: bundle.functionID,
      memoryMb: bundle.memory,
      bytes: bundle.bytes,
      gzipBytes: bundle.gzipBytes,
      importMs: median(runs.map((r) => r.ms)),
      importCpuMs: median(runs.map((r) => r.cpuMs)),
      runs: runs.length,
      packages: weighed.packages.slice(0, 8),
      duplicated: weighed.duplicated,
    };
  });

  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  process.stdout.write(`\nNode ${process.version}, medians of ${RUNS} imports a function (alternating)\n`);
  process.stdout.write(
    "function          memory    bundle     gzip'd   import    its CPU  largest packages\n",
  );
  for (const row of rows) {
    const largest = row.packages
      .slice(0, 3)
      .map((p) => `${p.name} ${kb(p.bytes)}`)
      .join(", ");
    process.stdout.write(
      `${row.function.padEnd(18)}${`${row.memoryMb} MB`.padStart(7)} ${kb(row.bytes).padStart(9)} ${kb(row.gzipBytes).padStart(9)} ${`${row.importMs.toFixed(0)} ms`.padStart(8)} ${`${row.importCpuMs.toFixed(0)} ms`.padStart(9)}  ${largest}\n`,
    );
    if (row.duplicated.length > 0) {
      const copies = row.duplicated
        .map((d) => `${d.name} (${d.copies.map((c) => c.version).join(", ")}: ${kb(d.bytes)})`)
        .join(", ");
      process.stdout.write(`${"".padEnd(26)} bundled more than once: ${copies}\n`);
    }
  }

  if (PROFILE) {
    mkdirSync(PROFILE, { recursive: true });
    for (const bundle of bundles) {
      const dir = join(PROFILE, bundle.functionID);
      rmSync(dir, { recursive: true, force: true });
      await importOnce(bundle, ["--cpu-prof", "--cpu-prof-interval", "100", "--cpu-prof-dir", dir]);
      const [, self] = profileByPackage(dir, bundle.file);
      const top = self
        .slice(0, 6)
        .map(([name, ms]) => `${name} ${ms.toFixed(0)}`)
        .join(", ");
      process.stdout.write(`profile ${bundle.functionID} (self ms): ${top}\n`);
    }
  }

  mkdirSync("bench-results", { recursive: true });
  const report = { node: process.version, runs: RUNS, at: new Date().toISOString(), functions: rows };
  writeFileSync("bench-results/cold-start.json", `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write("wrote bench-results/cold-start.json\n");
} finally {
  rmSync(work, { recursive: true, force: true });
}
