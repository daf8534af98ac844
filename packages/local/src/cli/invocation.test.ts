// The folder `npm start` was typed in, and paths said back to whoever typed it.

import { join, sep } from "node:path";
import { describe, expect, it } from "vitest";
import { invocationFolder, shownPath, typedPath } from "./invocation";

describe("invocationFolder", () => {
  it("is INIT_CWD while npm runs the script named, and the process's own folder otherwise", () => {
    const typedIn = { INIT_CWD: "/home/ann/stock-patterns/data" };
    expect(invocationFolder("start", { ...typedIn, npm_lifecycle_event: "start" }, "/repo")).toBe(
      "/home/ann/stock-patterns/data",
    );
    // Run with node directly: no npm variables, or those of the npm script that started this process
    // (`npm test` starting start.mjs in a folder of its own).
    expect(invocationFolder("start", {}, "/repo")).toBe("/repo");
    expect(invocationFolder("start", { ...typedIn, npm_lifecycle_event: "test" }, "/tmp/run")).toBe(
      "/tmp/run",
    );
    expect(invocationFolder("start", { npm_lifecycle_event: "start" }, "/repo")).toBe("/repo");
    const repair = { ...typedIn, npm_lifecycle_event: "repair:closed-approvals" };
    expect(invocationFolder(/^repair:/, repair, "/repo")).toBe("/home/ann/stock-patterns/data");
    expect(invocationFolder(/^repair:/, { ...typedIn, npm_lifecycle_event: "start" }, "/repo")).toBe("/repo");
  });
});

describe("typedPath", () => {
  it("reads a relative path from the folder it was typed in, and keeps an absolute one", () => {
    expect(typedPath("mine.csv", "/home/ann/data")).toBe(join("/home/ann/data", "mine.csv"));
    expect(typedPath("../.local/run", "/repo/data")).toBe(join("/repo", ".local", "run"));
    expect(typedPath("/tmp/bars.csv", "/repo/data")).toBe("/tmp/bars.csv");
  });
});

describe("shownPath", () => {
  it("says a file inside the folder relative to it, and one outside as its whole path", () => {
    expect(shownPath(join("/repo", ".local", "outputs.json"), "/repo")).toBe(join(".local", "outputs.json"));
    expect(shownPath("/tmp/run/outputs.json", "/repo")).toBe("/tmp/run/outputs.json");
    expect(shownPath(join("/repo", ".local", "outputs.json"), join("/repo", "data"))).toBe(
      join("/repo", ".local", "outputs.json"),
    );
    // A name that only starts with two dots is inside; the folder itself is said whole.
    expect(shownPath(join("/repo", "..cache", "x.json"), "/repo")).toBe(`..cache${sep}x.json`);
    expect(shownPath("/repo", "/repo")).toBe("/repo");
  });
});
