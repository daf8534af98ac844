import {
  countSeries,
  evidenceOf,
  LiftDependence,
  liftInterval,
  parseBarsCsv,
  scanOutcomes,
} from "@stock-patterns/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { randomSeries } from "../../../../core/test/random-series";
import { readSpx, runPatterns } from "../../../test/run";
import { readSeries } from "../../bars";
import { parseStatsArgs } from "./args";

/** `files` by name, and spx.csv the bundled S&P 500 series. */
const run = (argv: string[], files: Record<string, string> = {}) =>
  runPatterns(argv, (file) => files[file] ?? (file === "spx.csv" ? readSpx() : undefined));

describe("patterns stats", () => {
  it("prints the evidence per code as a table, with what it covers and the baseline", async () => {
    const { status, stdout } = await run(["stats", "spx.csv"]);
    expect(status).toBe(0);
    expect(stdout).toMatch(
      /^code\s+name\s+claims\s+n\s+resolved\s+success \[95% interval\]\s+n10\s+mean r10 vs baseline\s+lift10 \[95% interval\]\s+KS p10$/m,
    );
    expect(stdout).toMatch(
      /^HS\s+head-and-shoulders\s+down\s+79\s+79\s+25\.3% \[17\.0%, 35\.9%\]\s+79\s+\+0\.51% vs \+0\.19%\s+-2\.2 pts \[-12\.3, \+8\.9\]\s+0\.970$/m,
    );
    expect(stdout).toMatch(
      /^RTOP\s+rectangle top\s+-\s+85\s+85\s+56\.5% \[45\.9%, 66\.5%\]\s+85\s+-0\.37% vs \+0\.19%\s+0\.099$/m,
    );
    expect(stdout).toContain("1 series, 5105 bars, at the end of the data.");
    expect(stdout).toContain("Baseline r10 (every bar): n 5095, mean +0.19%, up 58.6%.");
  });

  it("widens a lift's interval by how far the pooled returns overlap: one series given twice is half the information", async () => {
    // The same closes as two symbols: twice the returns, on the same days. Newcombe's interval counts 38
    // descending triangles' 10-bar returns as 38 draws; the table counts them over the design effect.
    const spx = await readSpx();
    const { stdout } = await run(["stats", "spx.csv", "copy.csv"], { "copy.csv": spx });
    const bars = parseBarsCsv(spx);
    const count = countSeries({ bars, detections: scanOutcomes(bars) });
    const dependence = new LiftDependence();
    dependence.add(count);
    dependence.add(count);
    const effect = dependence.designEffects().DTRI?.["10"] ?? Number.NaN;
    const dtri = evidenceOf([
      { bars, detections: scanOutcomes(bars) },
      { bars, detections: scanOutcomes(bars) },
    ]).find((e) => e.pattern === "DTRI")?.horizons["10"];
    if (!dtri) throw new Error("the S&P series has descending triangles");
    expect(dtri.returns.n).toBe(38);
    expect(effect).toBeGreaterThan(2);
    const cell = (bounds: [number, number] | null) =>
      (bounds ?? []).map((x) => `${x < 0 ? "-" : "+"}${Math.abs(100 * x).toFixed(1)}`).join(", ");
    const shown = cell(liftInterval(dtri, "down", effect).bounds);
    expect(shown).not.toBe(cell(liftInterval(dtri, "down").bounds));
    expect(stdout).toMatch(new RegExp(`^DTRI .* -15\\.1 pts \\[${shown.replace(/[+.]/g, "\\$&")}\\]`, "m"));
    expect(stdout).toContain("The interval allows for returns that overlap in time");
  });

  it("prints JSON Lines with --json: one object per code, the engine's evidence", async () => {
    const { stdout } = await run(["stats", "spx.csv", "--json"]);
    const lines = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const bars = parseBarsCsv(await readSpx());
    expect(lines).toEqual(evidenceOf([{ bars, detections: scanOutcomes(bars) }]));
    expect(lines.map((e) => e.pattern)).toHaveLength(12);
  });

  it("gives what the bar path gives for random files, long files by symbol or by date, any as-of", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(randomSeries, { minLength: 1, maxLength: 3 }),
        fc.constantFrom("files", "by symbol", "by date"),
        fc.nat(),
        async (walks, layout, at) => {
          const csv = (bars: { time: string; close: number }[]) =>
            bars.map((b) => `${b.time},${b.close.toFixed(4)}`);
          const files: Record<string, string> =
            layout === "files"
              ? Object.fromEntries(
                  walks.map(({ bars }, k) => [`s${k}.csv`, `Date,Close\n${csv(bars).join("\n")}\n`]),
                )
              : {
                  "long.csv": longFile(
                    walks.map(({ bars }) => csv(bars)),
                    layout === "by date",
                  ),
                };
          const times = walks.flatMap(({ bars }) => bars.map((b) => b.time));
          const asOf = times[at % times.length] ?? "2000-01-01";
          const printed = await run(["stats", ...Object.keys(files), "--json", "--as-of", asOf], files);
          expect(printed.status).toBe(0);
          const series = Object.keys(files).flatMap((file) =>
            readSeries(files[file] ?? "", { symbol: file }).map(({ bars }) => ({
              bars,
              detections: scanOutcomes(bars),
            })),
          );
          const lines = printed.stdout
            .trim()
            .split("\n")
            .map((line) => JSON.parse(line));
          expect(lines).toEqual(JSON.parse(JSON.stringify(evidenceOf(series, asOf))));
        },
      ),
      { numRuns: 40, seed: 20261203 },
    );
  });

  it("pools several files, each one series, and counts only what was known --as-of", async () => {
    const text = await readSpx();
    const [header, ...rows] = text.trim().split("\n");
    const files = {
      "a.csv": `${[header, ...rows.slice(0, 2500)].join("\n")}\n`,
      "b.csv": `${[header, ...rows.slice(2500)].join("\n")}\n`,
    };
    const pooled = (await run(["stats", "a.csv", "b.csv", "--json"], files)).stdout.trim().split("\n");
    const hs = JSON.parse(pooled[0] ?? "null");
    expect(hs.horizons["1"].baseline.n).toBe(2499 + 2604);
    const asOf = await run(["stats", "spx.csv", "--json", "--as-of", "2005-06-30"]);
    const early = JSON.parse(asOf.stdout.split("\n")[0] ?? "null");
    expect(early.detections).toBeGreaterThan(0);
    expect(early.detections).toBeLessThan(79);
    expect((await run(["stats", "spx.csv", "--as-of=2005-06-30"])).stdout).toContain(
      "5105 bars read, counted as of 2005-06-30 (the bars after it are not counted).",
    );
  });

  it("reads files written another way with --delimiter and --date-format, as scan does", async () => {
    const text = await readSpx();
    // Bars between fields (a separator not detected by itself) and day/month/year dates: the same series.
    const european = text.replaceAll(",", "|").replace(/^(\d{4})-(\d{2})-(\d{2})/gm, "$3/$2/$1");
    const files = { "eu.csv": european };
    const plain = await run(["stats", "spx.csv", "--json", "--as-of", "2005-06-30"]);
    const read = await run(
      ["stats", "eu.csv", "--json", "--as-of", "2005-06-30", "--delimiter", "|", "--date-format=DD/MM/YYYY"],
      files,
    );
    expect(read).toEqual({ status: 0, stdout: plain.stdout, stderr: "" });
    // Without --date-format the strict reader refuses the first such time, naming the file and its row.
    expect(await run(["stats", "eu.csv", "--delimiter", "|"], files)).toEqual({
      status: 2,
      stdout: "",
      stderr: expect.stringMatching(
        /^patterns: eu\.csv: row 2: time "03\/01\/2000" is not an ISO 8601 date[^\n]*\n$/,
      ),
    });
    const badDay = european.replace("04/01/2000", "32/01/2000");
    expect(
      await run(["stats", "eu.csv", "--delimiter=|", "--date-format", "DD/MM/YYYY"], { "eu.csv": badDay }),
    ).toEqual({
      status: 2,
      stdout: "",
      stderr: expect.stringMatching(/^patterns: eu\.csv: row 3: [^\n]*"32\/01\/2000"[^\n]*\n$/),
    });
  });

  it("answers bad usage and bad input with one line on stderr and status 2", async () => {
    expect(await run(["stats", "spx.csv", "--as-of", "yesterday"])).toEqual({
      status: 2,
      stdout: "",
      stderr:
        'patterns: --as-of needs an ISO 8601 date or datetime, or epoch seconds or milliseconds, got "yesterday"\n',
    });
    expect((await run(["stats", "spx.csv", "--as-of"])).stderr).toBe(
      "patterns: --as-of needs an ISO 8601 date or datetime, or epoch seconds or milliseconds, got nothing\n",
    );
    // An ISO datetime in year 10000 (UTC) is no time by the bars' rule, which --as-of holds to: it is told
    // what is wrong with it, as --since is (it was taken, and all evidence counted, before that rule).
    expect(await run(["stats", "spx.csv", "--as-of", "9999-12-31T23:59:59-12:00"])).toEqual({
      status: 2,
      stdout: "",
      stderr:
        'patterns: --as-of: time "9999-12-31T23:59:59-12:00" is not a time from the year 0000 to 9999 in UTC (it is +010000-01-01T11:59:59.000Z)\n',
    });
    // Eight digits are a date or 1970's epoch seconds: refused as --since refuses them, saying both (the
    // bar files' hint, --date-format YYYYMMDD, reads no option).
    expect(await run(["stats", "spx.csv", "--as-of", "20190101"])).toEqual({
      status: 2,
      stdout: "",
      stderr:
        'patterns: --as-of: time "20190101" is ambiguous: 8 digits read as epoch seconds are 1970-08-22T16:21:41Z, and as a date 2019-01-01; write the date 2019-01-01, or epoch seconds with more digits (020190101)\n',
    });
    expect(
      await run(["stats", "bad.csv"], { "bad.csv": "Date,Close\n2020-01-02,1\n2020-01-03,x\n" }),
    ).toEqual({
      status: 2,
      stdout: "",
      stderr: 'patterns: bad.csv: row 3: close "x" is not a number\n',
    });
    expect((await run(["stats", "missing.csv"])).stderr).toBe(
      "patterns: cannot read missing.csv: no such file\n",
    );
    expect((await run(["stats"])).status).toBe(2);
    expect(() => parseStatsArgs(["-", "a.csv"])).toThrow('"-" (standard input) must be the only FILE');
    expect(() => parseStatsArgs(["a.csv", "--fast"])).toThrow("unknown option --fast");
    expect(await run(["stats", "spx.csv", "--delimiter", ";;"])).toEqual({
      status: 2,
      stdout: "",
      stderr:
        'patterns: --delimiter needs one character, a single Unicode code point (or "tab"), got ";;", 2 code points\n',
    });
    expect((await run(["stats", "spx.csv", "--date-format", "YYYY"])).stderr).toMatch(
      /^patterns: [^\n]*needs YYYY, MM and DD[^\n]*\n$/,
    );
    // A token given twice: "DD/MM/YYYY YYYY" read the last YYYY, the first unseen.
    expect(await run(["stats", "spx.csv", "--date-format", "DD/MM/YYYY YYYY"])).toEqual({
      status: 2,
      stdout: "",
      stderr:
        'patterns: --date-format gives YYYY twice, got "DD/MM/YYYY YYYY" (each of YYYY, MM, DD, HH, mm and ss is read once)\n',
    });
    expect((await run(["stats", "spx.csv", "--delimiter"])).stderr).toBe(
      "patterns: --delimiter needs a value, got nothing\n",
    );
    expect(parseStatsArgs(["a.csv", "--delimiter=tab"]).delimiter).toBe("\t");
    for (const jobs of ["0", "1.5", "two", "-2"])
      expect((await run(["stats", "spx.csv", "--jobs", jobs])).stderr).toBe(
        `patterns: --jobs needs a whole number >= 1, got ${jobs}\n`,
      );
    expect(parseStatsArgs(["a.csv", "--jobs=3"]).jobs).toBe(3);
    // An option given twice is refused, as scan refuses it.
    for (const [twice, message] of [
      [
        ["--as-of", "2010-01-01", "--as-of=2012-01-01"],
        "--as-of is given twice (2010-01-01, then 2012-01-01)",
      ],
      [["--bandwidth", "1", "--bandwidth", "2"], "--bandwidth is given twice (1, then 2)"],
      [["--jobs", "2", "--jobs", "2"], "--jobs is given twice (2, then 2)"],
    ] as const)
      expect(await run(["stats", "spx.csv", ...twice])).toEqual({
        status: 2,
        stdout: "",
        stderr: `patterns: ${message}: give it once\n`,
      });
  });

  it("takes --bandwidth as scan does: a decimal, hexadecimal and blanks refused", async () => {
    for (const raw of ["0x10", " 2", "Infinity", "1e", "0", "-1"])
      expect((await run(["stats", "spx.csv", "--bandwidth", raw])).stderr, raw).toBe(
        `patterns: --bandwidth needs a number of bars greater than 0, got ${raw}\n`,
      );
    expect((await run(["stats", "spx.csv", "--bandwidth"])).stderr).toBe(
      "patterns: --bandwidth needs a value, got nothing\n",
    );
    expect(parseStatsArgs(["a.csv", "--bandwidth", "1e-3"]).bandwidth).toBe(0.001);
    expect(parseStatsArgs(["a.csv", "--bandwidth=2.5"]).bandwidth).toBe(2.5);
  });
});

