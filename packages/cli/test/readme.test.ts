// The README's `patterns` section is what a new user types: each flag it names must be one the installed
// command's help lists (for the subcommand an example runs), and its examples on the bundled series must run.
// docs/cli.md, the rest of the CLI's story, is held to the same help.

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { PATTERNS_BIN, PROCESS_TIMEOUT } from "./bin";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const readme = readFileSync(new URL("README.md", `file://${ROOT}`), "utf8");
const cliPage = readFileSync(new URL("docs/cli.md", `file://${ROOT}`), "utf8");

/** The README's section on the engine and the CLI, from its heading to the next. */
function cliSection(): string {
  const start = readme.indexOf("\n## The pattern engine and the `patterns` CLI\n");
  expect(start).toBeGreaterThan(-1);
  return readme.slice(start, readme.indexOf("\n## ", start + 1));
}

/** The `npx patterns ...` lines of the section's first shell block, each without its comment. */
function examples(): { line: string; comment: string }[] {
  const block = /```sh\n([\s\S]*?)```/.exec(cliSection())?.[1] ?? "";
  const lines = block.split("\n").filter((line) => line.includes("npx patterns"));
  expect(lines.length).toBeGreaterThan(5);
  return lines.map((line) => {
    const [command = "", ...comment] = line.split(" # ");
    return {
      line: command.slice(command.indexOf("npx patterns")).trim(),
      comment: comment.join(" # ").trim(),
    };
  });
}

/** The `$ npx patterns scan|stats data/...` commands of `text` (the section), each with the output shown under it. */
function shownRuns(text = cliSection()): { line: string; shown: string[] }[] {
  const runs: { line: string; shown: string[] }[] = [];
  for (const [, block = ""] of text.matchAll(/```console\n([\s\S]*?)```/g)) {
    let run: { line: string; shown: string[] } | undefined;
    for (const line of block.trimEnd().split("\n")) {
      if (!line.startsWith("$ ")) {
        run?.shown.push(line);
        continue;
      }
      run = /^npx patterns (scan|stats) data\/\S+( [^;|>]*)?$/.test(line.slice(2))
        ? { line: line.slice(2), shown: [] }
        : undefined;
      if (run) runs.push(run);
    }
  }
  return runs;
}

/** Whether `shown` is `actual` with some runs of lines left out, each marked by a line "…". */
function shownIn(actual: string[], shown: string[]): boolean {
  const parts = shown.join("\n").split("\n…\n");
  let from = 0;
  for (const [k, part] of parts.entries()) {
    const lines = part.split("\n");
    const at = actual.findIndex(
      (_, i) => i >= from && lines.every((line, j) => actual[i + j] === line) && (k > 0 || i === 0),
    );
    if (at === -1) return false;
    from = at + lines.length;
  }
  return parts.length > 1 || from === actual.length;
}

/** Runs the installed command from the repository's root, as the README's examples are typed. */
function patterns(args: string[]) {
  return spawnSync(process.execPath, [PATTERNS_BIN, ...args], { cwd: ROOT, encoding: "utf8" });
}

/** The long flags a help text lists, one a line. */
function helpFlags(command: "scan" | "stats"): Set<string> {
  const help = patterns([command, "--help"]);
  expect(help.status).toBe(0);
  return new Set(
    help.stdout.split("\n").flatMap((line) => /^ {2}(?:-\w, )?(--[a-z-]+)/.exec(line)?.[1] ?? []),
  );
}

const flagsOf = (text: string) => [...text.matchAll(/(?<![\w-])--[a-z][a-z-]*/g)].map(([flag]) => flag);

