// The console's static files: served with their types, directories as index.html, nothing outside the root.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consoleFile } from "./console-files";

const dir = mkdtempSync(join(tmpdir(), "console-files-"));
const root = join(dir, "dist");

beforeAll(() => {
  mkdirSync(join(root, "assets"), { recursive: true });
  writeFileSync(join(root, "index.html"), "<!doctype html><title>console</title>");
  writeFileSync(join(root, "assets", "index-abc.js"), "export {};");
  writeFileSync(join(dir, "secret.txt"), "outside the console");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("consoleFile", () => {
  it("answers files with their content type, and a directory with its index.html", async () => {
    const script = await consoleFile(root, "/assets/index-abc.js", "GET");
    expect(script?.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(script?.headers.get("cache-control")).toContain("immutable");
    expect(await script?.text()).toBe("export {};");
    const page = await consoleFile(root, "/", "GET");
    expect(page?.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await page?.text()).toContain("<title>console</title>");
    expect(await (await consoleFile(root, "/index.html", "HEAD"))?.text()).toBe("");
  });

  it("has nothing for missing files or paths that leave the console's directory", async () => {
    expect(await consoleFile(root, "/missing.js", "GET")).toBeUndefined();
    expect(await consoleFile(root, "/../secret.txt", "GET")).toBeUndefined();
    expect(await consoleFile(root, "/assets/%2e%2e/%2e%2e/secret.txt", "GET")).toBeUndefined();
    expect(await consoleFile(root, "/%E0%A4%A", "GET")).toBeUndefined();
  });
});
