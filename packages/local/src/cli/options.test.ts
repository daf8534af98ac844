// The flags of `npm start`: defaults, accepted forms, and clear refusals.

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { dateFormat } from "@stock-patterns/cli/bars";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_REPLAY_FILE } from "../system/paths";
import { DEFAULT_REPLAY_SYMBOL, loadReplay, loadSeries } from "./load-bars";
import { DEFAULT_SPEED, parseStartOptions, UsageError } from "./options";
import { pooledLine, progressLine, summaryLines } from "./progress";

const dir = mkdtempSync(join(tmpdir(), "local-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("parseStartOptions", () => {
  it("defaults to port 3000 and replaying the bundled S&P 500 daily bars", () => {
    expect(parseStartOptions([])).toEqual({
      port: 3000,
      dataDir: undefined,
      outDir: undefined,
      replayFile: DEFAULT_REPLAY_FILE,
      symbols: undefined,
      read: {},
      interval: "1d",
      speed: DEFAULT_SPEED,
      holdEvery: undefined,
      startTimeoutSeconds: 120,
      retentionDays: undefined,
      inspectPort: undefined,
    });
  });

  it("reads every flag", () => {
    const file = join(dir, "bars.csv");
    writeFileSync(file, "date,close\n2024-01-02,100\n");
    expect(
      parseStartOptions([
        "--port",
        "0",
        "--replay",
        file,
        "--symbol",
        "NDX",
        "--interval",
        "1h",
        "--speed",
        "max",
        "--data-dir",
        dir,
        "--out-dir",
        join(dir, "out"),
        "--hold-every",
        "0",
        "--start-timeout",
        "30",
        "--retention-days",
        "90",
        "--inspect",
        "9230",
        "--delimiter",
        ";",
        "--date-format",
        "DD/MM/YYYY",
      ]),
    ).toEqual({
      port: 0,
      dataDir: dir,
      outDir: join(dir, "out"),
      replayFile: file,
      symbols: ["NDX"],
      read: { delimiter: ";", dateFormat: expect.objectContaining({ pattern: "DD/MM/YYYY" }) },
      interval: "1h",
      speed: Number.POSITIVE_INFINITY,
      holdEvery: 0,
      startTimeoutSeconds: 30,
      retentionDays: 90,
      inspectPort: 9230,
    });
    expect(parseStartOptions(["--no-replay"])).toMatchObject({ replayFile: undefined, holdEvery: undefined });
    expect(parseStartOptions(["--hold-every", "250"])).toMatchObject({ holdEvery: 250 });
    expect(parseStartOptions(["--speed", "2.5"])).toMatchObject({ speed: 2.5 });
    expect(parseStartOptions(["--help"])).toBe("help");
  });

  it("takes a bare --inspect as Node does, on port 9229, last or before another flag", () => {
    expect(parseStartOptions(["--inspect"])).toMatchObject({ inspectPort: 9229 });
    expect(parseStartOptions(["--inspect", "--no-replay"])).toMatchObject({
      inspectPort: 9229,
      replayFile: undefined,
    });
    expect(parseStartOptions(["--inspect=9331"])).toMatchObject({ inspectPort: 9331 });
    expect(parseStartOptions(["--port", "9229", "--inspect", "9230"])).toMatchObject({
      port: 9229,
      inspectPort: 9230,
    });
  });

  it.each([
    [["--port", "70000"], "--port must be a whole number from 0 to 65535"],
    [["--port", "abc"], "--port must be a whole number"],
    [["--speed", "0"], "--speed must be a positive number"],
    [["--speed", "fast"], "--speed must be a positive number"],
    [["--replay", "/no/such/file.csv"], '--replay: no such file "/no/such/file.csv"'],
    [["--no-replay", "--speed", "5"], "--no-replay cannot be combined"],
    [["--no-replay", "--hold-every", "5"], "--no-replay cannot be combined"],
    [["--hold-every", "1.5"], "--hold-every must be a whole number from 0 to 1000000"],
    [["--hold-every", "off"], "--hold-every must be a whole number from 0 to 1000000"],
    [["--start-timeout", "0"], "--start-timeout must be a whole number from 1 to 86400"],
    [["--symbol", "S P X"], "--symbol: symbol must be 1-20 letters"],
    // Labels the stream would refuse, each bar set aside as malformed: refused here instead.
    [["--symbol", "ABCDEFGHIJKLMNOPQRSTU"], "--symbol: symbol must be 1-20 letters"],
    [["--symbol", "_SPX"], "--symbol: symbol must be 1-20 letters"],
    [["--symbol", "AAPL,"], /^--symbol: symbol must be 1-20 letters.* \(got "" in "AAPL,"\)$/],
    [["--symbol", "aapl,MSFT,AAPL"], '--symbol: AAPL is named twice (got "aapl,MSFT,AAPL")'],
    [["--interval", "daily"], "--interval: interval must look like 1m, 15m, 1h, 1d, 1wk or 1mo"],
    [["--verbose"], "Unknown option '--verbose'"],
    // A flag a letter or two off names the one meant, as the patterns CLI's options do.
    [["--prot", "3000"], "Unknown option '--prot' (did you mean --port?)"],
    [["--data-dri", "x"], "Unknown option '--data-dri' (did you mean --data-dir?)"],
    [["extra"], "Unexpected argument 'extra'"],
    [["--data-dir", DEFAULT_REPLAY_FILE], "exists and is not a directory"],
    [["--out-dir", DEFAULT_REPLAY_FILE], '--out-dir: "'],
    [["--out-dir", " "], "--out-dir needs a directory"],
    // Below core's least retention a settled detection could go while an alert's catch-up still reads it.
    [["--retention-days", "7"], "--retention-days: 7 days is below the least retention, 30 days: "],
    [["--retention-days", "90d"], '--retention-days: "90d" is not a whole number of days'],
    // A debugger is told a port: 0 (any free one) would leave it to be found.
    [["--inspect", "0"], "--inspect must be a whole number from 1 to 65535"],
    [["--inspect", "ws"], "--inspect must be a whole number from 1 to 65535"],
    [["--inspect", "3000"], "--inspect 3000: that is the API's port (--port); give the inspector another"],
    [["--port", "9229", "--inspect"], "--inspect 9229: that is the API's port"],
    // The CLI's rules for its reader's options, in its words.
    [
      ["--delimiter", "ab"],
      '--delimiter needs one character, a single Unicode code point (or "tab"), got "ab"',
    ],
    [["--date-format", "DD/MM"], '--date-format needs YYYY, MM and DD, got "DD/MM"'],
    [
      ["--no-replay", "--date-format", "DD/MM/YYYY", "--symbol", "AAPL"],
      "--no-replay cannot be combined with --symbol, --date-format: they say what to replay and how",
    ],
    [["--interval", "1h", "--no-replay"], "--no-replay cannot be combined with --interval"],
  ])("refuses %j", (argv, message) => {
    expect(() => parseStartOptions(argv)).toThrow(UsageError);
    expect(() => parseStartOptions(argv)).toThrow(message);
  });

  it("names the replay file a mistyped one was meant as, and takes a folder of them", () => {
    const bars = join(dir, "bars");
    mkdirSync(bars);
    writeFileSync(join(bars, "spx.csv"), "date,close\n2024-01-02,100\n");
    expect(() => parseStartOptions(["--replay", join(bars, "SPX.CSV")])).toThrow(
      `--replay: no such file "${join(bars, "SPX.CSV")}" (did you mean "${join(bars, "spx.csv")}"?)`,
    );
    // The first part not there is put right, the rest kept.
    expect(() => parseStartOptions(["--replay", join(dir, "bar", "spx.csv")])).toThrow(
      `(did you mean "${join(bars, "spx.csv")}"?)`,
    );
    // Nothing near: the plain words.
    expect(() => parseStartOptions(["--replay", join(bars, "qqq.csv")])).toThrow(
      new UsageError(`--replay: no such file "${join(bars, "qqq.csv")}"`),
    );
    expect(parseStartOptions(["--replay", bars])).toMatchObject({ replayFile: bars });
    expect(() => parseStartOptions(["--replay", "/dev/null"])).toThrow(
      new UsageError('--replay: "/dev/null" is not a file or a folder'),
    );
  });
});

