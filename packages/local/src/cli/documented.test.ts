// docs/local.md is what a new user follows for `npm start`: its Options table must be the flags the help
// lists, and its Tests section must name every test file of this project.

import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { HELP } from "./options";

const page = readFileSync(new URL("../../../../docs/local.md", import.meta.url), "utf8");
/** The project's sources, where its vitest config looks for `src/**\/*.test.ts`. */
const SRC = fileURLToPath(new URL("..", import.meta.url));

/** One `## ` section of the page, from its heading to the next. */
function section(heading: string): string {
  const start = page.indexOf(`\n## ${heading}\n`);
  expect(start, `docs/local.md has a "## ${heading}" section`).toBeGreaterThan(-1);
  const end = page.indexOf("\n## ", start + 1);
  return page.slice(start, end === -1 ? undefined : end);
}

/** Every `--flag` and `-f` in `lines`, without their arguments. */
function flagsIn(lines: string[]): string[] {
  return lines.flatMap((line) => [...line.matchAll(/(?<![\w-])--?[a-z][a-z-]*/g)].map(([flag]) => flag));
}

describe("docs/local.md", () => {
  it("lists in its Options table the flags `npm start -- --help` lists, and no other", () => {
    const rows = section("Options")
      .split("\n")
      .filter((line) => line.startsWith("| `-"));
    const documented = flagsIn(rows.map((row) => row.split("|")[1] ?? ""));
    const helped = flagsIn(
      HELP.split("\n")
        .filter((line) => /^ {2}-/.test(line))
        .map((line) => line.trim().split(/ {2,}/)[0] ?? ""),
    );
    expect(helped.length).toBeGreaterThan(5);
    expect(documented.sort()).toEqual(helped.sort());
  });

  it("names every test file of the local project in its Tests section", () => {
    const tests = section("Tests");
    const files = readdirSync(SRC, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".test.ts"))
      .map((file) => file.replaceAll("\\", "/"))
      .sort();
    expect(files.length).toBeGreaterThan(10);
    // A folder's tests may be named together, as `pollers/*.test.ts`.
    const unnamed = files.filter((file) => {
      const folder = file.slice(0, file.lastIndexOf("/") + 1);
      return !tests.includes(`\`${file}\``) && !(folder && tests.includes(`\`${folder}*.test.ts\``));
    });
    expect(unnamed).toEqual([]);
  });
});
