// docs/capacity.md says which KinesisConsumer settings it calls for and that they are set (issue 13): infra
// takes them from this catalog (infra/functions.test.ts pins that), so the page must state the catalog's.
// Its hot-key audit names each table and index of the catalog with its key and projection, so a new index,
// a new key or a changed projection fails here until the audit covers it.

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BUSINESS_METRICS } from "../contracts/metrics";
import { PATTERN_CODES } from "../types";
import { type AslState, type AslStateMachine, patternAnalysisDefinition } from "../workflow";
import {
  ALERT_FEED_SHARDS,
  EVENT_SOURCES,
  type IndexSpec,
  projectionOf,
  TABLES,
  type TableSpec,
} from "./index";

const page = readFileSync(new URL("../../../../docs/capacity.md", import.meta.url), "utf8");

/** An index's projection as the hot-key table names it: "all", "keys only" or "include a, b". */
function projectionLabel(index: IndexSpec): string {
  const { type, nonKeyAttributes = [] } = projectionOf(index);
  if (type === "INCLUDE") return `include ${nonKeyAttributes.join(", ")}`;
  return type === "KEYS_ONLY" ? "keys only" : "all";
}

/** The page's "Settings" section as one line of text, however it is wrapped. */
function settingsSection(): string {
  const start = page.indexOf("\n## Settings\n");
  expect(start).toBeGreaterThan(-1);
  const end = page.indexOf("\n## ", start + 1);
  return page.slice(start, end === -1 ? undefined : end).replace(/\s+/g, " ");
}

describe("docs/capacity.md's settings", () => {
  it("are the KinesisConsumer's event-source settings in the catalog", () => {
    const settings = EVENT_SOURCES.KinesisConsumer;
    const section = settingsSection();
    const set = section.slice(0, section.indexOf("Recommended, not set yet"));
    expect(set).toContain(`**parallelizationFactor ${settings.parallelizationFactor}**`);
    expect(set).toContain(`**batch size ${settings.batchSize.toLocaleString("en-US")}**`);
    expect(set).toContain(`batching window ${settings.maxBatchingWindowSeconds} s`);
    expect(set).toContain(`${settings.maxRetries} retries`);
    expect(set).toContain(settings.bisectOnError ? "bisect on error" : "no bisect on error");
    // Why that factor: the concurrency the page works out, over the 8 shards on-demand holds at first.
    expect(set).toContain(`need ${settings.parallelizationFactor} per shard while on-demand holds 8 shards`);
  });
});

describe("docs/capacity.md's custom metrics", () => {
  it("count one ConfidenceScore metric per symbol and pattern while the Symbol dimension is filed", () => {
    const start = page.indexOf("\n## CloudWatch custom metrics");
    expect(start).toBeGreaterThan(-1);
    const section = page.slice(start, page.indexOf("\n## ", start + 1)).replace(/\s+/g, " ");
    const bySymbol = (BUSINESS_METRICS.ConfidenceScore.dimensions as readonly string[]).includes("Symbol");
    // The page prices the Symbol dimension: drop it from the catalog and this section must change with it.
    expect(bySymbol).toBe(true);
    const metrics = (8000 * PATTERN_CODES.length).toLocaleString("en-US");
    expect(section).toContain(
      `| \`ConfidenceScore\` metrics by pattern and symbol | ${metrics} | ${metrics} |`,
    );
    expect(section).toContain(`all ${PATTERN_CODES.length}:`);
  });
});

/**
 * The history events a completed run of `machine` logs at level ALL, following StartAt and Next to the end
 * (the success path: no Catch taken, no retry). Per Lambda task state (its Resource a function ARN): entered,
 * scheduled, started, succeeded, exited; per Parallel state: entered, started, succeeded, exited, and its
 * branches' events. https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html
 */
function successPathEvents(machine: AslStateMachine): number {
  let events = 0;
  for (let name: string | undefined = machine.StartAt; name !== undefined; ) {
    const state: AslState | undefined = machine.States[name];
    expect(state, name).toBeDefined();
    if (state?.Type === "Task") events += 5;
    else if (state?.Type === "Parallel")
      events += 4 + state.Branches.reduce((n: number, b: AslStateMachine) => n + successPathEvents(b), 0);
    else throw new Error(`${name}: a ${state?.Type} state's events are not counted here`);
    name = "Next" in state ? state.Next : undefined;
  }
  return events;
}

