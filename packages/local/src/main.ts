// `npm start`: the whole system on this machine, with market data replayed into it and a progress line.

import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { inspect } from "node:util";
import type { Bar } from "@stock-patterns/core";
import { LOOPBACK, StoreBeyondRepair } from "@stock-patterns/emulators";
import { interrupts } from "./cli/interrupts";
import { invocationFolder, shownPath } from "./cli/invocation";
import { loadReplay, type ReplaySeries } from "./cli/load-bars";
import { HELP, parseStartOptions, type StartOptions, UsageError } from "./cli/options";
import { pooledLine, progressLine, StatusScreen, summaryLines } from "./cli/progress";
import { replayFiles } from "./cli/replay-files";
import { replayingLine } from "./cli/replay-line";
import { type StatusTicker, statusTicker } from "./cli/status-ticker";
import { eventHolds } from "./replay/event-holds";
import { interleaved } from "./replay/interleave";
import { DirectoryInUse, LOCK_FILE, UnusableDirectory } from "./system/directory-lock";
import { DEFAULT_CONSOLE_DIR } from "./system/paths";
import { NotReady } from "./system/readiness";
import { PortRefused } from "./system/runtime-process";
import { type LocalSystem, startSystem } from "./system/start-system";
import { stoppedFor, storageFailure } from "./system/storage-failure";

/** The process that started this one (npm, a shell, tsx), as it was at start. */
const PARENT = process.ppid;

/** How long a stop for a failure waits for the system to stop in order before exiting all the same. */
const FAILED_STOP_LIMIT_MS = 15_000;

/** How long the summary waits for the stream and AlertQueue to be processed after the replay. */
const SETTLE_LIMIT_MS = 300_000;

/**
 * A replay file (or folder) large enough that reading it is said before it starts: 500 symbols x 5,105
 * days (172 MiB) took 5.1 to 6.0 s to read and 1.3 to 2.3 s to interleave (7 Dec); 17 MiB (50 symbols)
 * about 0.5 s.
 */
const LARGE_REPLAY_BYTES = 16 * 2 ** 20;

/** A path as said to the one who typed `npm start`: from the folder they typed it in (cli/invocation). */
const show = (path: string) => shownPath(path, invocationFolder("start"));

function banner(system: LocalSystem, inspectPort: number | undefined): string {
  const { endpoints } = system;
  return [
    "",
    "stock-patterns is running on this machine (no AWS).",
    "",
    `  API            ${system.apiUrl}`,
    `  Console        ${system.consoleUrl}${
      existsSync(join(DEFAULT_CONSOLE_DIR, "index.html"))
        ? ""
        : "   (not built yet: npm run build -w @stock-patterns/web)"
    }`,
    `  Reader key     ${system.apiKeys.reader}`,
    `  Analyst key    ${system.apiKeys.analyst}   (may also POST /patterns)`,
    `  Approver key   ${system.apiKeys.approver}`,
    "",
    `  DynamoDB       ${endpoints.dynamodb}`,
    `  Kinesis        ${endpoints.kinesis}   stream ${system.resources.stream.name}`,
    `  SQS / SNS      ${endpoints.sqs}`,
    `  Step Functions ${endpoints.stepfunctions}`,
    ...(inspectPort === undefined
      ? []
      : [
          `  Debugger       ${LOOPBACK}:${inspectPort}   the functions' runtime (VS Code: "Attach to the functions' runtime"; Chrome: chrome://inspect)`,
        ]),
    "",
    `  Outputs        ${show(system.outputsFile)}`,
    `  Handler logs   ${show(system.logFile)}`,
    `  Set aside      ${show(system.setAsideFile)}`,
    `  Rejected data  ${system.resources.setAsideQueues.RejectedMarketData.url}`,
    "",
    `  Try: curl -H "X-API-Key: ${system.apiKeys.reader}" ${system.apiUrl}/alerts`,
    "",
  ].join("\n");
}

/**
 * The ThresholdChecker's scheduled run, fired once the replay is processed: the evidence pooled across
 * symbols was last counted after the first batch or at a firing mid-replay, and would stay so until the
 * next firing, up to 5 minutes on. The same firing the schedule makes (its no-overlap queue included): its
 * thresholds and sweep run too, as they would then. A threshold alert it raises is routed before the
 * summary counts the alerts. Answers the summary's line on the pooling.
 */
async function poolAfterReplay(system: LocalSystem): Promise<string> {
  const at = new Date();
  const outcome = await system.runScheduledCheck().catch(() => "failed" as const);
  if (outcome === "ran") await system.settled(undefined, SETTLE_LIMIT_MS).catch(() => {});
  return pooledLine(outcome, at);
}

