// The command line itself: options checked before any file is read, FILE arguments after -- and an empty
// FILE.

import { describe, expect, it } from "vitest";
import { csv, run } from "./command-runs";
import { parseScanArgs } from "./commands/scan/args";
import { parseStatsArgs } from "./commands/stats/args";

describe("patterns scan", () => {
  it("validates options", async () => {
    expect(() => parseScanArgs(["a.csv", "--bandwidth", "-1"])).toThrow(/greater than 0, got -1/);
    // A number written with an exponent is that number; hexadecimal and Infinity are not numbers here.
    expect(parseScanArgs(["a.csv", "--bandwidth", "1e-3"]).bandwidth).toBe(0.001);
    expect(parseScanArgs(["a.csv", "--bandwidth", "2.5E0"]).bandwidth).toBe(2.5);
    for (const raw of ["0x10", "Infinity", "1e", "e3"])
      expect(() => parseScanArgs(["a.csv", "--bandwidth", raw]), raw).toThrow(`got ${raw}`);
    expect(() => parseScanArgs(["a.csv", "--bandwidth"])).toThrow(/got nothing/);
    // A long value that is not a number is refused (100,000 digits and an x took 30 s once, a pattern's
    // backtracking growing as the square: at 300,000 it would take minutes, past the test timeout).
    expect(() => parseScanArgs(["a.csv", "--latest", `${"9".repeat(300_000)}x`])).toThrow(/--latest needs/);
    expect(() => parseScanArgs(["a.csv", "--fast"])).toThrow("unknown option --fast");
    expect(await run(["find", "a.csv"])).toEqual({
      status: 2,
      stdout: "",
      stderr: 'patterns: unknown command "find" (commands: scan, stats; patterns --help says more)\n',
    });
    // A near miss of a command or of an option its usage names is said (two letters swapped is one edit).
    expect((await run(["scna", "a.csv"])).stderr).toBe(
      'patterns: unknown command "scna" (did you mean scan? commands: scan, stats; patterns --help says more)\n',
    );
    expect((await run(["scan", "a.csv", "--min-confidance", "50"])).stderr).toBe(
      "patterns: unknown option --min-confidance (did you mean --min-confidence?)\n",
    );
    expect((await run(["stats", "a.csv", "--as-off", "2020-01-01"])).stderr).toBe(
      "patterns: unknown option --as-off (did you mean --as-of?)\n",
    );
    expect(() => parseScanArgs(["a.csv", "--delimiter", ";;"])).toThrow(
      '--delimiter needs one character, a single Unicode code point (or "tab"), got ";;", 2 code points',
    );
    // One character is one code point, outside the BMP too (📈 was refused as not "one character"); a
    // character a user sees as one but written with two (❤ and a variation selector) is named as two.
    expect(parseScanArgs(["a.csv", "--delimiter", "📈"]).delimiter).toBe("📈");
    // "tab" in any case, as --format takes its names.
    for (const tab of ["tab", "TAB", "Tab", "\\t"])
      expect(parseScanArgs(["a.csv", "--delimiter", tab]).delimiter).toBe("\t");
    expect(() => parseScanArgs(["a.csv", "--delimiter", "\u2764\ufe0f"])).toThrow(
      '--delimiter needs one character, a single Unicode code point (or "tab"), got "\u2764\\ufe0f", 2 code points',
    );
    expect(() => parseScanArgs(["a.csv", "--delimiter", "\u{e0041}"])).toThrow(/got "\\udb40\\udc41"/);
    expect(() => parseScanArgs(["a.csv", "--delimiter", "\u{1d167}"])).toThrow(
      /got U\+1D167 \(a combining mark/,
    );
    // A line break in a time is named on the error's one line too.
    expect((await run(["stats", "a.csv", "--as-of", "2010\n"])).stderr).toBe(
      'patterns: --as-of needs an ISO 8601 date or datetime, or epoch seconds or milliseconds, got "2010\\n"\n',
    );
    // A line break given as the separator is named on the error's one line.
    expect(await run(["scan", "a.csv", "--delimiter", "\n"])).toEqual({
      status: 2,
      stdout: "",
      stderr:
        'patterns: --delimiter needs a character that shows, or "tab", got "\\n" (a control or format character, another that shows nothing, a line separator, or a space other than U+0020, cannot be told apart between cells)\n',
    });
    expect(() => parseScanArgs(["a.csv", "--date-format", "YYYY"])).toThrow(/needs YYYY, MM and DD/);
    expect(parseScanArgs(["a.csv", "--delimiter=tab"]).delimiter).toBe("\t");
    expect(parseScanArgs(["a.csv", "--bandwidth=2.5"])).toEqual({
      paths: ["a.csv"],
      format: "table",
      bandwidth: 2.5,
      screen: {},
    });
    const help = await run(["scan", "--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: patterns scan FILE/);
  });
});

describe("patterns without a command", () => {
  it("takes every argument after -- as a FILE, as POSIX utilities do: a path may then start with -", async () => {
    expect(parseScanArgs(["--json", "--", "-d/HS.csv", "--latest"])).toMatchObject({
      paths: ["-d/HS.csv", "--latest"],
      format: "jsonl",
    });
    expect(parseStatsArgs(["--", "-d/HS.csv", "--json"])).toMatchObject({
      files: ["-d/HS.csv", "--json"],
      json: false,
    });
    // -h after -- is a file's name, not a request for help.
    const scanned = await run(["scan", "--json", "--", "-d/HS.csv", "-h"], csv);
    expect(scanned).toMatchObject({ status: 2, stderr: expect.stringMatching(/^patterns: -h: symbol/) });
    const alone = await run(["scan", "--json", "--", "-d/HS.csv"], csv);
    expect(alone).toMatchObject({ status: 0, stderr: "" });
    expect(alone.stdout).toMatch(/^\{"symbol":"HS","pattern":"HS"/);
    // Before -- it asks for help still, and an option after the last path is an option.
    expect((await run(["scan", "-h", "--", "a.csv"])).stdout).toMatch(/^Usage: patterns scan/);
    expect(parseScanArgs(["a.csv", "--json"]).format).toBe("jsonl");
  });

  it("says a flag written with a value takes none (--outcomes=yes was an unknown option)", async () => {
    expect(await run(["scan", "a.csv", "--outcomes=yes"])).toEqual({
      status: 2,
      stdout: "",
      stderr: "patterns: --outcomes=yes: --outcomes takes no value; give --outcomes alone\n",
    });
    expect((await run(["scan", "a.csv", "--json=true"])).stderr).toBe(
      "patterns: --json=true: --json takes no value; give --json alone\n",
    );
    expect((await run(["stats", "a.csv", "--json="])).stderr).toBe(
      "patterns: --json=: --json takes no value; give --json alone\n",
    );
  });

  it("names another command's option as that command's, with the options this one takes", async () => {
    const stats = "(stats takes --as-of, --json, --bandwidth, --delimiter, --date-format, --jobs)";
    expect(await run(["stats", "a.csv", "--format", "csv"])).toEqual({
      status: 2,
      stdout: "",
      stderr: `patterns: --format is an option of scan, not of stats ${stats}\n`,
    });
    expect((await run(["stats", "a.csv", "--since=2019"])).stderr).toBe(
      `patterns: --since is an option of scan, not of stats ${stats}\n`,
    );
    expect((await run(["scan", "a.csv", "--as-of", "2019"])).stderr).toMatch(
      /^patterns: --as-of is an option of stats, not of scan \(scan takes --format, --json, --outcomes, .*--since, /,
    );
    // A near miss of its own is still a near miss.
    expect((await run(["stats", "a.csv", "--as-off", "2019"])).stderr).toBe(
      "patterns: unknown option --as-off (did you mean --as-of?)\n",
    );
  });

  it("takes --format in any case, as --pattern takes its codes", () => {
    expect(parseScanArgs(["a.csv", "--format", "JSONL"]).format).toBe("jsonl");
    expect(parseScanArgs(["a.csv", "--format=Table"]).format).toBe("table");
    expect(parseScanArgs(["a.csv", "--format", "CSV", "--outcomes"]).format).toBe("csv");
    // Agreeing with --json, or not, whatever its case.
    expect(parseScanArgs(["a.csv", "--json", "--format", "JsonL"]).format).toBe("jsonl");
    expect(() => parseScanArgs(["a.csv", "--json", "--format", "CSV"])).toThrow(
      "--json and --format csv contradict",
    );
  });

  it('refuses an empty FILE as one, as a script\'s unset variable gives it ("$DIR")', async () => {
    // It was read as a file whose name gives no symbol: "patterns: : symbol must be ...", the file unseen.
    const said = 'patterns: a FILE is empty (""): give a file, a directory, or - for standard input\n';
    for (const argv of [
      ["scan", ""],
      ["scan", "hs.csv", "", "--json"],
      ["scan", "--", ""],
      ["stats", ""],
    ])
      expect(await run(argv), argv.join(" ")).toEqual({ status: 2, stdout: "", stderr: said });
  });
});
