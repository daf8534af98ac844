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
const dir = mkdtempSync(join(tmpdir(), "check-install-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the check as npm start's prestart does, in `root`. */
function check(root: string) {
  const run = spawnSync(process.execPath, [CHECK], { cwd: root, encoding: "utf8" });
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

  it("passes this repository as installed", () => {
    expect(check(REPO_ROOT)).toEqual({ code: 0, printed: "" });
  });
});
