// What the installed `patterns` prints for another program, held to core's schemas of it strictly (every
// object closed, so a field no schema names fails as a wrong type does): each JSON line of `scan` (with and
// without --outcomes) and of `stats`, over the bundled series written as several symbols, files and time
// styles; the CSV header by the same names, its cells the JSON lines' facts; and the README's JSON example.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PATTERN_NAMES, type PatternCode, priceText } from "@stock-patterns/core";
import {
  cliLineJsonSchema,
  outcomeSchema,
  scanLineSchema,
  storedPatternSchema,
} from "@stock-patterns/core/contracts";
import Ajv2020 from "ajv/dist/2020.js";
import { afterAll, describe, expect, it } from "vitest";
import { LONG_PROCESS_TIMEOUT, PATTERNS_BIN } from "./bin";
import { SPX_FILE } from "./run";

const ajv = new Ajv2020({ strict: false, allErrors: true });
const validators = {
  scan: ajv.compile(cliLineJsonSchema("scan")),
  stats: ajv.compile(cliLineJsonSchema("stats")),
};

/** Each way a line misses its command's schema (path, rule, details), with how many lines missed so. */
function misses(command: keyof typeof validators, lines: readonly unknown[]): Record<string, number> {
  const validate = validators[command];
  const found: Record<string, number> = {};
  for (const line of lines) {
    if (validate(line)) continue;
    for (const { instancePath, message, params } of validate.errors ?? []) {
      const miss = `${instancePath.replace(/\/\d+(?=\/|$)/g, "/N") || "(line)"} ${message} ${JSON.stringify(params)}`;
      found[miss] = (found[miss] ?? 0) + 1;
    }
  }
  return found;
}