describe("the README's patterns section", () => {
  it("names only flags that `patterns scan --help` or `patterns stats --help` lists", () => {
    const known = new Set([...helpFlags("scan"), ...helpFlags("stats")]);
    expect(flagsOf(cliSection()).length).toBeGreaterThan(5);
    expect(flagsOf(cliSection()).filter((flag) => !known.has(flag))).toEqual([]);
  });

  it("gives --date-format's tokens and their rules as `patterns scan --help` does", () => {
    // The help writes them from the CLI's one table of tokens; the row, written by hand, is held to it.
    const help = patterns(["scan", "--help"]).stdout.replace(/\n {2,}/g, " ");
    const rules = /--date-format F .*?\(tokens ([^)]*)\)/.exec(help)?.[1];
    expect(rules).toMatch(/^YYYY MM DD /);
    const row = cliSection()
      .split("\n")
      .find((line) => line.startsWith("| `--date-format F`"));
    expect(row?.replaceAll("`", "")).toContain(`(tokens ${rules})`);
  });

  it("links docs/cli.md, which names only flags that help lists", () => {
    const known = new Set([...helpFlags("scan"), ...helpFlags("stats")]);
    expect(cliSection()).toContain("(docs/cli.md)");
    expect(flagsOf(cliPage).length).toBeGreaterThan(10);
    expect(flagsOf(cliPage).filter((flag) => !known.has(flag))).toEqual([]);
  });

  it("gives each example flags of its own subcommand", () => {
    const known = { scan: helpFlags("scan"), stats: helpFlags("stats") };
    for (const { line } of examples()) {
      const command = line.split(/\s+/)[2];
      if (command !== "scan" && command !== "stats") continue;
      expect(
        flagsOf(line).filter((flag) => !known[command].has(flag)),
        line,
      ).toEqual([]);
    }
  });

  it(
    "has examples on the bundled series that run, and names the fields of `--json`'s lines",
    () => {
      const runnable = examples().filter(({ line }) =>
        /^npx patterns (scan|stats) data\/sp500-2000\.csv( |$)/.test(line),
      );
      expect(runnable.length).toBeGreaterThan(2);
      for (const { line } of runnable) {
        const run = patterns(line.split(/\s+/).slice(2));
        expect(run.stderr, line).toBe("");
        expect(run.status, line).toBe(0);
      }
      const json = examples().find(({ line }) => line === "npx patterns scan data/sp500-2000.csv --json");
      const named = /^JSON Lines: (.*)$/.exec(json?.comment ?? "")?.[1]?.split(", ");
      const first = patterns(["scan", "data/sp500-2000.csv", "--json"]).stdout.split("\n")[0] ?? "";
      expect(named).toEqual(Object.keys(JSON.parse(first)));
    },
    PROCESS_TIMEOUT,
  );

  it(
    "shows the output its examples on the bundled series print",
    () => {
      const runs = shownRuns();
      expect(runs.length).toBeGreaterThan(2);
      expectShown(runs);
    },
    PROCESS_TIMEOUT,
  );
});

/** Runs each command of `runs` and expects the output shown under it. */
function expectShown(runs: { line: string; shown: string[] }[]) {
  for (const { line, shown } of runs) {
    const run = patterns(line.split(/\s+/).slice(2));
    expect(run.status, line).toBe(0);
    const printed = (run.stdout + run.stderr).trimEnd().split("\n");
    expect(shownIn(printed, shown), `${line}\n${printed.join("\n")}`).toBe(true);
  }
}

describe("docs/cli.md", () => {
  it(
    "shows the CSV of --outcomes as it prints, with a breakout cell and one not yet known",
    () => {
      const runs = shownRuns(cliPage);
      const csv = runs.filter(({ line }) => /--format csv\b.*--outcomes\b/.test(line));
      expect(csv.length, runs.map(({ line }) => line).join("\n")).toBe(1);
      const cells = csv.flatMap(({ shown }) => shown.slice(1).flatMap((row) => row.split(",").slice(-2)));
      expect(cells).toContain("-");
      expect(cells.some((cell) => /^(up|down) \d{4}-\d\d-\d\d$/.test(cell))).toBe(true);
      expectShown(runs);
    },
    PROCESS_TIMEOUT,
  );
});
