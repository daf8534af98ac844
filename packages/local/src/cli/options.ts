// The command line of `npm start`: flags, their checks, and the help text.

import { existsSync, readdirSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { DATE_FORMAT_RULES, type ReadOptions } from "@stock-patterns/cli/bars";
import {
  UsageError as BarFileUsage,
  dateFormatOption,
  delimiterOption,
} from "@stock-patterns/cli/read-options";
import { didYouMean, meantPaths, nearMisses } from "@stock-patterns/core";
import { RECORD_RETENTION, recordRetentionDays } from "@stock-patterns/core/catalog";
import { intervalSchema, symbolSchema } from "@stock-patterns/core/contracts";
import { DEFAULT_REPLAY_FILE } from "../system/paths";
import { DEFAULT_API_PORT } from "../system/port-probe";
import { DEFAULT_READY_WITHIN_MS } from "../system/readiness";
import { invocationFolder, typedPath } from "./invocation";

/** What `npm start` was asked to do. */
export interface StartOptions {
  port: number;
  dataDir?: string;
  /** Where outputs.json and the logs go (default: .local in the repository). */
  outDir?: string;
  /** The file to replay, or undefined with --no-replay. */
  replayFile?: string;
  /**
   * --symbol's symbols (one, or a list: AAPL,MSFT) as the stream stores them; undefined: the replay file's
   * own, else SPX (load-bars.ts).
   */
  symbols?: string[];
  /** How the replay's files are read (--delimiter, --date-format), as `patterns scan` reads them. */
  read: BarFileReading;
  interval: string;
  /** Bars per second (Infinity for --speed max). */
  speed: number;
  /** At most one hold for the system per this many bars (replay/event-holds); undefined: a steady pace. */
  holdEvery?: number;
  /** Give up a start not ready after this many seconds, naming the part that was not. */
  startTimeoutSeconds: number;
  /**
   * Days a settled detection and a finished alert are kept (the functions' RECORD_RETENTION_DAYS);
   * undefined: every one kept.
   */
  retentionDays?: number;
  /** The loopback port of the functions' runtime's inspector (--inspect); undefined: none opened. */
  inspectPort?: number;
}

/** The options of the CLI's reader of bar files that npm start takes too (not its symbol: load-bars'). */
export type BarFileReading = Omit<ReadOptions, "symbol">;

/** A flag that cannot be used as given; the message says why and what would work. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** The inspector's port for a bare --inspect: Node's own default, where debuggers look first. */
export const DEFAULT_INSPECT_PORT = 9229;

/** Default replay pace: the bundled 20 years of daily bars in under two minutes. */
export const DEFAULT_SPEED = 50;

export const HELP = `Usage: npm start -- [options]

Runs the whole stock-patterns system on this machine (no AWS account): DynamoDB, Kinesis, SQS, SNS
and Step Functions emulators, the real handlers behind their event sources, the API and the approver
console, then replays market data into the stream.

Options:
  --port N          port of the API and console on 127.0.0.1 (default ${DEFAULT_API_PORT}; 0 picks a free one)
  --replay FILE     CSV (date,open,high,low,close[,volume]) or JSON bars to replay, read as
                    patterns scan reads them (comma, semicolon or tab separated, cells in quotes)
                    (default: data/sp500-2000.csv, the S&P 500 daily since 2000); a file with a
                    Symbol column (or JSON bars with a symbol key) is a series per symbol, and so is
                    a folder of a file per symbol (AAPL.csv is AAPL), sent by date as a feed sends
                    a universe
  --delimiter C     the CSV field separator of the replay's files (default: detected among , ; and
                    tab), as patterns scan takes it
  --date-format F   read the replay's times written another way, e.g. DD/MM/YYYY, as patterns
                    scan takes it (tokens ${DATE_FORMAT_RULES});
                    they are sent in ISO 8601
  --symbol S        symbol of the replayed bars (default: the file's Symbol column, else SPX); of a
                    file of many symbols or a folder, the ones to replay, e.g. AAPL,MSFT (default: all)
  --interval I      interval of the replayed bars (default 1d)
  --speed N|max     replay pace in bars per second (default ${DEFAULT_SPEED}); max: as fast as possible
  --hold-every N    hold the replay before a breakout or resolution of a published alert's detection
                    until the system has routed that alert (a feed sends a daily bar a day after the
                    last; the replay, years in minutes), at most once every N bars (0: before each
                    one), so the KinesisConsumer tells such an event as it comes, as with a feed;
                    each hold costs up to the stream's 5 s batching window. Default: a steady pace;
                    an event that comes in the same stream batch as its alert (at 50 bars/s a
                    batch holds 5 s of bars, so most do) is told when the alert is published.
                    Either way every event of a published alert is told
  --no-replay       start the system without replaying anything
  --data-dir DIR    keep tables, stream, checkpoints and API keys in DIR across runs (default: memory)
  --out-dir DIR     write outputs.json and logs/ to DIR (default: .local), e.g. for a second system
  --start-timeout S give up a start not ready after S seconds (default ${DEFAULT_READY_WITHIN_MS / 1000}): says which part
                    was not ready, stops what had started and exits 1
  --retention-days N  keep a detection N days once its outcome is settled, and an alert once it is
                    finished, then leave them out of GET /patterns, GET /alerts and the alert pages,
                    as TTL would delete them on AWS (at least ${RECORD_RETENTION.minimumDays}). Default: all kept
  --inspect [PORT]  open Node's inspector in the functions' runtime, where every handler runs, on
                    127.0.0.1:PORT (default ${DEFAULT_INSPECT_PORT}), for a debugger to attach to: a breakpoint in a
                    handler's TypeScript pauses it (VS Code: "Attach to the functions' runtime")
  -h, --help        show this help

Outputs (URLs, API keys, endpoints, resource names) are written to .local/outputs.json,
the handlers' logs to .local/logs/functions.log (or under --out-dir). Ctrl-C stops everything.`;

function integer(flag: string, value: string, min: number, max: number): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < min || number > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got "${value}")`);
  }
  return number;
}

function speedOf(value: string): number {
  if (value === "max") return Number.POSITIVE_INFINITY;
  const speed = Number(value);
  if (value.trim() === "" || !Number.isFinite(speed) || speed <= 0) {
    throw new UsageError(`--speed must be a positive number of bars per second, or "max" (got "${value}")`);
  }
  return speed;
}

/**
 * A directory flag's value: absent, or the absolute path of one typed in `folder` that is not a file (made
 * when missing).
 */
function directory(flag: string, dir: string | undefined, folder: string): string | undefined {
  if (dir === undefined) return undefined;
  if (dir.trim() === "") throw new UsageError(`${flag} needs a directory`);
  const path = typedPath(dir, folder);
  if (existsSync(path) && !statSync(path).isDirectory()) {
    throw new UsageError(`${flag}: "${dir}" exists and is not a directory`);
  }
  return path;
}

/** The retention flag's days, refused below core's least retention with core's reason. */
function retention(value: string | undefined): number | undefined {
  try {
    return value === undefined ? undefined : recordRetentionDays(value);
  } catch (error) {
    throw new UsageError(
      (error as Error).message.replace(`${RECORD_RETENTION.variable}:`, "--retention-days:"),
    );
  }
}

/**
 * A symbol or interval as the stream reads it (core's schema: a label it refuses would have every
 * replayed bar set aside as malformed), in the form it is stored (a symbol upper-cased); `list`: the
 * flag's whole value when `value` is one of its items.
 */
function label(
  flag: string,
  schema: typeof symbolSchema | typeof intervalSchema,
  value: string,
  list = value,
): string {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const got = list === value ? `"${value}"` : `"${value}" in "${list}"`;
    throw new UsageError(`${flag}: ${parsed.error.issues[0]?.message} (got ${got})`);
  }
  return parsed.data;
}

/**
 * Parse the flags, or throw UsageError; `"help"` when help was asked for. Paths come back absolute, read
 * from `folder`, the one the command was typed in.
 *
 * @example
 * parseStartOptions(["--port", "0", "--speed", "max"]); // { port: 0, speed: Infinity, ... }
 */
export function parseStartOptions(
  argv: string[],
  folder: string = invocationFolder("start"),
): StartOptions | "help" {
  let values: ReturnType<typeof parse>["values"];
  try {
    ({ values } = parse(withInspectPort(argv)));
  } catch (error) {
    throw new UsageError(
      `${(error as Error).message}${meantOption(error)}\nRun with --help to see the options.`,
    );
  }
  if (values.help) return "help";
  const replaying = REPLAY_FLAGS.filter((flag) => values[flag] !== undefined);
  if (values["no-replay"] && replaying.length > 0) {
    throw new UsageError(
      `--no-replay cannot be combined with --${replaying.join(", --")}: they say what to replay and how`,
    );
  }
  let replayFile: string | undefined;
  if (!values["no-replay"]) {
    replayFile = replayed(values.replay ?? DEFAULT_REPLAY_FILE, folder);
  }
  return {
    port: values.port === undefined ? DEFAULT_API_PORT : integer("--port", values.port, 0, 65535),
    dataDir: directory("--data-dir", values["data-dir"], folder),
    outDir: directory("--out-dir", values["out-dir"], folder),
    replayFile,
    symbols: values.symbol === undefined ? undefined : symbolList(values.symbol),
    read: reading(values.delimiter, values["date-format"]),
    interval: label("--interval", intervalSchema, values.interval ?? "1d"),
    speed: values.speed === undefined ? DEFAULT_SPEED : speedOf(values.speed),
    holdEvery:
      values["hold-every"] === undefined
        ? undefined
        : integer("--hold-every", values["hold-every"], 0, 1_000_000),
    startTimeoutSeconds:
      values["start-timeout"] === undefined
        ? DEFAULT_READY_WITHIN_MS / 1000
        : integer("--start-timeout", values["start-timeout"], 1, 86_400),
    retentionDays: retention(values["retention-days"]),
    inspectPort: inspectPort(values.inspect, values.port),
  };
}

/**
 * --symbol's symbols, comma-separated (no symbol holds a comma), each as the stream stores it; one given
 * twice (aapl,AAPL) is refused.
 */
function symbolList(value: string): string[] {
  const symbols = value.split(",").map((symbol) => label("--symbol", symbolSchema, symbol, value));
  const twice = symbols.find((symbol, at) => symbols.indexOf(symbol) !== at);
  if (twice !== undefined) throw new UsageError(`--symbol: ${twice} is named twice (got "${value}")`);
  return symbols;
}

/** --delimiter and --date-format, checked by the CLI's own rules and words. */
function reading(delimiter: string | undefined, dateFormat: string | undefined): BarFileReading {
  try {
    const read: BarFileReading = {};
    if (delimiter !== undefined) read.delimiter = delimiterOption(delimiter);
    if (dateFormat !== undefined) read.dateFormat = dateFormatOption(dateFormat);
    return read;
  } catch (error) {
    throw error instanceof BarFileUsage ? new UsageError(error.message) : error;
  }
}

/**
 * `argv` with a bare `--inspect` (the last flag, or one followed by another flag) given Node's default
 * port, as `node --inspect` takes it: `--inspect 9230` and `--inspect=9230` name their own.
 */
function withInspectPort(argv: string[]): string[] {
  return argv.map((arg, at) =>
    arg === "--inspect" && (argv[at + 1] === undefined || argv[at + 1]?.startsWith("-"))
      ? `--inspect=${DEFAULT_INSPECT_PORT}`
      : arg,
  );
}

/** The inspector's port: a port a debugger can be told (not 0), not the API's. */
function inspectPort(value: string | undefined, apiPort: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = integer("--inspect", value, 1, 65535);
  if (port === Number(apiPort ?? DEFAULT_API_PORT))
    throw new UsageError(`--inspect ${port}: that is the API's port (--port); give the inspector another`);
  return port;
}

