import { describe, expect, it } from "vitest";
import { type Pivot, plantedBars } from "../../../../core/test/planted";
import { runPatterns } from "../../../test/run";
import { HS_PIVOTS, IHS_PIVOTS, plantedCsv } from "../../../test/series";
import { outputHeader } from "./output";
import { Progress, type ProgressOf } from "./progress";

const HS = HS_PIVOTS;
const csvOf = (pivots: readonly Pivot[]) => plantedCsv(pivots);

/** A file system of `files` and a directory "universe" holding them, as the scan sees it through io. */
async function scan(argv: string[], files: Record<string, string>) {
  const { status, stdout, stderr } = await runPatterns(
    ["scan", ...argv],
    (file) => files[file.replace(/^universe\//, "")],
    async (path) => (path === "universe" ? { files: Object.keys(files) } : undefined),
  );
  const lines = stdout.trim() === "" ? [] : stdout.trim().split("\n");
  return { status, stdout, stderr, lines };
}

const universe = { "MSFT.csv": csvOf(IHS_PIVOTS), "AAPL.csv": csvOf(HS), "README.md": "not bars" };

describe("patterns scan over many series", () => {
  it("scans a directory's bar files in name order, every JSON line carrying its symbol", async () => {
    const { status, lines } = await scan(["universe", "--format", "jsonl"], universe);
    expect(status).toBe(0);
    const found = lines.map((line) => JSON.parse(line));
    expect(found.map((d) => d.symbol)).toEqual([...found.map((d) => d.symbol)].sort());
    expect(found).toContainEqual(expect.objectContaining({ symbol: "AAPL", pattern: "HS" }));
    expect(found).toContainEqual(expect.objectContaining({ symbol: "MSFT", pattern: "IHS" }));
  });

  it("keeps the order of the arguments, and splits a long file by its Symbol column", async () => {
    const long = `Symbol,Date,Close\n${["ZZZ", "AAA"]
      .flatMap((symbol, k) => plantedBars(k ? IHS_PIVOTS : HS).map((b) => `${symbol},${b.time},${b.close}`))
      .join("\n")}\n`;
    const { lines } = await scan(["MSFT.csv", "long.csv", "--json"], { ...universe, "long.csv": long });
    const symbols = [...new Set(lines.map((line) => JSON.parse(line).symbol))];
    expect(symbols).toEqual(["MSFT", "ZZZ", "AAA"]);
  });

  it("screens by pattern, confidence, time and the last N bars", async () => {
    const all = (await scan(["universe", "--json"], universe)).lines.map((line) => JSON.parse(line));
    const hs = (await scan(["universe", "--json", "--pattern", "hs"], universe)).lines.map((l) =>
      JSON.parse(l),
    );
    expect(hs.length).toBeGreaterThan(0);
    expect(hs).toEqual(all.filter((d) => d.pattern === "HS"));
    const best = Math.max(...all.map((d) => d.confidence));
    const confident = (await scan(["universe", "--json", "--min-confidence", String(best)], universe)).lines;
    expect(confident.map((l) => JSON.parse(l))).toEqual(all.filter((d) => d.confidence >= best));
    const lastDay = all
      .map((d) => d.detectedAt)
      .sort()
      .at(-1);
    const since = (await scan(["universe", "--json", "--since", lastDay], universe)).lines;
    expect(since.map((l) => JSON.parse(l))).toEqual(all.filter((d) => d.detectedAt >= lastDay));
    // The shape completes at day 37; ten more bars follow, so only a look back of 11 bars or more sees it.
    const later = { "AAPL.csv": csvOf([...HS, [47, 95]]) };
    const hsIn = async (latest: string) =>
      (await scan(["AAPL.csv", "--json", "--pattern", "HS", "--latest", latest], later)).lines.length;
    expect(await hsIn("11")).toBe(1);
    expect(await hsIn("10")).toBe(0);
  });

  it("prints CSV with a header, and a table with a symbol column and the series count", async () => {
    const csv = await scan(["universe", "--format=csv", "--pattern", "HS,IHS"], universe);
    expect(csv.lines[0]).toBe("symbol,pattern,name,start,end,detectedAt,confidence");
    expect(csv.lines.slice(1)).toContainEqual(
      expect.stringMatching(/^AAPL,HS,head-and-shoulders,2020-01-07,/),
    );
    const table = await scan(["universe"], universe);
    expect(table.stdout).toMatch(/^symbol\s+code\s+name\s+start\s+end\s+detectedAt\s+confidence$/m);
    expect(table.stdout).toMatch(/^AAPL\s+HS\s+head-and-shoulders\s/m);
    expect(table.stdout).toMatch(/detections in 76 bars of 2 series: .*HS 1.*IHS 1/);
  });

  it("prints the CSV header with the first line, alone for a run that finds nothing, not for one refused", async () => {
    const quiet = "Date,Close\n2020-01-02,1\n2020-01-03,1\n";
    expect(await scan(["QUIET.csv", "--format", "csv"], { "QUIET.csv": quiet })).toMatchObject({
      status: 0,
      stdout: `${outputHeader("csv")}`,
    });
    // Two inputs that give one symbol, one in its Symbol column, known once it is read: the run is refused.
    const long = `Symbol,Date,Close\n${plantedBars(HS)
      .map((b) => `AAPL,${b.time},${b.close}`)
      .join("\n")}\n`;
    const twice = await scan(["AAPL.csv", "long.csv", "--format", "csv"], {
      "AAPL.csv": csvOf(HS),
      "long.csv": long,
    });
    expect(twice).toEqual({
      status: 2,
      stdout: "",
      stderr:
        "patterns: AAPL.csv and long.csv both give the symbol AAPL: its results would mix two series (rename one, or give them in separate runs)\n",
      lines: [],
    });
  });

  it("reports a bad file on its own line, still prints the good ones, and exits 2", async () => {
    const files = { "AAPL.csv": csvOf(HS), "BAD.csv": "Date,Close\n2020-01-02,1\n2020-02-30,2\n" };
    const { status, stderr, lines } = await scan(["AAPL.csv", "BAD.csv", "GONE.csv", "--json"], files);
    expect(status).toBe(2);
    expect(stderr).toBe(
      'patterns: BAD.csv: row 3: time "2020-02-30" is not a date on the calendar\n' +
        "patterns: cannot read GONE.csv: no such file\n",
    );
    expect(lines.length).toBeGreaterThan(0);
  });

  it("names the file's row when a series is out of order, in a long file too", async () => {
    const files = {
      "SPX.csv": "Date,Close\n2020-01-03,1\n2020-01-02,2\n",
      "long.csv": "Symbol,Date,Close\nB,2020-01-02,1\nA,2020-01-02,5\nB,2020-01-01,2\n",
    };
    const { status, stderr } = await scan(["SPX.csv", "long.csv"], files);
    expect(status).toBe(2);
    expect(stderr).toBe(
      'patterns: SPX.csv: row 3: time "2020-01-02" is not after the previous bar\'s "2020-01-03"\n' +
        'patterns: long.csv: row 4: time "2020-01-01" is not after the previous bar\'s "2020-01-02"\n',
    );
  });

  it("refuses a header whose Symbol or Close is padded by a space other than U+0020, naming the cell", async () => {
    // Read after trim() before: "\u00a0Symbol" then named the long file's column; unread, the file would
    // be one series of three symbols' rows.
    const files = {
      "long.csv": "\u00a0Symbol,Date,Close\nA,2020-01-01,1\nB,2020-01-01,2\n",
      "SPX.csv": "Date,Close\u2028\n2020-01-01,1\n",
    };
    for (const [file, cell] of [
      ["long.csv", '"\\u00a0Symbol"'],
      ["SPX.csv", '"Close\\u2028"'],
    ] as const) {
      const { status, stdout, stderr } = await scan([file], files);
      expect(status, file).toBe(2);
      expect(stdout, file).toBe("");
      expect(stderr, file).toMatch(
        new RegExp(
          `^patterns: ${file}: row 1: the header's ${cell.replaceAll("\\", "\\\\")} is padded by a character other than a space or tab`,
        ),
      );
    }
  });

  it("refuses bad screening options with one line and status 2", async () => {
    for (const [option, message] of [
      [["--pattern", "HS,XX"], '--pattern: unknown code "XX"'],
      [["--min-confidence", "101"], "--min-confidence needs a number from 0 to 100, got 101"],
      [["--latest", "0"], "--latest needs a whole number of bars >= 1, got 0"],
      [["--since", "yesterday"], '--since: time "yesterday" is not an ISO 8601 date'],
      [["--format", "xml"], "--format needs one of table, jsonl, csv, got xml"],
      [["--jobs"], "--jobs needs a value, got nothing"],
      // A value a letter or two off names the one meant, as a mistyped option does.
      [["--format", "jsnol"], "--format needs one of table, jsonl, csv, got jsnol (did you mean jsonl?)"],
      [
        ["--pattern", "HS,DTPO"],
        '--pattern: unknown code "DTPO" (codes: HS,BTOP,TTOP,RTOP,IHS,BBOT,TBOT,RBOT,ATRI,DTRI,DTOP,DBOT) (did you mean DTOP?)',
      ],
      // As near to several: each is named, none picked over the others.
      [
        ["--pattern", "TOP"],
        '--pattern: unknown code "TOP" (codes: HS,BTOP,TTOP,RTOP,IHS,BBOT,TBOT,RBOT,ATRI,DTRI,DTOP,DBOT) (did you mean BTOP, TTOP, RTOP or DTOP?)',
      ],
    ] as const) {
      const { status, stderr } = await scan(["universe", ...option], universe);
      expect(status).toBe(2);
      expect(stderr).toContain(`patterns: ${message}`);
    }
    expect((await scan(["-", "AAPL.csv"], universe)).stderr).toMatch(/must be the only FILE/);
    // An argument with a control character is shown escaped, as a file's name is: it forges no line.
    for (const [option, message] of [
      [
        ["--min-confidence", "1\npatterns: ok\u001b[2K"],
        '--min-confidence needs a number from 0 to 100, got "1\\npatterns: ok\\u001b[2K"',
      ],
      [["--format", "x\u001b[8m"], '--format needs one of table, jsonl, csv, got "x\\u001b[8m"'],
      [["--pattern", "HS,\u001b[8m"], '--pattern: unknown code "\\u001b[8M" (codes: HS,'],
      // Padded by a space other than U+0020: shown, not read as HS.
      [["--pattern", "HS\u00a0"], '--pattern: unknown code "HS\\u00a0" (codes: HS,'],
      [["--fast\u001b[8m"], 'unknown option "--fast\\u001b[8m"'],
      [["--jobs", "1", "--jobs", "\u001b[8m"], '--jobs is given twice (1, then "\\u001b[8m")'],
      [
        ["--date-format", "x\npatterns: ok\u001b[2K"],
        '--date-format needs YYYY, MM and DD, got "x\\npatterns: ok\\u001b[2K"',
      ],
      // C1's CSI and a bidirectional override, which JSON's escapes leave as they are.
      [
        ["--delimiter", "\u009b2J"],
        '--delimiter needs one character, a single Unicode code point (or "tab"), got "\\u009b2J", 3 code points',
      ],
      [
        ["--delimiter", "\u202e;"],
        '--delimiter needs one character, a single Unicode code point (or "tab"), got "\\u202e;", 2 code points',
      ],
    ] as const) {
      const { stderr } = await scan(["universe", ...option], universe);
      // One line: the message, then at most the rest of the reason, no control character.
      expect(stderr.startsWith(`patterns: ${message}`), stderr).toBe(true);
      expect(stderr.indexOf("\n")).toBe(stderr.length - 1);
      expect([...stderr].filter((char) => "\u001b\u009b\u202e".includes(char))).toEqual([]);
    }
    // A format or a separator with a character that shows nothing is not taken, named escaped: the format
    // was, and each file refused at row 2 as not matching it (a time holding the ESC would have matched).
    expect(await scan(["AAPL.csv", "--date-format", "YYYY-MM-DD\u001b[2K"], universe)).toMatchObject({
      status: 2,
      stderr:
        'patterns: --date-format needs characters that show, got "YYYY-MM-DD\\u001b[2K" (a control or format character, another that shows nothing, a line separator, or a space other than U+0020, cannot be seen in a time)\n',
    });
    expect((await scan(["AAPL.csv", "--delimiter", "\u009b"], universe)).stderr).toMatch(
      /^patterns: --delimiter needs a character that shows, or "tab", got "\\u009b" \(/,
    );
    expect((await runPatterns(["sc\nan"], () => undefined)).stderr).toMatch(
      /^patterns: unknown command "sc\\nan" \(/,
    );
  });

  it("refuses an option given twice, as a FILE given twice, rather than keep the last unseen", async () => {
    for (const [twice, message] of [
      [["--min-confidence", "50", "--min-confidence=80"], "--min-confidence is given twice (50, then 80)"],
      [["--pattern", "HS", "--pattern", "IHS"], "--pattern is given twice (HS, then IHS)"],
      [["--format", "csv", "--format", "csv"], "--format is given twice (csv, then csv)"],
      [["--jobs", "1", "--latest", "5", "--jobs", "2"], "--jobs is given twice (1, then 2)"],
    ] as const)
      expect(await scan(["universe", ...twice], universe), twice.join(" ")).toMatchObject({
        status: 2,
        stdout: "",
        stderr: `patterns: ${message}: give it once\n`,
      });
    // A flag without a value says the same thing again: taken.
    expect((await scan(["universe", "--json", "--json", "--outcomes", "--outcomes"], universe)).status).toBe(
      0,
    );
  });

  it("refuses --json beside a --format other than jsonl, in either order, rather than keep the last", async () => {
    for (const [both, message] of [
      [["--json", "--format", "csv"], "--json and --format csv"],
      [["--format=table", "--json"], "--format table and --json"],
      [["--format", "x\u001b[8m", "--json"], '--format needs one of table, jsonl, csv, got "x\\u001b[8m"'],
    ] as const) {
      const { status, stdout, stderr } = await scan(["universe", ...both], universe);
      expect({ status, stdout }, both.join(" ")).toEqual({ status: 2, stdout: "" });
      expect(stderr).toBe(
        message.startsWith("--format needs")
          ? `patterns: ${message}\n`
          : `patterns: ${message} contradict (--json is --format jsonl): give one\n`,
      );
    }
    // --json is --format jsonl: the two agree, and print what either prints alone.
    const alone = await scan(["universe", "--json"], universe);
    expect(alone.lines.length).toBeGreaterThan(1);
    for (const both of [
      ["--json", "--format", "jsonl"],
      ["--format=jsonl", "--json"],
    ])
      expect(await scan(["universe", ...both], universe), both.join(" ")).toEqual(alone);
  });

  it("does not send a --since that --date-format cannot read to --date-format", async () => {
    // --since is compared with the times as printed, ISO 8601 once --date-format has read them.
    const { status, stderr } = await scan(
      ["universe", "--date-format", "DD/MM/YYYY", "--since", "01/06/2020"],
      universe,
    );
    expect([status, stderr]).toEqual([
      2,
      'patterns: --since: time "01/06/2020" is not an ISO 8601 date or datetime, nor epoch seconds or milliseconds\n',
    ]);
  });
});

describe("one symbol from two inputs", () => {
  const long = `Symbol,Date,Close\n${["ZZZ", "AAA"]
    .flatMap((symbol, k) => plantedBars(k ? IHS_PIVOTS : HS).map((b) => `${symbol},${b.time},${b.close}`))
    .join("\n")}\n`;
  const files = { "d2/AAA.csv": csvOf(HS), "d3/AAA.csv": csvOf(IHS_PIVOTS), "long.csv": long };

  it("is refused before any output when two files' names give it, naming both", async () => {
    for (const format of ["jsonl", "table"]) {
      const { status, stdout, stderr } = await scan(["d2/AAA.csv", "d3/AAA.csv", "--format", format], files);
      expect([status, stdout, stderr]).toEqual([
        2,
        "",
        "patterns: d2/AAA.csv and d3/AAA.csv both give the symbol AAA: its results would mix two series (rename one, or give them in separate runs)\n",
      ]);
    }
    const twice = await scan(["d2/AAA.csv", "d2/AAA.csv", "--json"], files);
    expect([twice.status, twice.stdout, twice.stderr]).toEqual([
      2,
      "",
      "patterns: d2/AAA.csv is given twice\n",
    ]);
  });

  it("is refused, naming both, when a long file's Symbol column gives it too: none of that file's lines", async () => {
    for (const argv of [
      ["d2/AAA.csv", "long.csv"],
      ["long.csv", "d2/AAA.csv"],
    ]) {
      const { status, lines, stderr } = await scan([...argv, "--json"], files);
      expect(status, argv.join(" ")).toBe(2);
      expect(stderr).toBe(
        `patterns: ${argv[0]} and ${argv[1]} both give the symbol AAA: its results would mix two series (rename one, or give them in separate runs)\n`,
      );
      // The file before the clash is printed (the Symbol column is read only when scanned); none of long.csv.
      const symbols = new Set(lines.map((line) => JSON.parse(line).symbol));
      expect(symbols.has("ZZZ")).toBe(false);
      expect(symbols.size).toBeLessThanOrEqual(1);
    }
    // The table waits for every series: nothing at all.
    const table = await scan(["d2/AAA.csv", "long.csv"], files);
    expect([table.status, table.stdout]).toEqual([2, ""]);
  });
});

describe("a symbol from a file's name", () => {
  const rule = "symbol must be 1-20 letters, digits or . ^ = _ -, starting with a letter, a digit or ^";

  it("is held to the API's rule for symbols, the file and the rule named, before any output", async () => {
    // A name with a line break is shown escaped, as its symbol is: it would forge a line of its own.
    for (const [file, symbol, shown = file] of [
      ["AA\nPL.csv", '"AA\\nPL"', '"AA\\nPL.csv"'],
      ["my file.csv", '"my file"'],
      ["ACME_CORPORATION_DAILY.csv", '"ACME_CORPORATION_DAILY"'],
      [".x.csv", '".x"'],
    ] as const) {
      const { status, stdout, stderr } = await scan(["hs.csv", file, "--json"], {
        "hs.csv": csvOf(HS),
        [file]: csvOf(HS),
      });
      expect([status, stdout, stderr], file).toEqual([
        2,
        "",
        `patterns: ${shown}: ${rule} (its name gives ${symbol}; rename the file)\n`,
      ]);
    }
  });

  it("takes the symbols the rule takes (BRK.B, ^GSPC, sp500-2000, printed SP500-2000)", async () => {
    const { status, lines } = await scan(["BRK.B.csv", "^GSPC.csv", "sp500-2000.csv", "--json"], {
      "BRK.B.csv": csvOf(HS),
      "^GSPC.csv": csvOf(HS),
      "sp500-2000.csv": csvOf(HS),
    });
    expect(status).toBe(0);
    expect([...new Set(lines.map((line) => JSON.parse(line).symbol))]).toEqual([
      "BRK.B",
      "^GSPC",
      "SP500-2000",
    ]);
  });
});

describe("a symbol from a Symbol column", () => {
  const rule = "symbol must be 1-20 letters, digits or . ^ = _ -, starting with a letter, a digit or ^";
  /** A long file of AAPL's head-and-shoulders, then `symbol`'s bars from row `AAPL's rows + 2` on. */
  const long = (symbol: string) =>
    `Symbol,Date,Close\n${["AAPL", symbol]
      .flatMap((name) => plantedBars(HS).map((b) => `${name},${b.time},${b.close}`))
      .join("\n")}\n`;
  const second = plantedBars(HS).length + 2;

  it("is held to the API's rule for symbols, the file, its row and the value named, none of its lines printed", async () => {
    for (const [symbol, reason] of [
      ["é", `${rule} (the Symbol cell gives "é")`],
      ["a b", `${rule} (the Symbol cell gives "a b")`],
      [" ", "symbol is missing"],
    ] as const)
      for (const format of ["jsonl", "table"]) {
        const { status, stdout, stderr } = await scan(["long.csv", "--format", format], {
          "long.csv": long(symbol),
        });
        expect([status, stdout, stderr], `${symbol} ${format}`).toEqual([
          2,
          "",
          `patterns: long.csv: row ${second}: ${reason}\n`,
        ]);
      }
    const taken = await scan(["long.csv", "--json"], { "long.csv": long("BRK.B") });
    expect(taken.status).toBe(0);
    expect(new Set(taken.lines.map((line) => JSON.parse(line).symbol))).toEqual(new Set(["AAPL", "BRK.B"]));
  });
});

describe("a header without a time or Close column", () => {
  it("names the separator its cells were split at, given or detected, and the cells", async () => {
    const csv = csvOf(HS);
    const header = csv.slice(0, csv.indexOf("\n"));
    const given = await scan(["hs.csv", "--delimiter", ";"], { "hs.csv": csv });
    expect([given.status, given.stderr]).toEqual([
      2,
      `patterns: hs.csv: row 1: the header has no Date or Time column (its cells split at ";", as --delimiter asks: ${JSON.stringify(header)}); cut at ",", its cells name the columns (Date, Close): give --delimiter ','\n`,
    ]);
    const tab = await scan(["hs.csv", "--delimiter", "tab"], { "hs.csv": csv });
    expect(tab.stderr).toContain('(its cells split at tab, as --delimiter asks: "Date,');
    const detected = await scan(["semi.csv"], { "semi.csv": "Day;Close;Volume\n2020-01-02;1;5\n" });
    expect(detected.stderr).toBe(
      'patterns: semi.csv: row 1: the header has no Date or Time column (its cells split at ";", as detected among , ; and tab: "Day", "Close", "Volume")\n',
    );
    // Two columns, in a file of a few rows: the semicolon is detected there too.
    const two = await scan(["semi.csv"], { "semi.csv": "Day;Close\n2020-01-02;1\n" });
    expect(two.stderr).toBe(
      'patterns: semi.csv: row 1: the header has no Date or Time column (its cells split at ";", as detected among , ; and tab: "Day", "Close")\n',
    );
  });

  it("reads a file of two columns split at a semicolon, short or long, in scan and stats alike", async () => {
    const semi = csvOf(HS).replaceAll(",", ";");
    expect(semi.split("\n")[0]).toBe("Date;Close");
    const plain = await scan(["HS.csv", "--json"], { "HS.csv": csvOf(HS) });
    expect(plain.lines.length).toBeGreaterThan(0);
    expect(await scan(["HS.csv", "--json"], { "HS.csv": semi })).toEqual(plain);
    const few = await scan(["HS.csv", "--json"], { "HS.csv": "Date;Close\n2020-01-02;1\n2020-01-03;2\n" });
    expect([few.status, few.stderr]).toEqual([0, ""]);
    const stats = await runPatterns(["stats", "HS.csv", "--json"], () => semi);
    expect(stats).toEqual(await runPatterns(["stats", "HS.csv", "--json"], () => csvOf(HS)));
  });
});

/** What a Progress of `total` (counting as `of` says) shows for `done` once its clock is `at` ms on. */
function shownAt(total: number, of: ProgressOf, done: number, at: number): string {
  let clock = 0;
  let shown = "";
  const progress = new Progress((text) => (shown += text), total, { ...of, now: () => clock });
  clock = at;
  progress.update(done);
  return shown;
}

describe("progress", () => {
  it("shows on a terminal only once the run is long, then clears its line", () => {
    let clock = 0;
    let shown = "";
    const progress = new Progress((text) => (shown += text), 500, { now: () => clock });
    progress.update(10);
    expect(shown).toBe("");
    clock = 1500;
    progress.update(300);
    expect(shown).toBe("\rpatterns: scanned 300/500 files");
    progress.end();
    expect(shown.endsWith("\r\x1b[K")).toBe(true);
    // Cleared once: a second end (the scan's after its error line's) writes nothing.
    const cleared = shown;
    progress.end();
    expect(shown).toBe(cleared);
    // A long file shared by symbol counts its symbols; patterns stats counts.
    expect(shownAt(20, { unit: "symbols" }, 7, 1500)).toBe("\rpatterns: scanned 7/20 symbols");
    expect(shownAt(500, { verb: "counted" }, 42, 1200)).toBe("\rpatterns: counted 42/500 files");
  });
});