describe("parseStartOptions in the folder npm start was typed in", () => {
  it("reads --replay, --data-dir and --out-dir from that folder, and names a mistyped file in the words typed", () => {
    const typedIn = join(dir, "typed-in");
    mkdirSync(typedIn);
    writeFileSync(join(typedIn, "spx.csv"), "date,close\n2024-01-02,100\n");
    const argv = ["--replay", "spx.csv", "--data-dir", "kept", "--out-dir", "../out"];
    expect(parseStartOptions(argv, typedIn)).toMatchObject({
      replayFile: join(typedIn, "spx.csv"),
      dataDir: join(typedIn, "kept"),
      outDir: join(dir, "out"),
    });
    // From another folder the same words name files that are not there.
    expect(() => parseStartOptions(argv, dir)).toThrow(new UsageError('--replay: no such file "spx.csv"'));
    expect(() => parseStartOptions(["--replay", "SPX.CSV"], typedIn)).toThrow(
      new UsageError('--replay: no such file "SPX.CSV" (did you mean "spx.csv"?)'),
    );
    expect(() => parseStartOptions(["--out-dir", "spx.csv"], typedIn)).toThrow(
      new UsageError('--out-dir: "spx.csv" exists and is not a directory'),
    );
    // The bundled replay is the repository's, wherever the command was typed.
    expect(parseStartOptions([], typedIn)).toMatchObject({ replayFile: DEFAULT_REPLAY_FILE });
  });
});