const OPTIONS = {
  port: { type: "string" },
  replay: { type: "string" },
  symbol: { type: "string" },
  delimiter: { type: "string" },
  "date-format": { type: "string" },
  interval: { type: "string" },
  speed: { type: "string" },
  "hold-every": { type: "string" },
  "no-replay": { type: "boolean" },
  "data-dir": { type: "string" },
  "out-dir": { type: "string" },
  "start-timeout": { type: "string" },
  "retention-days": { type: "string" },
  inspect: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** The flags that say what to replay and how: each is refused beside --no-replay. */
const REPLAY_FLAGS = [
  "replay",
  "symbol",
  "interval",
  "speed",
  "hold-every",
  "delimiter",
  "date-format",
] as const satisfies readonly (keyof typeof OPTIONS)[];

function parse(argv: string[]) {
  return parseArgs({ args: argv, strict: true, allowPositionals: false, options: OPTIONS });
}

/**
 * The absolute path of `file`, typed in `folder`, or a UsageError unless it is a file or a folder of them
 * to read (replay-files.ts' replayFiles): a name not there gets the path it was likely meant as (core's
 * meantPaths), as the CLI's `patterns scan` does, in the words typed.
 */
function replayed(file: string, folder: string): string {
  const path = typedPath(file, folder);
  if (!existsSync(path)) {
    const meant = meantPaths(file, {
      exists: (typed) => existsSync(typedPath(typed, folder)),
      names: (typed) => readdirSync(typedPath(typed, folder)),
    });
    throw new UsageError(`--replay: no such file "${file}"${didYouMean(meant.map((typed) => `"${typed}"`))}`);
  }
  const stat = statSync(path);
  if (!stat.isFile() && !stat.isDirectory())
    throw new UsageError(`--replay: "${file}" is not a file or a folder`);
  return path;
}

/**
 * For a flag parseArgs does not know, the words naming the one meant, as the `patterns` CLI and the API
 * name theirs (core's nearMisses): `--prot` -> ` (did you mean --port?)`; "" otherwise.
 */
function meantOption(error: unknown): string {
  if ((error as { code?: string }).code !== "ERR_PARSE_ARGS_UNKNOWN_OPTION") return "";
  const given = /'(-[^']*)'/.exec((error as Error).message)?.[1];
  if (given === undefined) return "";
  return didYouMean(
    nearMisses(
      given.split("=")[0] ?? given,
      Object.keys(OPTIONS).map((name) => `--${name}`),
    ),
  );
}
