// Type-checks every TypeScript project in the repository: each tsconfig.json under packages/ and infra/.
// infra/ (with sst.config.ts) is checked against SST's generated platform, installed offline if missing.
//
// The platform's own sources (.sst/platform/src) are TypeScript that SST generates and compiles under its own
// settings; sst.config.ts reaches them through config.d.ts, and skipLibCheck skips only .d.ts files. They
// give the types infra is checked against, but are not checked themselves: under tsconfig.base.json
// (noUncheckedIndexedAccess, noImplicitOverride) they report errors that are SST's to fix, not ours.
// Every other file of a project gets the diagnostics `tsc --noEmit -p <project>` would give it.
import { existsSync, readdirSync } from "node:fs";
import { join, resolve, sep } from "node:path";
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
let failed = false;
for (const dir of projects) {
  if (dir === "infra") ensureSstPlatform();
  process.stdout.write(`typecheck ${dir}\n`);
  const diagnostics = diagnosticsOf(dir);
  if (diagnostics.length === 0) continue;
  process.stdout.write(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
  process.stdout.write(`\n${diagnostics.length} error(s) in ${dir}\n`);
  failed = true;
}
if (failed) process.exit(1);