describe("docs/capacity.md's workflow log", () => {
  it("counts the events a completed analysis logs from the ASL", () => {
    const start = page.indexOf("\n### The PatternAnalysisWorkflow's execution log");
    expect(start).toBeGreaterThan(-1);
    const section = page.slice(start, page.indexOf("\n## ", start + 1)).replace(/\s+/g, " ");
    const definition = patternAnalysisDefinition("arn:aws:lambda:us-east-1:123456789012:function:Detector");
    // The execution's own start and end, then the states on the success path.
    const events = 2 + successPathEvents(definition);
    expect(events).toBe(36);
    expect(section).toContain(`A completed analysis is ${events} events`);
  });
});

/** A section of the page from its heading to the next one of its level, or the end. */
function section(heading: string): string {
  const start = page.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThan(-1);
  const end = page.indexOf("\n## ", start + 1);
  return page.slice(start, end === -1 ? undefined : end);
}

/** The rows of the section's table whose header begins `| <first> |`, as cells. */
function tableRows(text: string, first: string): string[][] {
  const lines = text.split("\n");
  const header = lines.findIndex((line) => line.startsWith(`| ${first} |`));
  expect(header, first).toBeGreaterThan(-1);
  const rows: string[][] = [];
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith("|")) break;
    rows.push(
      line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

describe("docs/capacity.md's hot key values", () => {
  const text = section("## One key value's throughput (hot partitions)");

  it("name every table and index of the catalog once, with its partition key and projection", () => {
    const expected = Object.entries(TABLES).flatMap(([table, spec]: [string, TableSpec]) => [
      { name: table, key: spec.partitionKey, projection: "table" },
      ...(spec.indexes ?? []).map((index) => ({
        name: `${table}.${index.name}`,
        key: index.partitionKey,
        projection: projectionLabel(index),
      })),
    ]);
    const rows = tableRows(text, "table or index").map(([name, key, projection]) => ({
      name,
      // The key cell names the attribute first, then how many values it takes.
      key: key?.match(/^`([^`]+)`/)?.[1],
      projection,
    }));
    expect(rows).toEqual(expected);
  });

  it("work the alert feeds' write units a key value from the writes an alert makes and the shards", () => {
    const inputs = tableRows(text, "input");
    const writes = Number(
      inputs
        .find(([input]) => input === "writes that change an alert over its life")?.[1]
        ?.match(/\*\*([\d.]+)\*\*/)?.[1],
    );
    expect(writes).toBeGreaterThan(0);
    const alertsPerSecond = 8000 * 0.061;
    const units = (n: number) => Math.round(n).toLocaleString("en-US");
    const rows = Object.fromEntries(tableRows(text, "table or index").map((row) => [row[0], row]));
    // byCreatedAt: every write rewrites the entry (1 or 2 WCU); unfinishedByCreatedAt: in and out, 1 WCU each.
    // Each alert's entries go under one of ALERT_FEED_SHARDS values: a value takes its share.
    const shards = ALERT_FEED_SHARDS;
    const [low, high] = [alertsPerSecond * writes, alertsPerSecond * writes * 2];
    expect(rows["Alerts.byCreatedAt"]?.[4]).toContain(
      `**${units(low / shards)} to ${units(high / shards)}** a value (${units(low)} to ${units(high)} over all ${shards})`,
    );
    expect(rows["Alerts.unfinishedByCreatedAt"]?.[4]).toContain(
      `**${units((alertsPerSecond * 2) / shards)}** a value (${units(alertsPerSecond * 2)} over all ${shards})`,
    );
    // The key cells count the shards' values and the one alerts stored before keep.
    expect(rows["Alerts.byCreatedAt"]?.[1]).toContain(`**${shards + 1} values**`);
    expect(rows["Alerts.unfinishedByCreatedAt"]?.[1]).toContain(`**${shards + 1} values**`);
  });
});