describe("loadReplay", () => {
  it("replays a file's bars under the symbol its rows name, --symbol, or SPX, and refuses a --symbol other than the file's", () => {
    const named = join(dir, "named.csv");
    writeFileSync(named, "Date,Symbol,Close\n2024-01-02,aapl,100\n2024-01-03,aapl,101\n");
    // Before, the default --symbol SPX stored AAPL's bars as SPX's.
    expect(loadReplay(named, undefined)).toMatchObject([{ symbol: "AAPL" }]);
    expect(loadReplay(named, ["AAPL"])[0]?.bars).toHaveLength(2);
    expect(() => loadReplay(named, ["MSFT"])).toThrow(
      new UsageError(
        `--symbol MSFT: --replay ${named} names its bars AAPL; leave --symbol out to replay them as AAPL`,
      ),
    );
    const json = join(dir, "named.json");
    writeFileSync(json, JSON.stringify([{ date: "2024-01-02", symbol: "QQQ", close: 1 }]));
    expect(loadReplay(json, undefined).map(({ symbol }) => symbol)).toEqual(["QQQ"]);
    const unnamed = join(dir, "unnamed.csv");
    writeFileSync(unnamed, "Date,Close\n2024-01-02,100\n");
    expect(loadReplay(unnamed, undefined).map(({ symbol }) => symbol)).toEqual([DEFAULT_REPLAY_SYMBOL]);
    expect(loadReplay(unnamed, ["NDX"]).map(({ symbol }) => symbol)).toEqual(["NDX"]);
    // A file that names no symbol is one series: replayed as one symbol, not two.
    expect(() => loadReplay(unnamed, ["NDX", "SPX"])).toThrow(
      new UsageError(
        `--symbol NDX,SPX: --replay ${unnamed} names no symbol, so its bars are one series: give --symbol one symbol to replay them as`,
      ),
    );
    // A symbol the stream would refuse: every bar would have been set aside as malformed.
    const refused = join(dir, "refused.csv");
    writeFileSync(refused, "Date,Symbol,Close\n2024-01-02,AAA,99\n2024-01-02,S P X,100\n");
    expect(() => loadReplay(refused, undefined)).toThrow(
      /--replay .*refused\.csv: row 3: symbol must be .*\(the Symbol cell gives "S P X"\)$/,
    );
    // One symbol written two ways: the stream would store both series as one, their bars out of order.
    writeFileSync(named, "Date,Symbol,Close\n2024-01-02,aapl,100\n2024-01-02,AAPL,101\n");
    expect(() => loadReplay(named, undefined)).toThrow(
      new UsageError(
        `--replay ${named}: the symbol AAPL is written both aapl and AAPL; the stream would take them as one series (write it one way)`,
      ),
    );
  });

  it("replays a file of many symbols as a series each, or the one --symbol names, and refuses one it does not name", () => {
    const universe = join(dir, "universe.csv");
    const symbols = ["AAPL", "MSFT", "NVDA", "AMZN", "META", "GOOG", "TSLA"];
    writeFileSync(
      universe,
      [
        "Date,Symbol,Close",
        ...["2024-01-02", "2024-01-03"].flatMap((date, day) =>
          symbols.map((symbol, i) => `${date},${symbol.toLowerCase()},${100 + i + day}`),
        ),
      ].join("\n"),
    );
    const series = loadReplay(universe, undefined);
    expect(series.map(({ symbol }) => symbol)).toEqual(symbols);
    expect(series[1]?.bars).toEqual([
      { time: "2024-01-02", close: 101 },
      { time: "2024-01-03", close: 102 },
    ]);
    expect(loadReplay(universe, ["NVDA"])).toEqual([series[2]]);
    // Some of them, in the file's order.
    expect(loadReplay(universe, ["TSLA", "MSFT"])).toEqual([series[1], series[6]]);
    expect(() => loadReplay(universe, ["IBM"])).toThrow(
      new UsageError(
        `--symbol IBM: --replay ${universe} names no bars IBM (its symbols: AAPL, MSFT, NVDA, AMZN, META and 2 more); leave --symbol out to replay them all, or name some of them`,
      ),
    );
    expect(() => loadReplay(universe, ["MSFT", "IBM"])).toThrow(
      new UsageError(
        `--symbol MSFT,IBM: --replay ${universe} names no bars IBM (its symbols: AAPL, MSFT, NVDA, AMZN, META and 2 more); leave --symbol out to replay them all, or name some of them`,
      ),
    );
    // A bar naming its symbol after one that names none: the file was being read as one series.
    const json = join(dir, "universe.json");
    writeFileSync(
      json,
      JSON.stringify([
        { date: "2024-01-02", close: 1 },
        { date: "2024-01-02", symbol: "BBB", close: 2 },
      ]),
    );
    expect(() => loadReplay(json, undefined)).toThrow(
      new UsageError(
        `--replay ${json}: row 2: symbol "BBB" where row 1 names none: a file's bars name their symbol in every bar or in none (a file whose bars name none is one series)`,
      ),
    );
    // A row naming none among rows that name theirs: whose bar it is cannot be told.
    writeFileSync(universe, "Date,Symbol,Close\n2024-01-02,AAPL,100\n2024-01-02,,101\n");
    expect(() => loadReplay(universe, undefined)).toThrow(
      new UsageError(`--replay ${universe}: row 3: symbol is missing`),
    );
  });
});

