// `npm start` as a person runs it: what it prints and writes while replaying, and Ctrl-C as a terminal
// delivers it (to the whole process group, then again relayed by npm and tsx).

import assert from "node:assert";
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ScanCommand } from "@aws-sdk/client-dynamodb";
import type { Stats } from "@stock-patterns/core/contracts";
import { dynamoDbClient } from "@stock-patterns/emulators";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_REPLAY_FILE, REPO_ROOT, startNodeArgs } from "./system/paths";
import { RUNTIME_BUNDLE_FILE } from "./system/runtime-bundle";

/** The `patterns` command as installed (compiled at npm install). */
const PATTERNS = join(REPO_ROOT, "packages/cli/bin/patterns.cjs");
const dir = mkdtempSync(join(tmpdir(), "local-cli-run-"));
let child: ChildProcess | undefined;

afterAll(() => {
  // A failed run must not leave the system behind: end its whole process group.
  if (child?.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {}
  }
  rmSync(dir, { recursive: true, force: true });
});

/** The year 2000 of the bundled S&P 500 bars: 252 bars holding a double top that scores CRITICAL. */
function year2000(): string {
  const file = join(dir, "spx-2000.csv");
  const [header, ...rows] = readFileSync(DEFAULT_REPLAY_FILE, "utf8").trim().split("\n");
  writeFileSync(file, [header, ...rows.filter((row) => row.startsWith("2000-"))].join("\n"));
  return file;
}

/** What `patterns scan --outcomes` says of a file: detections, breakouts, and resolutions by status. */
function cliOutcomes(file: string) {
  const lines = execFileSync(process.execPath, [PATTERNS, "scan", file, "--outcomes", "--json"], {
    encoding: "utf8",
  });
  const detections = lines
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { outcome: { status: string; breakout: unknown } });
  const count = (status: string) => detections.filter((d) => d.outcome.status === status).length;
  return {
    detections: detections.length,
    breakouts: detections.filter((d) => d.outcome.breakout !== null).length,
    byStatus: `target ${count("target")}, failed ${count("failed")}, stalled ${count("stalled")}, expired ${count("expired")}`,
    resolved: detections.length - count("open"),
  };
}