describe("patterns stats given one symbol from two inputs", () => {
  const both = (first: string, second: string) =>
    `patterns: ${first} and ${second} both give the symbol AAA: its results would mix two series (rename one, or give them in separate runs)\n`;

  it("refuses it as scan does, naming both, before any output: its series would be pooled twice", async () => {
    const spx = await readSpx();
    const [header, ...rows] = spx.trimEnd().split("\n");
    const files = {
      "d2/AAA.csv": spx,
      "d3/AAA.csv": spx,
      "long.csv": `Symbol,${header}\n${["ZZZ", "AAA"].flatMap((symbol) => rows.map((row) => `${symbol},${row}`)).join("\n")}\n`,
    };
    expect(await run(["stats", "d2/AAA.csv", "d3/AAA.csv"], files)).toEqual({
      status: 2,
      stdout: "",
      stderr: both("d2/AAA.csv", "d3/AAA.csv"),
    });
    expect(await run(["stats", "d2/AAA.csv", "d2/AAA.csv", "--json"], files)).toEqual({
      status: 2,
      stdout: "",
      stderr: "patterns: d2/AAA.csv is given twice\n",
    });
    for (const argv of [
      ["d2/AAA.csv", "long.csv"],
      ["long.csv", "d2/AAA.csv"],
    ])
      expect(await run(["stats", ...argv, "--json"], files), argv.join(" ")).toEqual({
        status: 2,
        stdout: "",
        stderr: both(argv[0] ?? "", argv[1] ?? ""),
      });
    // A file's name is held to the symbol rule as scan holds it.
    expect((await run(["stats", "my file.csv"], { "my file.csv": spx })).stderr).toMatch(
      /^patterns: my file\.csv: symbol must be [^\n]*\(its name gives "my file"; rename the file\)\n$/,
    );
  });
});