/** Why the port a flag gives (the API's --port, the inspector's --inspect) cannot be had, and what would work. */
function portRefusal({ code, address, port }: PortRefused, flag = "--port"): string {
  const instead =
    flag === "--port" ? "pass another --port N (or --port 0 for any free port)" : `pass another ${flag} N`;
  if (code === "EADDRINUSE") return `${flag} ${port}: ${address}:${port} is already in use: ${instead}`;
  if (code === "EACCES")
    return `${flag} ${port}: this user may not listen on ${address}:${port} (EACCES; ports below 1024 need root): ${instead}`;
  return `${flag} ${port}: cannot listen on ${address}:${port} (${code}): ${instead}`;
}

/**
 * The series of the replay at `path` (a file, or a folder's files), saying first that they are being read
 * when they hold LARGE_REPLAY_BYTES or more: that takes seconds before the start. A folder's file that
 * cannot be read is said on stderr and set aside, the others replayed, as `patterns scan DIR` does.
 */
function readReplay(path: string, { symbols, read }: StartOptions): ReplaySeries[] {
  const setAside = (line: string) => process.stderr.write(`! ${line}\n`);
  const files = replayFiles(path, show(path), setAside);
  const size = files.reduce((sum, file) => sum + statSync(file).size, 0);
  if (size >= LARGE_REPLAY_BYTES)
    process.stdout.write(`Reading ${Math.round(size / 2 ** 20)} MiB of bars from ${show(path)}...\n`);
  return loadReplay(path, symbols, { said: show(path), files, read, setAside });
}

/**
 * The bars the replay sends and each one's symbol (many series by instant, as a feed sends a universe),
 * and the indices it holds before (--hold-every; none without it).
 */
function replayPlan(
  series: readonly ReplaySeries[],
  holdEvery: number | undefined,
): { bars: Bar[]; symbols: string[]; holds: number[] } {
  const { bars, symbols, positions } = interleaved(series);
  return { bars, symbols, holds: holdEvery === undefined ? [] : eventHolds(series, positions, holdEvery) };
}

