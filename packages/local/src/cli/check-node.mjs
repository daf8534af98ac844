// The Node a command runs on, checked against package.json's `engines` before anything loads: `npm start`
// and `npm test` run on the Node 22 that npm install puts in node_modules/.bin (the `node` package's install
// script). Where that script did not run (npm's ignore-scripts set), npm ran them on the machine's own Node,
// and an older one failed deep inside (`Map.groupBy is not a function` from the functions' runtime).
// Plain JavaScript, so that it runs on any Node.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { devDependenciesLeftOut } from "./check-install.mjs";

/**
 * Why Node `version` cannot run a project whose package.json asks `engines` (a `>=MAJOR.MINOR[.PATCH]`),
 * with the remedy; undefined when it can.
 *
 * @param {string} version process.versions.node, e.g. "20.20.2"
 * @param {string} engines package.json's engines.node, e.g. ">=22.12"
 * @param {{ pinned: string, pinnedInstalled: boolean, ignoreScripts: boolean }} install the Node package.json
 *   pins (its `node` devDependency), whether node_modules holds it, and whether npm runs with ignore-scripts set
 * @returns {string | undefined}
 * @example
 * nodeProblem("20.20.2", ">=22.12", { pinned: "22.23.3", pinnedInstalled: false, ignoreScripts: true }) // "stock-patterns runs on Node 22.12 or newer …"
 */
export function nodeProblem(version, engines, install) {
  const wanted = /^>=\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(engines.trim());
  if (!wanted) throw new Error(`package.json engines.node "${engines}" is not of the form >=MAJOR.MINOR`);
  const need = wanted.slice(1).map((part) => Number(part ?? 0));
  const have = version.split(".").map(Number);
  let older = false;
  for (let i = 0; i < 3 && !older; i++) {
    if ((have[i] ?? 0) > (need[i] ?? 0)) return undefined;
    older = (have[i] ?? 0) < (need[i] ?? 0);
  }
  if (!older) return undefined;
  const said = `stock-patterns runs on Node ${engines.replace(/^>=\s*/, "")} or newer (package.json engines); this is Node ${version}:`;
  if (install.pinnedInstalled)
    return `${said} run it through npm (npm start, npm test, npx patterns), which runs the Node ${install.pinned} npm install put in node_modules/.bin.`;
  const why = install.ignoreScripts ? "npm's ignore-scripts is set" : "npm's ignore-scripts set?";
  return `${said} node_modules/.bin has no Node ${install.pinned}, as the install script of the \`node\` package did not run (${why}). Run npm rebuild --ignore-scripts=false, then this command again.`;
}

/**
 * Exits with status 1 and the reason when this Node cannot run the project at `root`.
 *
 * @param {string} root the directory holding package.json
 */
export function exitUnlessNodeFits(root) {
  const { engines, devDependencies } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
  // The pinned Node is one of the devDependencies: when npm left them all out, that is what to say.
  const problem =
    devDependenciesLeftOut(root) ??
    nodeProblem(process.versions.node, engines.node, {
      pinned: devDependencies.node,
      pinnedInstalled: existsSync(join(root, "node_modules", "node", "bin", "node")),
      ignoreScripts: process.env.npm_config_ignore_scripts === "true",
    });
  if (problem) {
    process.stderr.write(`${problem}\n`);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) exitUnlessNodeFits(process.cwd());
