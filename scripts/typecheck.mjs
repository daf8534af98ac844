// Type-checks every TypeScript project in the repository: each tsconfig.json under packages/ and infra/.
// infra/ (with sst.config.ts) is checked against SST's generated platform, installed offline if missing.
//
// The platform's own sources (.sst/platform/src) are TypeScript that SST generates and compiles under its own
// settings; sst.config.ts reaches them through config.d.ts, and skipLibCheck skips only .d.ts files. They
// give the types infra is checked against, but are not checked themselves: under tsconfig.base.json
// (noUncheckedIndexedAccess, noImplicitOverride) they report errors that are SST's to fix, not ours.
// Every other file of a project gets the diagnostics `tsc --noEmit -p <project>` would give it.
//
// Projects are checked side by side, one worker thread per core: one at a time took 80 CPU-seconds on one
// core of two, the other idle (5 Dec 2026). What each prints comes out in the projects' order.
import { existsSync, readdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve, sep } from "node:path";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import ts from "typescript";
import { ensureSstPlatform } from "./sst-platform.mjs";

const GENERATED = `${resolve(".sst")}${sep}`;

const projects = [...readdirSync("packages").map((name) => join("packages", name)), "infra"].filter((dir) =>
  existsSync(join(dir, "tsconfig.json")),
);

/** The diagnostics of one project, leaving out SST's generated sources. */
function diagnosticsOf(dir) {
  const config = ts.getParsedCommandLineOfConfigFile(join(dir, "tsconfig.json"), undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    },
  });
  if (!config) throw new Error(`${dir}/tsconfig.json could not be read`);
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  const own = program.getSourceFiles().filter((file) => !resolve(file.fileName).startsWith(GENERATED));
  return [
    ...program.getConfigFileParsingDiagnostics(),
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...own.flatMap((file) => [
      ...program.getSyntacticDiagnostics(file),
      ...program.getSemanticDiagnostics(file),
    ]),
  ];
}

const host = {
  getCanonicalFileName: (name) => name,
  getCurrentDirectory: () => process.cwd(),
  getNewLine: () => "\n",
};

/** What checking `dir` prints, and whether it found errors. */
function report(dir) {
  const diagnostics = diagnosticsOf(dir);
  if (diagnostics.length === 0) return { dir, failed: false, text: "" };
  const text = `${ts.formatDiagnosticsWithColorAndContext(diagnostics, host)}\n${diagnostics.length} error(s) in ${dir}\n`;
  return { dir, failed: true, text };
}

/** Checks each project in a worker thread, `threads` at a time, and resolves with their reports in order. */
async function checkAll(threads) {
  const reports = new Array(projects.length);
  // Taken from the end: infra, by far the largest (SST's platform and Pulumi's SDKs), starts first.
  const queue = [...projects.keys()];
  const work = async () => {
    for (let index = queue.pop(); index !== undefined; index = queue.pop()) {
      reports[index] = await new Promise((done, fail) => {
        const worker = new Worker(new URL(import.meta.url), { workerData: projects[index] });
        worker.once("message", done);
        worker.once("error", fail);
        worker.once("exit", (code) =>
          fail(new Error(`the check of ${projects[index]} stopped (exit code ${code})`)),
        );
      });
    }
  };
  await Promise.all(Array.from({ length: threads }, work));
  return reports;
}

if (isMainThread) {
  if (projects.includes("infra")) ensureSstPlatform();
  process.stdout.write(`typecheck ${projects.join(", ")}\n`);
  const reports = await checkAll(Math.max(1, Math.min(availableParallelism(), projects.length)));
  for (const { text } of reports) process.stdout.write(text);
  if (reports.some(({ failed }) => failed)) process.exit(1);
} else {
  parentPort?.postMessage(report(workerData));
}