describe("patterns stats given a Symbol column", () => {
  it("holds its values to the API's rule for symbols, as scan does, naming the row and the value", async () => {
    const [header, ...rows] = (await readSpx()).trimEnd().split("\n");
    const long = (symbol: string) =>
      `Symbol,${header}\n${["SPX", symbol].flatMap((name) => rows.map((row) => `${name},${row}`)).join("\n")}\n`;
    for (const symbol of ["é", "a b"])
      expect(await run(["stats", "long.csv"], { "long.csv": long(symbol) }), symbol).toEqual({
        status: 2,
        stdout: "",
        stderr: `patterns: long.csv: row ${rows.length + 2}: symbol must be 1-20 letters, digits or . ^ = _ -, starting with a letter, a digit or ^ (the Symbol cell gives ${JSON.stringify(symbol)})\n`,
      });
    expect((await run(["stats", "long.csv"], { "long.csv": long("^GSPC") })).status).toBe(0);
  });
});

/** One file of every series' rows (Date,Close cells), a Symbol column first: a series after another, or by date. */
function longFile(series: string[][], byDate: boolean): string {
  const rows = series.flatMap((lines, k) => lines.map((line, i) => ({ k, i, row: `S${k},${line}` })));
  if (byDate) rows.sort((a, b) => a.i - b.i || a.k - b.k);
  return `Symbol,Date,Close\n${rows.map((r) => r.row).join("\n")}\n`;
}
