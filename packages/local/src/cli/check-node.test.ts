// `npm start` and `npm test` on a Node older than package.json's engines: one line saying which Node runs
// and what to do, before anything loads (not `Map.groupBy is not a function` from the functions' runtime).

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../system/paths";
import { nodeProblem } from "./check-node.mjs";

const ENGINES = (
  JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { engines: { node: string } }
).engines.node;
const notInstalled = { pinned: "22.23.3", pinnedInstalled: false, ignoreScripts: true };

describe("the Node check", () => {
  it("lets the Node package.json asks for, or a newer one, run", () => {
    for (const version of ["22.12.0", "22.23.3", "23.0.0", "24.1.0"])
      expect(nodeProblem(version, ">=22.12", notInstalled), version).toBeUndefined();
    expect(nodeProblem(process.versions.node, ENGINES, notInstalled)).toBeUndefined();
  });

  it("refuses an older Node, saying which runs and how npm rebuild installs the pinned one", () => {
    for (const version of ["20.20.2", "22.11.9", "18.0.0"]) {
      const problem = nodeProblem(version, ">=22.12", notInstalled);
      expect(problem, version).toContain(
        `runs on Node 22.12 or newer (package.json engines); this is Node ${version}`,
      );
      expect(problem, version).toContain("node_modules/.bin has no Node 22.23.3");
      expect(problem, version).toContain("npm's ignore-scripts is set");
      expect(problem, version).toContain("npm rebuild --ignore-scripts=false");
    }
    expect(nodeProblem("20.20.2", ">=22.12", { ...notInstalled, ignoreScripts: false })).toContain(
      "(npm's ignore-scripts set?)",
    );
  });

  it("says to run through npm when the pinned Node is installed but another ran the command", () => {
    const problem = nodeProblem("20.20.2", ">=22.12", {
      ...notInstalled,
      pinnedInstalled: true,
      ignoreScripts: false,
    });
    expect(problem).toContain("run it through npm (npm start, npm test, npx patterns)");
    expect(problem).not.toContain("rebuild");
  });

  it("refuses an engines field it cannot read rather than passing any Node", () => {
    expect(() => nodeProblem("22.12.0", "^22", notInstalled)).toThrow('engines.node "^22"');
  });

  it("passes the Node that npm test runs on, as npm test's first step", () => {
    const check = fileURLToPath(new URL("./check-node.mjs", import.meta.url));
    const run = spawnSync(process.execPath, [check], { cwd: REPO_ROOT, encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    const { scripts } = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(scripts.test?.startsWith("node packages/local/src/cli/check-node.mjs && ")).toBe(true);
  });
});
