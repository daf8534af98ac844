// The usage `patterns` prints: bare, with --help, after a command's name, and within a terminal's width.

import { describe, expect, it } from "vitest";
import { run } from "./command-runs";
import { COMMANDS } from "./commands";
import { OVERVIEW } from "./run";

describe("patterns without a command", () => {
  it("prints the overview on stderr and exits 2; --help prints it on stdout and exits 0", async () => {
    const bare = await run([]);
    expect(bare.status).toBe(2);
    expect(bare.stdout).toBe("");
    expect(bare.stderr).toBe(`patterns: no command given\n${OVERVIEW}\n`);
    for (const asked of [["--help"], ["-h"], ["help"], ["help", "--help"], ["nope", "--help"]]) {
      expect(await run(asked), asked.join(" ")).toEqual({ status: 0, stdout: `${OVERVIEW}\n`, stderr: "" });
    }
  });

  it("lists every command with its one line, and says where each one's own help is, not the help itself", () => {
    expect(OVERVIEW).toMatch(/^Usage: patterns COMMAND FILE\.\.\. \| DIR \[options\]\n/);
    for (const command of COMMANDS) {
      expect(OVERVIEW).toContain(`\n  ${command.name.padEnd(6)}  ${command.summary}\n`);
      expect(OVERVIEW).not.toContain(`Usage: patterns ${command.name}`);
    }
    expect(OVERVIEW).toContain("patterns COMMAND --help");
    expect(OVERVIEW).toContain("patterns help COMMAND");
    // The options are the commands' own: the overview lists none of them.
    expect(OVERVIEW).not.toMatch(/--(?!help)[a-z]/);
  });

  it("gives a command's own help as patterns help COMMAND, and refuses another word as an unknown command", async () => {
    for (const command of COMMANDS) {
      expect(await run(["help", command.name])).toEqual({
        status: 0,
        stdout: `${command.usage}\n`,
        stderr: "",
      });
    }
    expect(await run(["help", "scna"])).toEqual({
      status: 2,
      stdout: "",
      stderr:
        'patterns: unknown command "scna" (did you mean scan? commands: scan, stats; patterns --help says more)\n',
    });
    expect(await run(["help", "scan", "stats"])).toMatchObject({
      status: 2,
      stderr: "patterns: help takes one command at most, got 2\n",
    });
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
    for (const asked of [["--help"], ["scan", "--help"], ["stats", "--help"], []]) {
      const { stdout, stderr } = await run(asked);
      const wide = `${stdout}${stderr}`.split("\n").filter((line) => line.length > 100);
      expect(wide, asked.join(" ")).toEqual([]);
    }
  });
});
