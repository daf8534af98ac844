// `npm start` after a git pull without npm install: one message naming what is missing and the remedy,
// not a module-resolution stack trace from deep in the emulators.

import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../system/paths";

const CHECK = fileURLToPath(new URL("./check-install.mjs", import.meta.url));
const CHECK_NODE = fileURLToPath(new URL("./check-node.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "check-install-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `script` (the install check unless given) as npm start's prestart does, in `root`, with `env`. */
function check(root: string, env: NodeJS.ProcessEnv = {}, script = CHECK) {
  const { NODE_ENV: _, ...inherited } = process.env;
  const run = spawnSync(process.execPath, [script], {
    cwd: root,
    encoding: "utf8",
    env: { ...inherited, ...env },
  });
  return { code: run.status, printed: run.stdout + run.stderr };
}

function install(root: string, path: string, version: string) {
  mkdirSync(join(root, path), { recursive: true });
  writeFileSync(join(root, path, "package.json"), JSON.stringify({ name: path, version }));
}

describe("npm start's install check", () => {
  it("names each package missing or at another version than package-lock.json, and says to run npm install", () => {
    const root = join(dir, "pulled");
    const packages = {
      "": { name: "app" },
      "packages/core": { name: "core" },
      "node_modules/core": { resolved: "packages/core", link: true },
      "node_modules/web": { resolved: "packages/web", link: true },
      "node_modules/fauxqs": { version: "0.9.1" },
      "node_modules/vite": { version: "6.1.0" },
      "node_modules/@esbuild/darwin-arm64": { version: "0.25.0", optional: true },
      "packages/web/node_modules/react": { version: "19.1.0" },
    };
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, "package-lock.json"), JSON.stringify({ lockfileVersion: 3, packages }));
    install(root, "node_modules/vite", "6.0.1");
    mkdirSync(join(root, "node_modules/core"), { recursive: true });
    install(root, "packages/web/node_modules/react", "19.1.0");

    const pulled = check(root);
    expect(pulled.printed).toBe(
      [
        "node_modules does not match package-lock.json (after a git pull?): run npm install, then npm start.",
        "  web: not linked (package-lock.json: packages/web)",
        "  fauxqs: not installed (package-lock.json: 0.9.1)",
        "  vite: 6.0.1 installed (package-lock.json: 6.1.0)",
        "",
      ].join("\n"),
    );
    expect(pulled.code).toBe(1);

    install(root, "node_modules/fauxqs", "0.9.1");
    install(root, "node_modules/vite", "6.1.0");
    mkdirSync(join(root, "packages/web"), { recursive: true });
    symlinkSync(join(root, "packages/web"), join(root, "node_modules/web"));
    expect(check(root)).toEqual({ code: 0, printed: "" });
  });

  it("says when npm left out the devDependencies (NODE_ENV=production), which npm install alone would repeat", () => {
    const root = join(dir, "production");
    const packages = {
      "": { name: "app", devDependencies: { vitest: "4.1.12", node: "22.23.3" } },
      "node_modules/vitest": { version: "4.1.12", dev: true },
      "node_modules/node": { version: "22.23.3", dev: true },
      "node_modules/fsevents": { version: "2.3.3", dev: true, optional: true },
      "node_modules/dynalite": { version: "4.0.0" },
    };
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, "package-lock.json"), JSON.stringify({ lockfileVersion: 3, packages }));
    writeFileSync(
      join(root, "package.json"),
      JSON.stringify({ engines: { node: ">=99" }, devDependencies: packages[""].devDependencies }),
    );
    install(root, "node_modules/dynalite", "4.0.0");
    const leftOut = (why: string) =>
      "npm left out this project's devDependencies (none of the 2 packages package-lock.json marks as for " +
      `development is installed; ${why}), and npm start and npm test run on them. Run npm install ` +
      "--include=dev, then this command again.\n";
    expect(check(root, { NODE_ENV: "production" })).toEqual({
      code: 1,
      printed: leftOut("NODE_ENV is production here"),
    });
    expect(check(root)).toEqual({ code: 1, printed: leftOut("NODE_ENV=production, or npm's omit=dev?") });
    // npm test's first step says the same, rather than that the pinned Node's install script did not run.
    expect(check(root, { NODE_ENV: "production" }, CHECK_NODE)).toEqual({
      code: 1,
      printed: leftOut("NODE_ENV is production here"),
    });

    // One development package there: the others are missing for another reason, named one by one.
    install(root, "node_modules/vitest", "4.1.12");
    expect(check(root).printed).toBe(
      [
        "node_modules does not match package-lock.json (after a git pull?): run npm install, then npm start.",
        "  node: not installed (package-lock.json: 22.23.3)",
        "",
      ].join("\n"),
    );
  });

  it("passes this repository as installed", () => {
    expect(check(REPO_ROOT)).toEqual({ code: 0, printed: "" });
    expect(check(REPO_ROOT, {}, CHECK_NODE)).toEqual({ code: 0, printed: "" });
  });
});
