import { execFileSync, spawnSync } from "node:child_process";
import {
  chmodSync,
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { plantedBars } from "../../core/test/planted";
import { barCsv, minuteBarCsv } from "../bench/files";
import { PATTERNS_BIN as bin } from "../test/bin";
import { runPatterns } from "../test/run";
import { HS_PIVOTS, plantedCsv } from "../test/series";
import { timeStyle } from "./bars/time";
import { parseScanArgs } from "./commands/scan/args";
import { parseStatsArgs } from "./commands/stats/args";

const csv = plantedCsv(HS_PIVOTS);
/** Tests that start `patterns` processes: seconds each when other sessions load the shared cores. */
const PROCESS_TIMEOUT = 60_000;

/** Runs `test` in a new temporary folder, removed after it whatever happens. */
async function inTempDir(test: (dir: string) => unknown): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "patterns-test-"));
  try {
    await test(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What `patterns scan ARGS`, run as a process, prints on standard output. */
const scanned = (...args: string[]) =>
  execFileSync(process.execPath, [bin, "scan", ...args], { encoding: "utf8", maxBuffer: 1 << 30 });

/** Every file holds `input`, except missing.csv. */
const run = (argv: string[], input = csv) =>
  runPatterns(argv, (file) => (file === "missing.csv" ? undefined : input));

describe("patterns scan", () => {
  it("prints a table with names, times as given, confidence and counts per code", async () => {
    const { status, stdout } = await run(["scan", "hs.csv"]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^code\s+name\s+start\s+end\s+detectedAt\s+confidence$/m);
    expect(stdout).toMatch(/^HS\s+head-and-shoulders\s+2020-01-07\s+2020-02-04\s+2020-02-07\s+\d+$/m);
    expect(stdout).toMatch(/^1 detection in 38 bars: HS 1$/m);
  });

  it("prints JSON Lines with --json, one detection per line", async () => {
    const { stdout } = await run(["scan", "-", "--json"]);
    const lines = stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.find((d) => d.pattern === "HS")).toMatchObject({
      start: "2020-01-07",
      end: "2020-02-04",
      detectedAt: "2020-02-07",
    });
    for (const d of lines) expect(Object.keys(d)).toEqual(expect.arrayContaining(["pattern", "confidence"]));
  });

  it("prints each line of a long file's symbols once, when the writes of its lines are not known done", async () => {
    // run's stdout answers undefined, as a queued write does: printed as each symbol is scanned, then not again.
    const [a, b] = [barCsv(3_000, 1), barCsv(3_000, 2)];
    const rows = (symbol: string, text: string) =>
      text
        .trim()
        .split("\n")
        .slice(1)
        .map((row) => `${symbol},${row}`);
    const header = `Symbol,${a.slice(0, a.indexOf("\n"))}`;
    const long = `${header}\n${[...rows("A", a), ...rows("B", b)].join("\n")}\n`;
    const each = [
      (await run(["scan", "-", "--json"], a)).stdout,
      (await run(["scan", "-", "--json"], b)).stdout,
    ];
    const { stdout } = await run(["scan", "long.csv", "--json"], long);
    const lines = stdout.trim().split("\n");
    expect(lines.length).toBeGreaterThan(500);
    expect(lines).toHaveLength(each.join("").trim().split("\n").length);
  });

  it("reads a JSON array of bars too", async () => {
    const { status, stdout } = await run(["scan", "-", "--json"], JSON.stringify(plantedBars(HS_PIVOTS)));
    expect(status).toBe(0);
    expect(stdout).toContain('"pattern":"HS"');
    // An object holding the array, or JSON Lines (as --json prints), is named for what it is, not as CSV.
    const bars = plantedBars(HS_PIVOTS);
    const shapes: [file: string, text: string][] = [
      ["object.json", JSON.stringify({ bars })],
      ["lines.json", bars.map((bar) => JSON.stringify(bar)).join("\n")],
    ];
    // The object's key holding them is named.
    const where = { "object.json": ': this object holds its bars under "bars": write that array alone' };
    for (const [file, text] of shapes)
      expect(await run(["scan", file], text), file).toEqual({
        status: 2,
        stdout: "",
        stderr: `patterns: ${file}: row 1: JSON bars must be one array of bar objects ([{"time": ..., "close": ...}, ...]), not an object or JSON Lines${where[file as keyof typeof where] ?? ""}\n`,
      });
  });

  it("answers bad input with one line on stderr and status 2", async () => {
    const bad = await run(["scan", "bad.csv"], "Date,Close\n2020-01-02,1\n2020-01-03,x\n");
    expect(bad).toEqual({
      status: 2,
      stdout: "",
      stderr: 'patterns: bad.csv: row 3: close "x" is not a number\n',
    });
    expect((await run(["scan", "missing.csv"])).stderr).toBe(
      "patterns: cannot read missing.csv: no such file\n",
    );
    expect((await run(["scan", "-"], "[1,")).stderr).toMatch(
      /^patterns: -: the input is not valid JSON: .+\n$/,
    );
    // JSON's own message quotes the text at the mistake: a control character or an override in it is
    // shown escaped, on the message's one line.
    for (const [text, escaped] of [
      ["[\u001b[2K", "\\u001b"],
      ["[1,\u202e]", "\\u202e"],
    ]) {
      const { stderr } = await run(["scan", "-"], text);
      expect(stderr).toMatch(/^patterns: -: the input is not valid JSON: "[^\n]+"\n$/);
      expect(stderr).toContain(escaped);
      expect([...stderr].filter((char) => "\u001b\u202e".includes(char))).toEqual([]);
    }
    expect((await run(["scan"])).status).toBe(2);
    expect(await run(["scan", "us.csv"], "Date,Close\n01/02/2020,1\n")).toMatchObject({
      status: 2,
      stderr: expect.stringMatching(/^patterns: us\.csv: row 2: time "01\/02\/2020" is not an ISO 8601 date/),
    });
    const read = await run(
      ["scan", "us.csv", "--date-format", "MM/DD/YYYY", "--json"],
      csv.replace(/(\d{4})-(\d{2})-(\d{2})/g, "$2/$3/$1"),
    );
    expect(read.stdout).toContain('"start":"2020-01-07"');
  });

  it(
    "refuses a file on disk whose times are eight digits, naming the row and --date-format YYYYMMDD (exit 2)",
    () =>
      inTempDir((dir) => {
        // 20200102 was read as epoch seconds by the column reader: the HS detection came out dated
        // 1970-08-22, and --since 2019-01-01 then dropped it without a word.
        // Closes cut to cents: plain decimals of at most 15 digits, which the column reader takes.
        const compact = csv.replace(/(\d{4})-(\d{2})-(\d{2})/g, "$1$2$3").replace(/(\.\d{2})\d+/g, "$1");
        const [first = "", second = ""] = compact
          .split("\n")
          .slice(1, 3)
          .map((row) => row.split(",")[0]);
        const rows = compact.split("\n").slice(1).filter(Boolean);
        const files: [name: string, text: string, said: string][] = [
          ["ymd.csv", compact, `row 2: ${timeStyle(first)}`],
          // The long-file readers (a Symbol column): A's rows, then B's.
          [
            "long.csv",
            `Symbol,Date,Close\n${rows.map((row) => `A,${row}`).join("\n")}\n${rows.map((row) => `B,${row}`).join("\n")}\n`,
            `row 2: ${timeStyle(first)}`,
          ],
          // Seven digits first, as the column reader took them, then eight.
          ["seven.csv", "Date,Close\n9999998,1\n9999999,2\n19700101,3\n", `row 4: ${timeStyle("19700101")}`],
        ];
        for (const [name, text, said] of files) {
          writeFileSync(join(dir, name), text);
          for (const command of ["scan", "stats"]) {
            const done = spawnSync(process.execPath, [bin, command, join(dir, name), "--json"], {
              encoding: "utf8",
            });
            expect([name, command, done.status, done.stdout], name).toEqual([name, command, 2, ""]);
            expect(done.stderr, `${name} ${command}`).toBe(`patterns: ${join(dir, name)}: ${said}\n`);
          }
        }
        expect(timeStyle(first)).toMatch(
          new RegExp(`^time "${first}" is ambiguous: .+ \\(--date-format YYYYMMDD reads it as a date\\)$`),
        );
        // --date-format YYYYMMDD reads them as dates, printed in ISO 8601.
        const read = spawnSync(
          process.execPath,
          [bin, "scan", join(dir, "ymd.csv"), "--json", "--date-format", "YYYYMMDD", "--since", "2020-01-01"],
          { encoding: "utf8" },
        );
        expect([read.status, read.stderr]).toEqual([0, ""]);
        expect(read.stdout).toContain('"start":"2020-01-07"');
        expect(second).toMatch(/^2020\d{4}$/);
      }),
    PROCESS_TIMEOUT,
  );

  it(
    "quotes a bad cell within the error's one line, escaped and cut, however the cell is written",
    async () => {
      const long = "9".repeat(2_000).concat("x");
      const bad: [file: string, text: string, said: string][] = [
        ["nl.csv", 'Date,Close\n2020-01-02,1\n2020-01-03,"1\n2"\n', 'row 3: close "1\\n2" is not a number'],
        ["cr.csv", 'Date,Close\n"2020-01-02\rx",1\n', 'row 2: time "2020-01-02\\rx" is not an ISO 8601'],
        [
          "long.csv",
          `Date,Close\n2020-01-02,${long}\n`,
          `row 2: close "${"9".repeat(40)}"... is not a number`,
        ],
        ["longtime.csv", `Date,Close\n${long},1\n`, `row 2: time "${"9".repeat(40)}"... is not an ISO 8601`],
        [
          "long.json",
          `[{"time":"2020-01-02","close":"${long}"}]`,
          `row 1: close "${"9".repeat(40)}"... is not`,
        ],
      ];
      for (const [file, text, said] of bad) {
        const { status, stdout, stderr } = await run(["scan", file], text);
        expect({ status, stdout }, file).toEqual({ status: 2, stdout: "" });
        expect(stderr, file).toContain(`patterns: ${file}: ${said}`);
        expect(stderr.split("\n"), file).toHaveLength(2);
        expect(stderr.length, file).toBeLessThan(200);
      }
      // The same from a file on disk, which the column reader declines to the reader that names the row.
      await inTempDir(async (dir) => {
        writeFileSync(join(dir, "HUGE.csv"), `Date,Close\n2020-01-02,1\n2020-01-03,"${long.repeat(500)}"\n`);
        const read = spawnSync(process.execPath, [bin, "scan", join(dir, "HUGE.csv")], { encoding: "utf8" });
        expect(read.status).toBe(2);
        expect(read.stderr).toBe(
          `patterns: ${join(dir, "HUGE.csv")}: row 3: close "${"9".repeat(40)}"... is not a number\n`,
        );
      });
    },
    PROCESS_TIMEOUT,
  );

  it(
    "refuses a header whose used name has a character that shows nothing around or inside it, naming the cell",
    async () => {
      // "Symbol\u200b" was no Symbol column: the long file was read as one series named by its file, and
      // refused at row 4 for a time not after row 3's (B's first bar after A's last). A Close or Date so
      // written was refused as missing, the header's cells quoted after.
      const long = "A,2020-01-01,1\nA,2020-01-02,2\nB,2020-01-01,3\n";
      const files: [name: string, text: string, cell: string][] = [
        ["after.csv", `Symbol\u200b,Date,Close\n${long}`, '"Symbol\\u200b"'],
        ["inside.csv", `Sym\u2060bol,Date,Close\n${long}`, '"Sym\\u2060bol"'],
        ["close.csv", "Date,Clo\u00adse\n2020-01-01,1\n", '"Clo\\u00adse"'],
        ["date.csv", "\ufeff\u034fDate,Close\n2020-01-01,1\n", '"\\u034fDate"'],
      ];
      await inTempDir((dir) => {
        for (const [name, text, cell] of files) {
          writeFileSync(join(dir, name), text);
          const read = spawnSync(process.execPath, [bin, "scan", join(dir, name)], { encoding: "utf8" });
          expect({ status: read.status, stdout: read.stdout }, name).toEqual({ status: 2, stdout: "" });
          expect(read.stderr, name).toMatch(
            new RegExp(
              `^patterns: ${join(dir, name)}: row 1: the header's ${cell.replaceAll("\\", "\\\\")} `,
            ),
          );
          expect(read.stderr.split("\n"), name).toHaveLength(2);
        }
      });
    },
    PROCESS_TIMEOUT,
  );

  it(
    "refuses a JSON bar's key read as a field's name with a character that shows nothing in it, naming the key",
    async () => {
      // "Close\u200b" beside a close was ignored (status 0, its value unread); alone, "row 1: close is
      // missing". Written raw or escaped in the file, it is the same key.
      const bars = (key: string) =>
        `[{"time":"2020-01-02","close":1},{"time":"2020-01-03","close":2,${key}:9}]`;
      const files: [name: string, text: string, key: string][] = [
        ["raw.json", bars('"Close\u200b"'), '"Close\\u200b"'],
        ["escaped.json", bars('"Close\\u200b"'), '"Close\\u200b"'],
        ["inside.json", bars('"Clo\\u00adse"'), '"Clo\\u00adse"'],
      ];
      await inTempDir((dir) => {
        for (const [name, text, key] of files) {
          writeFileSync(join(dir, name), text);
          const read = spawnSync(process.execPath, [bin, "scan", join(dir, name)], { encoding: "utf8" });
          expect({ status: read.status, stdout: read.stdout }, name).toEqual({ status: 2, stdout: "" });
          expect(read.stderr, name).toMatch(
            new RegExp(`^patterns: ${join(dir, name)}: row 2: the key ${key.replaceAll("\\", "\\\\")} `),
          );
          expect(read.stderr.split("\n"), name).toHaveLength(2);
        }
      });
    },
    PROCESS_TIMEOUT,
  );

  it(
    "reads a file whose cells are split at --delimiter 📈 (one code point outside the BMP) as one split at commas",
    () =>
      inTempDir((dir) => {
        const rows = barCsv(300, 5).trimEnd().split("\n");
        mkdirSync(join(dir, "comma"));
        mkdirSync(join(dir, "chart"));
        writeFileSync(join(dir, "comma", "SPX.csv"), `${rows.join("\n")}\n`);
        const charted = rows.map((row) => row.replaceAll(",", "📈"));
        writeFileSync(join(dir, "chart", "SPX.csv"), `${charted.join("\n")}\n`);
        // Quoted, read by Papa Parse rather than by lines.
        writeFileSync(join(dir, "chart", "QUOTED.csv"), `"Date"${charted.join("\n").slice(4)}\n`);
        const expected = scanned(join(dir, "comma"), "--json");
        expect(expected).toMatch(/"pattern"/);
        const read = spawnSync(
          process.execPath,
          [bin, "scan", join(dir, "chart"), "--json", "--delimiter", "📈"],
          {
            encoding: "utf8",
          },
        );
        expect({ status: read.status, stderr: read.stderr }).toEqual({ status: 0, stderr: "" });
        expect(read.stdout).toBe(expected.replaceAll('"SPX"', '"QUOTED"') + expected);
      }),
    PROCESS_TIMEOUT,
  );

  it("validates options", async () => {
    expect(() => parseScanArgs(["a.csv", "--bandwidth", "-1"])).toThrow(/greater than 0, got -1/);
    // A number written with an exponent is that number; hexadecimal and Infinity are not numbers here.
    expect(parseScanArgs(["a.csv", "--bandwidth", "1e-3"]).bandwidth).toBe(0.001);
    expect(parseScanArgs(["a.csv", "--bandwidth", "2.5E0"]).bandwidth).toBe(2.5);
    for (const raw of ["0x10", "Infinity", "1e", "e3"])
      expect(() => parseScanArgs(["a.csv", "--bandwidth", raw]), raw).toThrow(`got ${raw}`);
    expect(() => parseScanArgs(["a.csv", "--bandwidth"])).toThrow(/got nothing/);
    // A long value that is not a number is refused at once (100,000 digits and an x: 30 s before).
    const started = performance.now();
    expect(() => parseScanArgs(["a.csv", "--latest", `${"9".repeat(100_000)}x`])).toThrow(/--latest needs/);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(() => parseScanArgs(["a.csv", "--fast"])).toThrow("unknown option --fast");
    expect(await run(["find", "a.csv"])).toEqual({
      status: 2,
      stdout: "",
      stderr: 'patterns: unknown command "find" (commands: scan, stats; patterns --help says more)\n',
    });
    expect(() => parseScanArgs(["a.csv", "--delimiter", ";;"])).toThrow(
      '--delimiter needs one character, a single Unicode code point (or "tab"), got ";;", 2 code points',
    );
    // One character is one code point, outside the BMP too (📈 was refused as not "one character"); a
    // character a user sees as one but written with two (❤ and a variation selector) is named as two.
    expect(parseScanArgs(["a.csv", "--delimiter", "📈"]).delimiter).toBe("📈");
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
    const help = await run(["--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: patterns scan FILE/);
  });

  it(
    "passes over a DIR's sub-directories, even one named like a series file",
    () =>
      inTempDir((dir) => {
        writeFileSync(join(dir, "A.csv"), csv);
        mkdirSync(join(dir, "2020.csv"));
        symlinkSync(join(dir, "2020.csv"), join(dir, "linked.csv"));
        const done = spawnSync(process.execPath, [bin, "scan", dir, "--format", "csv"], { encoding: "utf8" });
        expect(done.stderr).toBe("");
        expect(done.status).toBe(0);
        const symbols = done.stdout
          .trim()
          .split("\n")
          .slice(1)
          .map((line) => line.split(",")[0]);
        expect(new Set(symbols)).toEqual(new Set(["A"]));
      }),
    PROCESS_TIMEOUT,
  );

  it(
    "passes over a DIR's hidden files, as the shell's DIR/*.csv does (macOS's ._A.csv beside A.csv)",
    () =>
      inTempDir((dir) => {
        writeFileSync(join(dir, "A.csv"), csv);
        // What macOS leaves on a shared drive beside each file: its attributes, not bars.
        writeFileSync(join(dir, "._A.csv"), Buffer.from([0, 5, 22, 7, 0, 2, 0, 0]));
        // An editor's or a sync tool's copy, which stats would otherwise pool a second time.
        writeFileSync(join(dir, ".A.csv.swp.csv"), csv);
        for (const command of ["scan", "stats"]) {
          const done = spawnSync(process.execPath, [bin, command, dir, "--json"], { encoding: "utf8" });
          expect(done.stderr, command).toBe("");
          expect(done.status, command).toBe(0);
        }
        const symbols = scanned(dir, "--json")
          .trim()
          .split("\n")
          .map((line) => JSON.parse(line).symbol);
        expect(new Set(symbols)).toEqual(new Set(["A"]));
      }),
    PROCESS_TIMEOUT,
  );

  it(
    "scans a JSON file keyed by a CSV header's names (Date, Close) as it scans that CSV",
    () =>
      inTempDir((dir) => {
        const [header = "", ...rows] = csv.trim().split("\n");
        const names = header.split(",");
        const bars = rows.map((row) =>
          Object.fromEntries(row.split(",").map((cell, i) => [names[i], i === 0 ? cell : Number(cell)])),
        );
        writeFileSync(join(dir, "HS.csv"), csv);
        writeFileSync(join(dir, "HS.json"), JSON.stringify(bars));
        expect(names).toEqual(["Date", "Close"]);
        const fromJson = spawnSync(process.execPath, [bin, "scan", join(dir, "HS.json"), "--json"], {
          encoding: "utf8",
        });
        expect(fromJson.stderr).toBe("");
        expect(fromJson.stdout).toContain('"pattern":"HS"');
        expect(fromJson.stdout).toBe(scanned(join(dir, "HS.csv"), "--json"));
      }),
    PROCESS_TIMEOUT,
  );

  it(
    "says a FILE that is a broken link points at a missing file, and names that file",
    () =>
      inTempDir((dir) => {
        writeFileSync(join(dir, "A.csv"), csv);
        symlinkSync("sold/SPX.csv", join(dir, "SPX.csv"));
        const alone = spawnSync(process.execPath, [bin, "scan", join(dir, "SPX.csv")], { encoding: "utf8" });
        expect(alone.stderr).toBe(
          `patterns: cannot read ${join(dir, "SPX.csv")}: it is a link to sold/SPX.csv, which does not exist\n`,
        );
        expect(alone.status).toBe(2);
        // In a DIR, the same words beside the series that were read.
        const inDir = spawnSync(process.execPath, [bin, "scan", dir, "--format", "csv"], {
          encoding: "utf8",
        });
        expect(inDir.stderr).toContain(": it is a link to sold/SPX.csv, which does not exist\n");
        expect(inDir.stdout).toMatch(/^A,/m);
      }),
    PROCESS_TIMEOUT,
  );

  it(
    "says in words that a file may not be read (exit 2)",
    () =>
      inTempDir((dir) => {
        writeFileSync(join(dir, "A.csv"), csv);
        writeFileSync(join(dir, "LOCKED.csv"), csv);
        chmodSync(join(dir, "LOCKED.csv"), 0o000);
        chmodSync(dir, 0o755);
        // Root reads any file: the command runs as nobody there, so that the mode refuses it.
        const asOther = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
        for (const command of ["scan", "stats"]) {
          const done = spawnSync(process.execPath, [bin, command, dir, "--json"], {
            encoding: "utf8",
            ...asOther,
          });
          expect(done.stderr, command).toBe(
            `patterns: cannot read ${join(dir, "LOCKED.csv")}: permission denied\n`,
          );
          expect(done.status, command).toBe(2);
          // scan prints the series it read; stats pools nothing short of every file.
          if (command === "scan") expect(done.stdout).toContain('"pattern":"HS"');
          else expect(done.stdout).toBe("");
        }
      }),
    PROCESS_TIMEOUT,
  );

  it(
    "spreads files over worker threads with the same output, in the same order, as one thread",
    () =>
      inTempDir((dir) => {
        for (const [name, offset] of [
          ["C", 0],
          ["A", 5],
          ["B", 9],
        ] as const) {
          const noise = (i: number) => ((i * 7919) % 13) / 100;
          writeFileSync(join(dir, `${name}.csv`), plantedCsv(HS_PIVOTS, { offset, noise }));
        }
        const scan = (jobs: string) => scanned(dir, "--format", "csv", "--jobs", jobs);
        // Enough files that the workers, which start while this thread scans, take some of them.
        for (let k = 0; k < 30; k++) writeFileSync(join(dir, `R${k}.csv`), barCsv(3_000, k));
        const threaded = scan("2");
        expect(threaded).toBe(scan("1"));
        expect(scan("3")).toBe(threaded);
        expect(
          threaded
            .split("\n")
            .slice(1, -1)
            .map((line) => line.split(",")[0]),
        ).toEqual(expect.arrayContaining(["A", "B", "C"]));
      }),
    PROCESS_TIMEOUT,
  );

  it(
    "scans one long file in parts with --jobs 2, printing what one thread prints",
    () =>
      inTempDir((dir) => {
        // Over PART_BYTES (4 MB): 80,000 Yahoo-style rows of the benchmark's random walk.
        const file = join(dir, "LONG.csv");
        writeFileSync(file, barCsv(80_000, 7));
        const scan = (jobs: string) => scanned(file, "--json", "--jobs", jobs);
        const inParts = scan("2");
        expect(inParts.split("\n").length).toBeGreaterThan(1000);
        expect(inParts).toBe(scan("1"));
      }),
    PROCESS_TIMEOUT,
  );

  it(
    "prints for a file of one-minute datetimes or epoch times what the general reader's reading prints, in parts too",
    () =>
      inTempDir((dir) => {
        // Over PART_BYTES (4 MB) and a piece: read into columns; with CRLF line ends, by readSeries.
        const iso = minuteBarCsv(80_000, 5);
        const epoch = (unit: number) =>
          iso.replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)/gm, (time) => String(Date.parse(time) / unit));
        for (const [text, time] of [
          [iso, '"detectedAt":"2000-01-'],
          [epoch(1000), '"detectedAt":"94'],
          [epoch(1), '"detectedAt":"94'],
        ] as const) {
          // One name (the symbol is the file's), in two folders.
          const columns = join(mkdtempSync(join(dir, "lf-")), "MINUTES.csv");
          const general = join(mkdtempSync(join(dir, "crlf-")), "MINUTES.csv");
          writeFileSync(columns, text);
          writeFileSync(general, text.replaceAll("\n", "\r\n"));
          const expected = scanned(general, "--json", "--outcomes");
          expect(expected.split("\n").length).toBeGreaterThan(1000);
          expect(expected).toContain(time);
          expect(scanned(columns, "--json", "--outcomes")).toBe(expected);
          expect(scanned(columns, "--json", "--jobs", "2")).toBe(scanned(general, "--json"));
          if (text === iso) {
            const latest = ["--format", "csv", "--latest", "5000"];
            expect(scanned(columns, ...latest)).toBe(scanned(general, ...latest));
          }
        }
      }),
    PROCESS_TIMEOUT,
  );

  it(
    "prints for a long file (a Symbol column) what the folder of its symbols' files prints, lines as they fill",
    () =>
      inTempDir((dir) => {
        const folder = mkdtempSync(join(dir, "symbols-"));
        const rows: string[][] = [];
        for (let k = 0; k < 20; k++) {
          const symbol = `S${String(k).padStart(2, "0")}`;
          // 4.4 MB in all: past the size a long file is cut by symbol from (symbol-rows.ts).
          const text = barCsv(3_500, k);
          writeFileSync(join(folder, `${symbol}.csv`), text);
          rows.push(
            text
              .trim()
              .split("\n")
              .slice(1)
              .map((line) => `${symbol},${line}`),
          );
        }
        // One symbol's rows after another's, and the rows by date, then symbol.
        const head = "Symbol,Date,Open,High,Low,Close,Adj Close,Volume\n";
        const long = join(dir, "LONG.csv");
        const byDate = join(dir, "BY-DATE.csv");
        writeFileSync(long, `${head}${rows.flat().join("\n")}\n`);
        const dealt = rows[0]?.flatMap((_, i) => rows.map((symbol) => symbol[i]));
        writeFileSync(byDate, `${head}${dealt?.join("\n")}\n`);
        for (const options of [["--json"], ["--format", "csv", "--outcomes"], ["--min-confidence", "70"]]) {
          const expected = scanned(folder, ...options, "--jobs", "1");
          expect(expected.split("\n").length, options.join(" ")).toBeGreaterThan(20);
          expect(scanned(long, ...options), options.join(" ")).toBe(expected);
          expect(scanned(byDate, ...options), options.join(" ")).toBe(expected);
        }
      }),
    PROCESS_TIMEOUT,
  );

  it(
    "reads a file a piece at a time as a process, and one it does not take whole, naming the bad row",
    () =>
      inTempDir(async (dir) => {
        // Over a MiB, the reader's piece: 30,000 rows, the bad close far past the first piece.
        const rows = barCsv(30_000, 3).split("\n");
        rows[25_000] = `${rows[25_000]?.slice(0, 10)},1,1,1,0,1,100`;
        const good = join(dir, "GOOD.csv");
        const bad = join(dir, "BAD.csv");
        writeFileSync(good, barCsv(30_000, 3));
        writeFileSync(bad, rows.join("\n"));
        const process = (file: string) =>
          spawnSync(globalThis.process.execPath, [bin, "scan", file, "--json"], {
            encoding: "utf8",
            maxBuffer: 1 << 28,
          });
        const read = process(good);
        expect(read.stdout.split("\n").length).toBeGreaterThan(1000);
        expect(read.stdout).toBe((await run(["scan", "GOOD.csv", "--json"], barCsv(30_000, 3))).stdout);
        const refused = process(bad);
        expect(refused.status).toBe(2);
        expect(refused.stderr).toBe(`patterns: ${bad}: row 25001: close 0 is not positive\n`);
        const missing = process(join(dir, "MISSING.csv"));
        expect([missing.status, missing.stderr]).toEqual([
          2,
          `patterns: cannot read ${join(dir, "MISSING.csv")}: no such file\n`,
        ]);
      }),
    PROCESS_TIMEOUT,
  );

  it(
    "writes the same bytes to a file as standard output as to a pipe, after what the file held (>>)",
    () =>
      inTempDir((dir) => {
        // Over a MiB of lines: written in several chunks.
        const file = join(dir, "GOOD.csv");
        writeFileSync(file, barCsv(30_000, 3));
        const piped = spawnSync(process.execPath, [bin, "scan", file, "--json"], { maxBuffer: 1 << 28 });
        expect(piped.stdout.length).toBeGreaterThan(1 << 20);
        const out = join(dir, "out.jsonl");
        // `>` (the file emptied) and `>>` (written after what it holds).
        for (const [flags, held] of [
          ["w", ""],
          ["a", "held\n"],
        ] as const) {
          writeFileSync(out, "held\n");
          const fd = openSync(out, flags);
          try {
            const toFile = spawnSync(process.execPath, [bin, "scan", file, "--json"], {
              stdio: ["ignore", fd, "pipe"],
            });
            expect([toFile.status, toFile.stderr.toString()]).toEqual([0, ""]);
          } finally {
            closeSync(fd);
          }
          expect(readFileSync(out).equals(Buffer.concat([Buffer.from(held), piped.stdout]))).toBe(true);
        }
      }),
    PROCESS_TIMEOUT,
  );

  it(
    "runs as a process: standard input in, exit status out",
    () => {
      const out = execFileSync(process.execPath, [bin, "scan", "-", "--json"], {
        input: csv,
        encoding: "utf8",
      });
      expect(out).toContain('"pattern":"HS"');
      const failed = spawnSync(process.execPath, [bin, "scan", "-"], {
        input: "Date,Close\n",
        encoding: "utf8",
      });
      expect(failed.status).toBe(2);
      // Named as it was given, as a file is.
      expect(failed.stderr).toBe("patterns: -: no bars: the series is empty\n");
      for (const command of ["scan", "stats"]) {
        const bad = spawnSync(process.execPath, [bin, command, "-"], {
          input: "Date,Close\n2020-01-01,1\n2020-01-02,x\n",
          encoding: "utf8",
        });
        expect([bad.status, bad.stderr]).toEqual([2, 'patterns: -: row 3: close "x" is not a number\n']);
      }
    },
    PROCESS_TIMEOUT,
  );
});

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

  it(
    "refuses a UTF-16 file (Excel's Unicode Text) in words, read whole or from standard input",
    async () => {
      // Its NUL bytes were read as UTF-8: "the header's "\u0000C\u0000l..." has a character that is not a
      // letter inside a column's name", no word of its encoding.
      await inTempDir((dir) => {
        for (const [name, bytes, mark] of [
          ["LE.csv", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, "utf16le")]), "FF FE"],
          [
            "BE.csv",
            Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(csv, "utf16le").swap16()]),
            "FE FF",
          ],
        ] as const) {
          const file = join(dir, name);
          writeFileSync(file, bytes);
          const said = `row 1: the input is UTF-16 (it starts with the byte order mark ${mark}): save it as UTF-8\n`;
          for (const [args, input, shown] of [
            [["scan", file], undefined, file],
            [["stats", file], undefined, file],
            [["scan", "-"], bytes, "-"],
          ] as const) {
            const run_ = spawnSync(process.execPath, [bin, ...args], { input, encoding: "utf8" });
            expect([run_.status, run_.stdout, run_.stderr], `${name} ${args.join(" ")}`).toEqual([
              2,
              "",
              `patterns: ${shown}: ${said}`,
            ]);
          }
        }
      });
    },
    PROCESS_TIMEOUT,
  );

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

  it("keeps every line of every help within 100 characters, as a terminal of that width shows it", async () => {
    for (const asked of [["--help"], ["scan", "--help"], ["stats", "--help"]]) {
      const { stdout } = await run(asked);
      const wide = stdout.split("\n").filter((line) => line.length > 100);
      expect(wide, asked.join(" ")).toEqual([]);
    }
  });

  it(
    "refuses a header that names one bar field twice, naming both columns, however the file is read",
    async () => {
      // A second Close column was passed over: its "x" cells never read, whichever column was meant.
      const [header, ...rows] = csv.trimEnd().split("\n");
      const twice = `${header},close\n${rows.map((row) => `${row},x`).join("\n")}\n`;
      const said = (file: string) =>
        `patterns: ${file}: row 1: the header names close twice ("Close", column 2, and "close", column 3): one would be read and the other not (its cells split at ",", as detected among , ; and tab: "Date", "Close", "close")\n`;
      expect(await run(["scan", "hs.csv", "--json"], twice)).toEqual({
        status: 2,
        stdout: "",
        stderr: said("hs.csv"),
      });
      // The compiled process, whose column reader takes a real file.
      await inTempDir((dir) => {
        const file = join(dir, "HS.csv");
        writeFileSync(file, twice);
        const process_ = spawnSync(process.execPath, [bin, "scan", file, "--json"], { encoding: "utf8" });
        expect([process_.status, process_.stdout, process_.stderr]).toEqual([2, "", said(file)]);
      });
    },
    PROCESS_TIMEOUT,
  );

  it(
    "refuses a header with two Symbol columns with the cells it split, as its other refusals",
    async () => {
      const twice = "Symbol,Date,Close,symbol\nA,2020-01-02,10,B\nA,2020-01-03,11,B\n";
      const said = (file: string) =>
        `patterns: ${file}: row 1: the header names symbol twice ("Symbol", column 1, and "symbol", column 4): one would be read and the other not (its cells split at ",", as detected among , ; and tab: "Symbol", "Date", "Close", "symbol")\n`;
      for (const command of ["scan", "stats"])
        expect(await run([command, "ab.csv", "--json"], twice), command).toEqual({
          status: 2,
          stdout: "",
          stderr: said("ab.csv"),
        });
      await inTempDir((dir) => {
        const file = join(dir, "AB.csv");
        writeFileSync(file, twice);
        const process_ = spawnSync(process.execPath, [bin, "scan", file, "--json"], { encoding: "utf8" });
        expect([process_.status, process_.stdout, process_.stderr]).toEqual([2, "", said(file)]);
      });
    },
    PROCESS_TIMEOUT,
  );

  it(
    "names a refused number as its cell is written, not as the number it reads as",
    async () => {
      const good = "2020-01-02,10,10,10,10,100";
      const cases: [string, string][] = [
        ["-0,10,10,10,100", "close -0 is not positive"],
        ["10,-0,10,10,100", "open -0 is not positive"],
        ["10,10,-0.00,10,100", "high -0.00 is not positive"],
        ["10,10,10, -0 ,100", "low -0 is not positive"],
        ["10,10,10,10,-1.50", "volume -1.50 is negative"],
        ["1e400,10,10,10,100", "close 1e400 is not a finite number"],
        ["10,10,10,10,2e30", "volume 2e30 is outside the range a volume may take (0, or 1e-30 to 1e+30)"],
      ];
      await inTempDir(async (dir) => {
        for (const [cells, refusal] of cases) {
          const text = `Date,Close,Open,High,Low,Volume\n${good}\n2020-01-03,${cells}\n`;
          const said = (file: string) => `patterns: ${file}: row 3: ${refusal}\n`;
          expect(await run(["scan", "bad.csv"], text), cells).toEqual({
            status: 2,
            stdout: "",
            stderr: said("bad.csv"),
          });
          // The compiled process, whose column reader takes a real file (and leaves a refused cell to the general one).
          const file = join(dir, "BAD.csv");
          writeFileSync(file, text);
          const process_ = spawnSync(process.execPath, [bin, "scan", file, "--json"], { encoding: "utf8" });
          expect([process_.status, process_.stdout, process_.stderr], cells).toEqual([2, "", said(file)]);
        }
        // A JSON file's -0, whose text JSON.parse does not keep: named by its sign.
        const file = join(dir, "BAD.json");
        writeFileSync(file, '[{"time":"2020-01-02","close":10},{"time":"2020-01-03","close":-0}]');
        const process_ = spawnSync(process.execPath, [bin, "scan", file, "--json"], { encoding: "utf8" });
        expect([process_.status, process_.stderr]).toEqual([
          2,
          `patterns: ${file}: row 2: close -0 is not positive\n`,
        ]);
      });
    },
    PROCESS_TIMEOUT,
  );

  it("refuses a close that is not positive, as the API and the stream do", async () => {
    const bad = await run(["scan", "bad.csv"], "Date,Close\n2020-01-02,1\n2020-01-03,-2\n");
    expect(bad).toEqual({
      status: 2,
      stdout: "",
      stderr: "patterns: bad.csv: row 3: close -2 is not positive\n",
    });
  });
});
