// The usage `patterns` prints: bare, with --help, after a command's name, and within a terminal's width.

import { describe, expect, it } from "vitest";
import { run } from "./command-runs";

describe("patterns without a command", () => {
  it("prints the usage on stderr and exits 2; --help prints it on stdout and exits 0", async () => {
    const bare = await run([]);
    expect(bare.status).toBe(2);
    expect(bare.stdout).toBe("");
    expect(bare.stderr).toMatch(/^patterns: no command given\nUsage: patterns scan FILE/);
    const help = await run(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: patterns scan FILE/);
    expect(help.stdout).toMatch(/\n\nUsage: patterns stats FILE/);
  });

  it("gives a command's own help after its name, whatever else is asked", async () => {
    for (const [command, other] of [
      ["scan", "stats"],
      ["stats", "scan"],
    ] as const) {
      for (const asked of [
        [command, "--help"],
        [command, "a.csv", "-h", "--json"],
      ]) {
        const help = await run(asked);
        expect(help).toMatchObject({ status: 0, stderr: "" });
        expect(help.stdout).toMatch(new RegExp(`^Usage: patterns ${command} FILE`));
        expect(help.stdout).not.toContain(`Usage: patterns ${other}`);
        // What the command refuses, and how to ask again, said in its help.
        expect(help.stdout).toContain('"-" reads standard input (then the only FILE)');
        expect(help.stdout).toMatch(/^ {2}-h, --help +show this help$/m);
      }
    }
  });

  it("keeps every line of every help within 100 characters, as a terminal of that width shows it", async () => {
    for (const asked of [["--help"], ["scan", "--help"], ["stats", "--help"]]) {
      const { stdout } = await run(asked);
      const wide = stdout.split("\n").filter((line) => line.length > 100);
      expect(wide, asked.join(" ")).toEqual([]);
    }
  });
});