/** The processes still in a process group (Linux and macOS `ps`). */
function processesIn(group: number): number[] {
  return execFileSync("ps", ["-A", "-o", "pgid=,pid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number))
    .flatMap(([pgid, pid]) => (pgid === group && pid !== undefined ? [pid] : []));
}

async function until(what: string, check: () => boolean, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Runs `npm start`'s entry in its own process group, as a terminal gives a command, so the test can
 * signal the group; collects what it prints.
 */
function startMain(args: string[]) {
  const run = spawn(process.execPath, [...startNodeArgs(), ...args], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = run;
  const printed = { text: "" };
  run.stdout?.on("data", (chunk) => {
    printed.text += chunk;
  });
  run.stderr?.on("data", (chunk) => {
    printed.text += chunk;
  });
  // Once its output is read to the end too ('close', not 'exit', which can come before the last lines).
  const exited = new Promise<number | null>((resolve) => run.once("close", (code) => resolve(code)));
  return { pid: run.pid as number, printed, exited };
}

/** npm start's arguments for a replay of `file` on any free port, writing to `out`, then `more`. */
const replaying = (out: string, file: string, ...more: string[]) => [
  "--port",
  "0",
  "--out-dir",
  out,
  "--replay",
  file,
  ...more,
];

describe("npm start", () => {
  it("prints the keys, URLs, progress and approve links it writes, and stops cleanly on Ctrl-C", async () => {
    const out = join(dir, "out");
    const { pid, printed, exited } = startMain(
      replaying(out, year2000(), "--speed", "max", "--hold-every", "100"),
    );
    const link = /^ {2}-> (http:\/\/127\.0\.0\.1:\d+)\/\?token=[\w-]{20,}$/m;
    const pooledLine =
      /^ {2}evidence across symbols \(GET \/stats without a symbol\) pooled as of (\S+Z), every bar above counted;/m;
    const summary =
      /^ {2}detections (\d+), broke out (\d+), resolved (\d+): (.*)\n {2}alerts .* \| lifecycle messages sent (\d+): breakouts (\d+), resolutions (\d+)$/m;
    await until(
      "the replay, an approve link and the summary",
      () => printed.text.includes("Replay finished") && link.test(printed.text) && summary.test(printed.text),
      150_000,
    );
    const outputs = JSON.parse(readFileSync(join(out, "outputs.json"), "utf8"));
    expect(printed.text).toContain(`API            ${outputs.apiUrl}\n`);
    expect(printed.text).toContain(`Console        ${outputs.consoleUrl}`);
    expect(printed.text).toContain(`Reader key     ${outputs.apiKeys.reader}\n`);
    expect(printed.text).toContain(`Analyst key    ${outputs.apiKeys.analyst}   (may also POST /patterns)\n`);
    expect(printed.text).toContain(`Approver key   ${outputs.apiKeys.approver}\n`);
    for (const endpoint of ["dynamodb", "kinesis", "sqs", "stepfunctions"]) {
      expect(printed.text).toContain(outputs.endpoints[endpoint]);
    }
    expect(printed.text).toContain("Replaying 252 bars of SPX 1d from ");
    expect(printed.text).toContain("Replay finished: 252 bars sent.");
    expect(printed.text).toMatch(
      /^bars in 252\/252 \| detections \d+ \| alerts CRITICAL \d+, HIGH \d+, MEDIUM \d+ \| approvals pending \d+ \| breakouts \d+ \| resolved \d+ \| told \d+$/m,
    );
    expect(printed.text).toMatch(/^Replaying .*, holding 2 time\(s\) for alerts to be routed/m);
    expect(printed.text).toContain("Processed: 252 bars.");

    // The summary: detections, breakouts and resolutions as the CLI finds them in the same file; the
    // lifecycle messages as marked sent on the alerts, every event of every published alert's detection
    // (told by the KinesisConsumer after a hold, or caught up by the publish when it came before).
    const [, detections, breakouts, resolved, byStatus, told, toldBreakouts, toldResolutions] = (
      printed.text.match(summary) ?? []
    ).map((group, i) => (i === 4 ? group : Number(group)));
    const cli = cliOutcomes(year2000());
    expect({ detections, breakouts, resolved, byStatus }).toEqual({
      detections: cli.detections,
      breakouts: cli.breakouts,
      resolved: cli.resolved,
      byStatus: cli.byStatus,
    });
    const dynamo = dynamoDbClient(outputs.endpoints.dynamodb);
    const { Items = [] } = await dynamo.send(new ScanCommand({ TableName: outputs.resources.tables.Alerts }));
    const { Items: patterns = [] } = await dynamo.send(
      new ScanCommand({ TableName: outputs.resources.tables.TradingPatterns }),
    );
    dynamo.destroy();
    // Items as DynamoDB answers them (attribute values): each published alert's events, by its
    // detection's stored outcome, against the sent marks.
    const outcomes = new Map(patterns.map((pattern) => [pattern.patternId?.S, pattern.outcome?.M]));
    const due = Items.filter((alert) => alert.status?.S === "PUBLISHED").flatMap((alert) => {
      const outcome = outcomes.get(alert.patternId?.S);
      return [
        ...(outcome?.breakout?.M ? [`${alert.alertId?.S} breakout`] : []),
        ...(outcome?.resolvedAt?.S ? [`${alert.alertId?.S} resolved`] : []),
      ];
    });
    const marked = Items.flatMap((alert) => [
      ...(alert.breakoutSentAt ? [`${alert.alertId?.S} breakout`] : []),
      ...(alert.resolvedSentAt ? [`${alert.alertId?.S} resolved`] : []),
    ]);
    expect(marked.sort()).toEqual(due.sort());
    expect(toldBreakouts).toBe(Items.filter((alert) => alert.breakoutSentAt).length);
    expect(toldResolutions).toBe(Items.filter((alert) => alert.resolvedSentAt).length);
    expect(told).toBe((toldBreakouts as number) + (toldResolutions as number));
    expect(toldBreakouts).toBeGreaterThan(0);
    expect(toldResolutions).toBeGreaterThan(0);
    expect(printed.text).toMatch(
      /^Approval needed: SPX double top \(DTOP\) ending 2000-08-28, confidence \d+$/m,
    );
    expect(printed.text.match(link)?.[1]).toBe(outputs.apiUrl);

    // The evidence pooled across symbols (GET /stats without one, the Statistics page's "all symbols")
    // counts every bar once the replay is processed, as the per-symbol answer does: the schedule's run
    // after the summary pooled it (the pooling after the first batch had counted the first hundred bars).
    const evidence = async (query: string) => {
      const response = await fetch(`${outputs.apiUrl}/stats?interval=1d${query}`, {
        headers: { "x-api-key": outputs.apiKeys.reader },
      });
      expect(response.status).toBe(200);
      const answer = (await response.json()) as Stats;
      return { ...answer, counts: answer.evidence.map((e) => `${e.pattern} ${e.detections}/${e.resolved}`) };
    };
    const [pooled, spx] = [await evidence(""), await evidence("&symbol=SPX")];
    expect(pooled.symbol).toBeNull();
    expect(pooled.series).toBe(1);
    expect(spx.evidence.reduce((n, e) => n + e.detections, 0)).toBeGreaterThan(0);
    expect(pooled.counts).toEqual(spx.counts);
    // The summary says when: the pooled answer was counted then or later, not before.
    const pooledAt = printed.text.match(pooledLine)?.[1];
    assert(pooledAt, "no line saying when the evidence was pooled");
    expect(pooled.computedAt >= pooledAt).toBe(true);

    // Ctrl-C: the terminal signals the group; npm and tsx relay the same SIGINT to this process. A stop that
    // hangs meets the test's timeout; one that needed the forced exit says so.
    process.kill(-pid, "SIGINT");
    await new Promise((resolve) => setTimeout(resolve, 50));
    relayIfRunning(pid, "SIGINT");
    expect(await exited).toBe(0);
    expect(printed.text).toContain("Stopped.\n");
    expect(printed.text).not.toContain("Forced exit");
    await until("the process group to be empty", () => processesIn(pid).length === 0, 5_000);
  });

  it("replays a file of many symbols as a feed sends them, by date, and stores what patterns scan finds in each", async () => {
    // Two symbols on the same days: AAA's closes are 2000's, BBB's those of 2002 on 2000's days, written
    // as a European export may write them (cells split at "|", dates DD.MM.YYYY), which both commands are
    // told the same way.
    const [, ...rows] = readFileSync(DEFAULT_REPLAY_FILE, "utf8").trim().split("\n");
    const days = rows.filter((row) => row.startsWith("2000-"));
    const later = rows.filter((row) => row >= "2002-");
    const close = (row: string | undefined) => row?.split(",")[4];
    const dotted = (row: string) => row.slice(0, 10).split("-").reverse().join(".");
    const universe = join(dir, "universe.csv");
    writeFileSync(
      universe,
      [
        "date|symbol|close",
        ...days.flatMap((row, i) => [
          `${dotted(row)}|AAA|${close(row)}`,
          `${dotted(row)}|bbb|${close(later[i])}`,
        ]),
      ].join("\n"),
    );
    const reading = ["--delimiter", "|", "--date-format", "DD.MM.YYYY"];
    const out = join(dir, "universe");
    const { pid, printed, exited } = startMain(replaying(out, universe, "--speed", "max", ...reading));
    await until("the replay to be processed", () => printed.text.includes("Processed:"), 150_000);
    expect(printed.text).toContain(`Replaying ${2 * days.length} bars of 2 symbols (AAA, BBB) 1d from `);
    expect(printed.text).toContain(`Processed: ${2 * days.length} bars.`);

    // Each symbol's detections as the CLI finds them in the same file, read through the API.
    const { apiUrl, apiKeys } = JSON.parse(readFileSync(join(out, "outputs.json"), "utf8"));
    const said = (d: { symbol: string; pattern: string; detectedAt: string }) =>
      `${d.symbol} ${d.pattern} ${d.detectedAt}`;
    const cli = execFileSync(process.execPath, [PATTERNS, "scan", universe, "--json", ...reading], {
      encoding: "utf8",
    })
      .trim()
      .split("\n")
      .map((line) => said(JSON.parse(line)));
    const stored: string[] = [];
    for (const symbol of ["AAA", "BBB"]) {
      const response = await fetch(`${apiUrl}/patterns?symbol=${symbol}&limit=100`, {
        headers: { "x-api-key": apiKeys.reader },
      });
      expect(response.status).toBe(200);
      const { items, cursor } = (await response.json()) as {
        items: Parameters<typeof said>[0][];
        cursor?: string;
      };
      expect(cursor ?? null).toBeNull();
      stored.push(...items.map(said));
    }
    expect(new Set(cli.map((line) => line.split(" ")[0]))).toEqual(new Set(["AAA", "BBB"]));
    expect(stored.sort()).toEqual(cli.sort());

    process.kill(-pid, "SIGINT");
    expect(await exited).toBe(0);
    await until("the process group to be empty", () => processesIn(pid).length === 0, 5_000);
  });

  it("says it reads a large replay file or folder before reading it, and refuses a bad row of a file, or sets aside a folder's file with one, before starting anything", async () => {
    // 50 symbols x every day of the bundled file (17 MiB), one bar left without its close at the end: as
    // one long file, refused; then as a folder of a file per symbol, whose bad file is set aside (as
    // patterns scan DIR sets it aside) and, asked for by --symbol, is not there to replay.
    const [header, ...rows] = readFileSync(DEFAULT_REPLAY_FILE, "utf8").trim().split("\n");
    const symbols = Array.from({ length: 50 }, (_, s) => `S${s}`);
    const lines = rows.flatMap((row) => {
      const [date, ...prices] = row.split(",");
      return symbols.map((symbol) => `${date},${symbol},${prices.join(",")}`);
    });
    const large = join(dir, "large.csv");
    writeFileSync(
      large,
      ["date,symbol,open,high,low,close,adjclose,volume", ...lines, "2020-04-20,S0,1,1,1,,1,1"].join("\n"),
    );
    const folder = join(dir, "large-folder");
    mkdirSync(folder);
    for (const symbol of symbols)
      writeFileSync(
        join(folder, `${symbol}.csv`),
        [header, ...rows, ...(symbol === "S9" ? ["2020-04-20,1,1,1,,1,1"] : [])].join("\n"),
      );
    const refusals = {
      [large]: `--replay ${large}: row ${lines.length + 2}: close is missing\n`,
      [folder]: [
        `! --replay ${join(folder, "S9.csv")}: row ${rows.length + 2}: close is missing (set aside; the folder's other files are replayed)`,
        `--symbol S9: --replay ${folder} names no bars S9 (its symbols: S0, S1, S10, S11, S12 and 44 more); leave --symbol out to replay them all, or name some of them\n`,
      ].join("\n"),
    };
    for (const [path, refusal] of Object.entries(refusals)) {
      const { printed, exited } = startMain(replaying(join(dir, "large"), path, "--symbol", "S9"));
      expect(await exited).toBe(2);
      const bytes =
        path === large
          ? statSync(large).size
          : symbols.reduce((sum, symbol) => sum + statSync(join(folder, `${symbol}.csv`)).size, 0);
      const mib = Math.round(bytes / 2 ** 20);
      expect(mib).toBeGreaterThanOrEqual(16);
      expect(printed.text).toBe(`Reading ${mib} MiB of bars from ${path}...\n${refusal}`);
    }
  });

  it("survives its runtime's SIGKILL twice, with a line each time, and ends with status 1 on the third", async () => {
    const out = join(dir, "crash");
    const { pid, printed, exited } = startMain(["--port", "0", "--out-dir", out, "--no-replay"]);
    const runtime = () =>
      execFileSync("ps", ["-A", "-o", "pgid=,pid=,args="], { encoding: "utf8" })
        .split("\n")
        .map((line) => line.trim().split(/\s+/))
        .find(([pgid, , ...args]) => Number(pgid) === pid && RUNTIME_BUNDLE_FILE.test(args.join(" ")))?.[1];
    await until("the system to start", () => printed.text.includes("No replay (--no-replay)"));
    for (const restart of [1, 2]) {
      process.kill(Number(runtime()), "SIGKILL");
      await until(`restart ${restart}`, () => printed.text.split("is running again").length > restart);
      expect(printed.text).toContain(
        `stopped unexpectedly (SIGKILL); restarting it (${restart} of 2 within 1 hour)`,
      );
      const { apiUrl } = JSON.parse(readFileSync(join(out, "outputs.json"), "utf8"));
      expect((await fetch(`${apiUrl}/health`)).status).toBe(200);
    }
    process.kill(Number(runtime()), "SIGKILL");
    expect(await exited).toBe(1);
    expect(printed.text).toMatch(
      /stock-patterns stopped: the functions' runtime stopped unexpectedly \(SIGKILL\) after 2 restart\(s\) \(2 within 1 hour allowed\)/,
    );
    await until("the process group to be empty", () => processesIn(pid).length === 0, 10_000);
  });
});

/** The relayed copy of a signal reaches the process only if it is still running; one that already stopped is fine. */
function relayIfRunning(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}