// The bundled series as several symbols, files and time styles: whole; two symbols of a Symbol column; its
// newest bars as JSON (outcomes still open, returns still unknown); epoch seconds; days written DD/MM/YYYY;
// standard input; and its first bars alone.
const dir = mkdtempSync(join(tmpdir(), "patterns-lines-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const [header = "", ...rows] = readFileSync(SPX_FILE, "utf8").trimEnd().split("\n");
const cells = rows.map((row) => row.split(","));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};
const csv = (head: string, lines: string[]) => `${[head, ...lines].join("\n")}\n`;
const SPX = file("SPX.csv", csv(header, rows));
const LONG = file(
  "long.csv",
  csv(`symbol,${header}`, [
    ...rows.slice(0, 1200).map((row) => `aaa,${row}`),
    ...rows.slice(1200, 2400).map((row) => `BBB,${row}`),
  ]),
);
const NEWEST = file(
  "newest.json",
  JSON.stringify(
    cells.slice(-400).map(([time, open, high, low, close, , volume]) => ({
      time,
      ...{ open: Number(open), high: Number(high), low: Number(low), close: Number(close) },
      volume: Number(volume),
    })),
  ),
);
const EPOCH = file(
  "epoch.csv",
  csv(
    header,
    cells.slice(2400, 3400).map(([time = "", ...rest]) => [Date.parse(time) / 1000, ...rest].join(",")),
  ),
);
const DAYS = file(
  "days.csv",
  csv(
    header,
    cells
      .slice(3400, 4200)
      .map(([time = "", ...rest]) => [time.split("-").reverse().join("/"), ...rest].join(",")),
  ),
);
const STDIN = csv(header, rows.slice(4200));
/** The first 60 bars: most codes without a detection, their figures null. */
const FIRST = file("first.csv", csv(header, rows.slice(0, 60)));
const FILES = [SPX, LONG, NEWEST, EPOCH];

/** What `patterns args` prints (its status 0 and stderr empty asked for), with `input` on standard input. */
function printed(args: string[], input?: string): string[] {
  const run = spawnSync(process.execPath, [PATTERNS_BIN, ...args], { encoding: "utf8", input });
  expect(run.stderr, args.join(" ")).toBe("");
  expect(run.status, args.join(" ")).toBe(0);
  return run.stdout.split("\n").slice(0, -1);
}
const jsonLines = (args: string[], input?: string) =>
  printed(args, input).map((line) => JSON.parse(line) as Record<string, unknown>);

describe("patterns scan's JSON lines", () => {
  it(
    "are each an API detection with its symbol, and with --outcomes its outcome, naming no other field",
    () => {
      const plain = jsonLines(["scan", ...FILES, "--json"]);
      const followed = jsonLines(["scan", ...FILES, "--json", "--outcomes"]);
      const days = jsonLines(["scan", DAYS, "--json", "--outcomes", "--date-format", "DD/MM/YYYY"]);
      const piped = jsonLines(["scan", "-", "--format", "jsonl", "--outcomes"], STDIN);
      expect(new Set(followed.map((line) => line.symbol))).toEqual(
        new Set(["SPX", "AAA", "BBB", "NEWEST", "EPOCH"]),
      );
      expect(followed.map(({ outcome: _, ...detection }) => detection)).toEqual(plain);
      const statuses = new Set(followed.map((line) => (line.outcome as { status: string }).status));
      expect(statuses).toEqual(new Set(["open", "target", "failed", "stalled", "expired"]));
      expect(days.length * piped.length).toBeGreaterThan(0);
      expect(misses("scan", [...plain, ...followed, ...days, ...piped])).toEqual({});
    },
    LONG_PROCESS_TIMEOUT,
  );

  it("would refuse a field the schemas do not name, at the top or in the outcome", () => {
    const line = jsonLines(["scan", SPX, "--json", "--outcomes", "--latest", "100"])[0] ?? {};
    expect(misses("scan", [line])).toEqual({});
    expect(Object.keys(misses("scan", [{ ...line, name: "head-and-shoulders" }]))).toHaveLength(1);
    const outcome = { ...(line.outcome as object), outcomeAsOf: "2020-04-17T00:00:00.000Z" };
    expect(Object.keys(misses("scan", [{ ...line, outcome }]))).toEqual([
      '/outcome must NOT have additional properties {"additionalProperty":"outcomeAsOf"}',
    ]);
  });
});

/**
 * A fact as the CSV writes it (docs/cli.md): the breakout as its direction and time, the target as the
 * console writes prices, either `-` when null; the rest as in JSON.
 */
function csvCell(column: string, fact: unknown): string {
  if (fact === null) return "-";
  if (column === "breakout") {
    const { direction, time } = fact as { direction: string; time: string };
    return `${direction} ${time}`;
  }
  return column === "target" ? priceText(fact as number) : String(fact);
}

describe("patterns scan's CSV", () => {
  it(
    "names its columns as the API names the facts, each cell the JSON line's fact of that name",
    () => {
      const known = new Set([
        ...Object.keys(scanLineSchema.shape),
        ...Object.keys(storedPatternSchema.shape),
        ...Object.keys(outcomeSchema.shape),
      ]);
      for (const outcomes of [[], ["--outcomes"]]) {
        const [head = "", ...lines] = printed(["scan", SPX, LONG, "--format", "csv", ...outcomes]);
        const columns = head.split(",");
        expect(columns.filter((column) => !known.has(column))).toEqual([]);
        const json = jsonLines(["scan", SPX, LONG, "--json", ...outcomes]);
        expect(lines).toHaveLength(json.length);
        const differing = lines.flatMap((line, i) => {
          const row = line.split(",");
          expect(row).toHaveLength(columns.length);
          // `name` as the API gives it beside the code (GET /patterns, POST /patterns).
          const name = PATTERN_NAMES[json[i]?.pattern as PatternCode];
          const facts = { ...(json[i]?.outcome as object), ...json[i], name } as Record<string, unknown>;
          return columns.flatMap((column, c) =>
            row[c] === csvCell(column, facts[column])
              ? []
              : [`line ${i + 2} ${column}: ${row[c]}, JSON ${JSON.stringify(facts[column])}`],
          );
        });
        expect(differing).toEqual([]);
      }
    },
    LONG_PROCESS_TIMEOUT,
  );
});

describe("patterns stats' JSON lines", () => {
  it(
    "are each an evidence object as POST /patterns gives it, naming no other field",
    () => {
      const one = jsonLines(["stats", SPX, "--json"]);
      const pooled = jsonLines(["stats", ...FILES, "--json"]);
      const then = jsonLines(["stats", ...FILES, "--json", "--as-of", "2004-01-01"]);
      const few = jsonLines(["stats", FIRST, "--json"]);
      for (const lines of [one, pooled, then, few]) expect(lines).toHaveLength(12);
      expect(few.filter((line) => line.successRate === null).length).toBeGreaterThan(5);
      expect(misses("stats", [...one, ...pooled, ...then, ...few])).toEqual({});
      expect(Object.keys(misses("stats", [{ ...one[0], symbol: "SPX" }]))).toHaveLength(1);
    },
    LONG_PROCESS_TIMEOUT,
  );
});

describe("the README's JSON example", () => {
  it("is a scan line, naming no other field", () => {
    const readme = readFileSync(new URL("../../../README.md", import.meta.url), "utf8");
    const shown = readme
      .split("\n")
      .filter((line) => line.startsWith('{"symbol":'))
      .map((line) => JSON.parse(line));
    expect(shown.length).toBeGreaterThan(0);
    expect(misses("scan", shown)).toEqual({});
  });
});