async function run(options: StartOptions): Promise<void> {
  const series = options.replayFile ? readReplay(options.replayFile, options) : [];
  const { bars, symbols, holds } = replayPlan(series, options.holdEvery);
  const screen = new StatusScreen(process.stdout);
  // The handlers' process died for good, or a store cannot be written: nothing more would be processed, so
  // stop rather than linger. Said once; a stop that hangs (a store gone bad) is not waited on past a bound.
  let system: LocalSystem | undefined;
  let ticker: StatusTicker | undefined;
  const stopping = new AbortController();
  let failing = false;
  const failed = async (message: string) => {
    if (failing) return;
    failing = true;
    // The replay ends rather than fail on the stopping emulators, and the run's steps end with it.
    stopping.abort();
    void ticker?.stop();
    screen.close();
    process.stderr.write(`\nstock-patterns stopped: ${message}\n`);
    // Not unref'd: a stop that hangs with nothing else to wait on must still end in exit code 1.
    const bound = new Promise((resolve) => setTimeout(resolve, FAILED_STOP_LIMIT_MS));
    await Promise.race([system?.stop().catch(() => {}), bound]);
    process.exit(1);
  };
  // An emulator's store throws a write the machine refused (the disk full) where nothing catches it: the
  // stop names the file and what the next start finds. Any other error thrown so is shown as Node shows it,
  // and the system stopped in order too (its runtime, its locks) rather than left to notice its parent gone.
  process.on("uncaughtException", (error) => {
    const failure = storageFailure(error);
    if (failure) return void failed(stoppedFor(failure, options.dataDir && show(options.dataDir)));
    process.stderr.write(`\n${inspect(error)}\n`);
    void failed("an unexpected error (above)");
  });
  const interrupt = interrupts();
  let sent = 0;
  let start: Promise<LocalSystem> | undefined;
  const shutdown = async (signal: NodeJS.Signals) => {
    // SIGHUP: the terminal is gone, so nothing is printed.
    const say = (text: string) => signal !== "SIGHUP" && process.stdout.write(text);
    const action = interrupt();
    if (action === "ignore") return;
    if (action === "force") {
      say("\nForced exit.\n");
      process.exit(130);
    }
    stopping.abort();
    void ticker?.stop();
    if (signal !== "SIGHUP") screen.close();
    say("Stopping (Ctrl-C again to force)...\n");
    // A stop asked for while the system starts waits for the start to end: one that failed has given back
    // what it took, one that finished is stopped. Either way no lock file or process is left.
    const started = await start?.catch(() => undefined);
    await started?.stop();
    say("Stopped.\n");
    process.exit(0);
  };
  // Before the start: it takes the lock files at once, and a signal's default (dying) would leave them.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
    process.on(signal, () => void shutdown(signal));
  // A parent killed outright (npm or a shell SIGKILLed) passes nothing on, and this process would run on
  // unseen, holding its ports and directories: it stops as for a closed terminal.
  const orphaned = setInterval(() => {
    if (process.ppid === PARENT) return;
    clearInterval(orphaned);
    void shutdown("SIGHUP");
  }, 1000);
  start = startSystem({
    port: options.port,
    inspectPort: options.inspectPort,
    dataDir: options.dataDir,
    outDir: options.outDir,
    readyWithinMs: options.startTimeoutSeconds * 1000,
    retentionDays: options.retentionDays,
    // Once the directories are taken: a second start on them is refused without saying it starts.
    onStarting: () => process.stdout.write("Starting the emulators and the functions' runtime...\n"),
    onReport: (report) =>
      screen.print(
        `! ${report.functionName} (${report.source}): ${report.message}${
          report.items?.length ? `\n    ${report.items.slice(0, 5).join("\n    ")}` : ""
        }`,
      ),
    onApprovalNotice: (notice) => screen.print(notice.subject ?? notice.message),
    onRuntimeFailure: (message) => void failed(message),
    onApprovalRequest: (request) =>
      screen.print(
        `${request.notification.subject ?? "Approval needed"}\n  -> ${request.link ?? request.notification.message}`,
      ),
  });
  try {
    system = await start;
  } catch (error) {
    if (stopping.signal.aborted) return; // cut short by a signal or a failure: shutdown or failed says so and exits
    if (error instanceof DirectoryInUse) {
      throw new UsageError(
        `${error.message}: stop it first, or give this one its own --out-dir (and --data-dir) and --port ` +
          `(if none is running, remove ${join(error.directory, LOCK_FILE)})`,
      );
    }
    if (error instanceof UnusableDirectory) {
      throw new UsageError(`${error.role === "out" ? "--out-dir" : "--data-dir"}: ${error.message}`);
    }
    if (error instanceof PortRefused && error.port === options.port) throw new UsageError(portRefusal(error));
    if (error instanceof PortRefused && error.port === options.inspectPort)
      throw new UsageError(portRefusal(error, "--inspect"));
    if (error instanceof StoreBeyondRepair) {
      process.stderr.write(`stock-patterns stopped: ${error.message}\n`);
      process.exit(1);
    }
    const failure = storageFailure(error);
    if (failure) {
      // What had started is stopped already, as for NotReady.
      process.stderr.write(
        `stock-patterns stopped: ${stoppedFor(failure, options.dataDir && show(options.dataDir))}\n`,
      );
      process.exit(1);
    }
    if (error instanceof NotReady) {
      // What had started is stopped already (startSystem gives back all it took before it throws).
      const see = error.see ? `; see ${error.see}` : "";
      process.stderr.write(
        `stock-patterns stopped: ${error.part} did not become ready within ${options.startTimeoutSeconds} s (--start-timeout)${see}\n`,
      );
      process.exit(1);
    }
    throw error;
  }
  if (stopping.signal.aborted) return; // shutdown or failed stops it
  process.stdout.write(`${banner(system, options.inspectPort)}\n`);
  const running = system;
  let force = false;
  // A look that fails (the tables going away as it shuts down) keeps the last line.
  ticker = statusTicker(async () =>
    screen.status(progressLine(sent, bars.length, await running.stats()), force),
  );
  /** The status line as it stands now, drawn even where it is drawn only when changed. */
  const refreshNow = async () => {
    force = true;
    await ticker?.now();
    force = false;
  };

  if (options.replayFile) {
    screen.print(
      replayingLine({
        bars: bars.length,
        series,
        interval: options.interval,
        from: show(options.replayFile),
        speed: options.speed,
        holds: holds.length,
      }),
    );
    sent = await system.replay(bars, {
      symbols,
      interval: options.interval,
      barsPerSecond: options.speed,
      signal: stopping.signal,
      holds,
      onProgress: (count) => {
        sent = count;
      },
    });
    if (!stopping.signal.aborted) {
      screen.print(`Replay finished: ${sent} bars sent. Waiting for the system to process them...`);
      const processed = await system.settled(undefined, SETTLE_LIMIT_MS).then(
        () => true,
        () => false,
      );
      if (stopping.signal.aborted) return;
      const pooled = processed ? await poolAfterReplay(system) : undefined;
      if (stopping.signal.aborted) return;
      await refreshNow();
      const stats = await system.stats().catch(() => undefined);
      screen.print(
        [
          processed
            ? `Processed: ${sent} bars. The system keeps running; Ctrl-C to stop.`
            : `Not all processed after ${SETTLE_LIMIT_MS / 1000} s (see the handler logs); so far:`,
          ...(stats ? summaryLines(stats) : []),
          ...(pooled ? [pooled] : []),
        ].join("\n"),
      );
    }
  } else {
    screen.print("No replay (--no-replay). Put bars on the stream or POST /patterns; Ctrl-C to stop.");
  }
}

let parsed: StartOptions | "help";
try {
  parsed = parseStartOptions(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}
if (parsed === "help") {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}
run(parsed).catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof UsageError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(error instanceof UsageError ? 2 : 1);
});