describe("loadReplay of a folder", () => {
  /** A folder of its own holding `files` (name: text). */
  function folder(name: string, files: Record<string, string>): string {
    const path = join(dir, name);
    mkdirSync(path);
    for (const [file, text] of Object.entries(files)) writeFileSync(join(path, file), text);
    return path;
  }
  const csv = (close: number) => `Date,Close\n2024-01-02,${close}\n2024-01-03,${close + 1}\n`;

  it("replays a file per symbol, its name the symbol, as patterns scan DIR reads a folder", () => {
    const universe = folder("per-file", {
      "msft.csv": csv(200),
      "AAPL.json": JSON.stringify([{ date: "2024-01-02", close: 100 }]),
      "BRK.B.txt": csv(300),
      // Passed over: hidden, not bars, a sub-folder's files.
      ".AAPL.csv": csv(1),
      "notes.md": "not bars",
    });
    mkdirSync(join(universe, "older"));
    writeFileSync(join(universe, "older", "IBM.csv"), csv(5));
    // A long file beside them gives its own symbols.
    writeFileSync(join(universe, "rest.csv"), "Date,Symbol,Close\n2024-01-02,NVDA,50\n2024-01-02,AMZN,60\n");
    const series = loadReplay(universe, undefined);
    expect(series.map(({ symbol, bars }) => `${symbol} ${bars.length}`)).toEqual([
      "AAPL 1",
      "BRK.B 2",
      "MSFT 2",
      "NVDA 1",
      "AMZN 1",
    ]);
    expect(loadReplay(universe, ["MSFT"])).toEqual([series[2]]);
    expect(() => loadReplay(universe, ["IBM"])).toThrow(
      `--symbol IBM: --replay ${universe} names no bars IBM (its symbols: AAPL, BRK.B, MSFT, NVDA, AMZN); leave --symbol out`,
    );
  });

  it("refuses a folder that holds no bar files or whose files give one symbol twice", () => {
    const empty = folder("empty", { "notes.md": "" });
    expect(() => loadReplay(empty, undefined)).toThrow(
      new UsageError(`--replay ${empty} holds no .csv, .json or .txt files`),
    );
    const twice = folder("twice", {
      "AAPL.csv": csv(1),
      "long.csv": "Date,Symbol,Close\n2024-01-02,aapl,1\n",
    });
    expect(() => loadReplay(twice, undefined, { setAside: () => {} })).toThrow(
      new UsageError(
        `--replay ${twice}: AAPL is given by ${join(twice, "AAPL.csv")} and by ${join(twice, "long.csv")}; one of them would be replayed over the other`,
      ),
    );
  });

  it("sets aside a file it cannot read, saying why, and replays the others, as patterns scan DIR does", () => {
    // Each had refused the whole folder; a broken link had crashed npm start with a stack.
    const mixed = folder("mixed", {
      "AAPL.csv": csv(1),
      "my file.csv": csv(2),
      "BAD.csv": "Date,Close\n2024-01-02,abc\n",
    });
    execFileSync("mkfifo", [join(mixed, "feed.csv")]);
    symlinkSync("sold/GONE.csv", join(mixed, "GONE.csv"));
    const setAside: string[] = [];
    // Each named by the folder as typed (said), though looked at by its resolved path.
    const series = loadReplay(mixed, undefined, { said: "mixed", setAside: (line) => setAside.push(line) });
    expect(series.map(({ symbol }) => symbol)).toEqual(["AAPL"]);
    const passed = "(set aside; the folder's other files are replayed)";
    expect(setAside).toEqual([
      `--replay: cannot read mixed/GONE.csv: it is a link to sold/GONE.csv, which does not exist ${passed}`,
      `--replay: mixed/feed.csv is not a regular file (a FIFO, a socket or a device), whose read may never end ${passed}`,
      `--replay mixed/BAD.csv: row 2: close "abc" is not a number ${passed}`,
      expect.stringMatching(
        /^--replay .*mixed\/my file\.csv: symbol must be .* \(its name gives "my file"; rename the file\) \(set aside; /,
      ),
    ]);
    // Without a place to say them, the first is refused.
    expect(() => loadReplay(mixed, undefined)).toThrow(/^--replay: cannot read .*GONE\.csv: it is a link/);
    // None left: refused, each said.
    rmSync(join(mixed, "AAPL.csv"));
    setAside.length = 0;
    expect(() => loadReplay(mixed, undefined, { setAside: (line) => setAside.push(line) })).toThrow(
      new UsageError(`--replay ${mixed}: none of its files can be replayed (each is said above)`),
    );
    expect(setAside).toHaveLength(4);
  });
});

describe("loadSeries", () => {
  it("reads the bundled data and names the bad row of a broken file", () => {
    expect(loadSeries(DEFAULT_REPLAY_FILE)[0]?.bars.length).toBeGreaterThan(5000);
    const broken = join(dir, "broken.csv");
    writeFileSync(broken, "date,close\n2024-01-02,100\n2024-01-03,abc\n");
    expect(() => loadSeries(broken)).toThrow(/--replay .*broken\.csv: row 3/);
  });

  it("reads a file as patterns scan does: semicolons or tabs, cells in quotes, a byte order mark and CRLF lines", () => {
    // Each was refused by the reader before (no Date column; 4 cells where the header has 3; the header's
    // "\ufeffDate" padded), though `patterns scan` read it.
    const bars = [
      { time: "2024-01-02", close: 100.5 },
      { time: "2024-01-03", close: 101 },
    ];
    const files = {
      "semicolons.csv": "Date;Close\n2024-01-02;100.5\n2024-01-03;101\n",
      "tabs.txt": "Date\tClose\n2024-01-02\t100.5\n2024-01-03\t101\n",
      "quoted.csv": 'Date,Name,Close\n2024-01-02,"Apple, Inc.",100.5\n2024-01-03,"Apple, Inc.",101\n',
      "excel.csv": "\ufeffDate,Close\r\n2024-01-02,100.5\r\n2024-01-03,101\r\n",
    };
    for (const [name, text] of Object.entries(files)) {
      const file = join(dir, name);
      writeFileSync(file, text);
      expect(loadSeries(file), name).toMatchObject([{ bars }]);
    }
  });

  it("reads times in a --date-format and cells at a --delimiter, the times sent in ISO 8601", () => {
    const europe = join(dir, "europe.csv");
    writeFileSync(europe, "Date|Symbol|Close\n31/01/2024|sap|100.5\n01/02/2024|sap|101\n");
    const read = { delimiter: "|", dateFormat: dateFormat("DD/MM/YYYY") };
    expect(loadReplay(europe, undefined, { read })).toEqual([
      {
        symbol: "SAP",
        bars: [
          { time: "2024-01-31", close: 100.5 },
          { time: "2024-02-01", close: 101 },
        ],
      },
    ]);
    // Without them, the file's words are refused as patterns scan refuses them.
    expect(() => loadReplay(europe, undefined, { read: { delimiter: "|" } })).toThrow(
      /--replay .*europe\.csv: row 2: time "31\/01\/2024" .*--date-format/,
    );
  });

  it("refuses bars out of order at the file's row, saying what the scan says of the file's layout", () => {
    const ticker = join(dir, "ticker.csv");
    writeFileSync(ticker, "Date,Ticker,Close\n2024-01-02,AAA,10\n2024-01-02,BBB,20\n");
    expect(() => loadSeries(ticker)).toThrow(
      new UsageError(
        `--replay ${ticker}: row 3: time "2024-01-02" is not after the previous bar's "2024-01-02": the "Ticker" column (column 2) is not read, so the file is read as one series: name it Symbol to read a series per symbol`,
      ),
    );
    const universe = join(dir, "by-symbol.csv");
    writeFileSync(universe, "Date,Symbol,Close\n2024-01-02,AAA,10\n2024-01-03,BBB,20\n2024-01-01,AAA,11\n");
    expect(() => loadSeries(universe)).toThrow(
      new UsageError(
        `--replay ${universe}: row 4: time "2024-01-01" is not after the previous bar's "2024-01-02"`,
      ),
    );
  });

  it("says why the system would not read a file, in the CLI's words", () => {
    // Thrown as the system's error before (an unexpected error, with its stack).
    const folderNamedCsv = join(dir, "folder.csv");
    mkdirSync(folderNamedCsv, { recursive: true });
    expect(() => loadSeries(folderNamedCsv)).toThrow(
      new UsageError(`--replay: cannot read ${folderNamedCsv}: it is a directory`),
    );
  });

  it("refuses a time whose instant is outside the years 0000 to 9999 in UTC, naming its row, as the stream would", () => {
    // Read as given before: the replay then streamed a year -1 bar, which was applied to the window.
    const early = join(dir, "early.csv");
    writeFileSync(early, "date,close\n0000-01-01T00:00:00+01:00,100\n2024-01-03,101\n");
    expect(() => loadSeries(early)).toThrow(
      /--replay .*early\.csv: row 2: time "0000-01-01T00:00:00\+01:00" is not a time from the year 0000 to 9999 in UTC/,
    );
    const late = join(dir, "late.json");
    writeFileSync(
      late,
      JSON.stringify([
        { time: "2024-01-02", close: 100 },
        { time: "9999-12-31T23:59:59-12:00", close: 101 },
      ]),
    );
    expect(() => loadSeries(late)).toThrow(
      /--replay .*late\.json: row 2: time "9999-12-31T23:59:59-12:00" is not a time/,
    );
  });

  it("refuses a time of eight digits, naming its row and both readings, as the stream would", () => {
    // Read as epoch seconds before: the replay streamed 20240102 as a bar of 1970-08-23.
    const compact = join(dir, "compact.csv");
    writeFileSync(compact, "date,close\n20240102,100\n20240103,101\n");
    expect(() => loadSeries(compact)).toThrow(
      /--replay .*compact\.csv: row 2: time "20240102" is ambiguous: 8 digits read as epoch seconds are 1970-08-23T06:15:02Z, and as a date 2024-01-02; write the date 2024-01-02/,
    );
    const numbers = join(dir, "numbers.json");
    writeFileSync(numbers, JSON.stringify([{ time: 20240102, close: 100 }]));
    expect(() => loadSeries(numbers)).toThrow(
      /--replay .*numbers\.json: row 1: time "20240102" is ambiguous/,
    );
  });

  it("reads JSON bars' keys in any case and refuses one with a character that shows nothing, as patterns scan does", () => {
    const bars = Array.from({ length: 3 }, (_, i) => ({ Date: `2024-01-0${i + 2}`, Close: 100 + i }));
    const cased = join(dir, "cased.json");
    writeFileSync(cased, JSON.stringify(bars));
    expect(loadSeries(cased)[0]?.bars.map((bar) => bar.close)).toEqual([100, 101, 102]);
    const unseen = join(dir, "unseen.json");
    writeFileSync(
      unseen,
      JSON.stringify(bars.map((bar, i) => (i === 1 ? { ...bar, "Close\u200b": 5 } : bar))),
    );
    expect(() => loadSeries(unseen)).toThrow(/--replay .*unseen\.json: row 2: the key "Close\\u200b"/);
  });
});

describe("progressLine and summaryLines", () => {
  const stats = {
    detections: 37,
    alerts: { HIGH: 5, CRITICAL: 1 },
    approvalsPending: 1,
    breakouts: 30,
    resolved: { target: 9, failed: 8, stalled: 6, expired: 2 },
    lifecycle: { breakout: 4, resolved: 7 },
  };

  it("shows bars in, detections, alerts by severity, approvals pending, breakouts, resolved and told", () => {
    expect(progressLine(1200, 5104, stats)).toBe(
      "bars in 1200/5104 | detections 37 | alerts CRITICAL 1, HIGH 5, MEDIUM 0 | approvals pending 1 | " +
        "breakouts 30 | resolved 25 | told 11",
    );
  });

  it("sums up resolutions by status and the lifecycle messages sent by event", () => {
    expect(summaryLines(stats)).toEqual([
      "  detections 37, broke out 30, resolved 25: target 9, failed 8, stalled 6, expired 2",
      "  alerts CRITICAL 1, HIGH 5, MEDIUM 0 | lifecycle messages sent 11: breakouts 4, resolutions 7",
    ]);
  });

  it("says when the evidence across symbols was pooled after the replay, or that the run failed", () => {
    const at = new Date("2026-12-06T14:22:40Z");
    expect(pooledLine("ran", at)).toBe(
      "  evidence across symbols (GET /stats without a symbol) pooled as of 2026-12-06T14:22:40.000Z, " +
        "every bar above counted; the schedule pools again every 5 minutes",
    );
    expect(pooledLine("failed", at)).toBe(
      "  evidence across symbols (GET /stats without a symbol) not pooled again: the ThresholdChecker's run " +
        "failed (said above); the schedule tries again",
    );
  });
});
