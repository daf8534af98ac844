// One series, every surface: what the running system answers for a series (GET /patterns, GET /stats,
// GET /alerts/{alertId}'s evidence, POST /patterns) against what the installed `patterns` CLI prints for a
// file of the same bars: whichever of POST /patterns and the stream met the series first, and for times
// written as epoch seconds, streamed in several batches.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type Bar,
  type DetectionWithOutcome,
  type Evidence,
  parseBarsCsv,
  type RunningEvidence,
  timeValue,
} from "@stock-patterns/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUICK_POLLING } from "../runtime/config";
import { DEFAULT_REPLAY_FILE, REPO_ROOT } from "./paths";
import { type LocalSystem, startSystem } from "./start-system";

const PATTERNS = join(REPO_ROOT, "packages/cli/bin/patterns.cjs");
const spx = parseBarsCsv(readFileSync(DEFAULT_REPLAY_FILE, "utf8"));
const dir = mkdtempSync(join(tmpdir(), "local-surfaces-"));
let system: LocalSystem;

beforeAll(async () => {
  system = await startSystem({
    port: 0,
    outDir: join(dir, "out"),
    timing: {
      ...QUICK_POLLING,
      schedulePeriodMs: 3_600_000,
    },
  });
}, 120_000);

afterAll(async () => {
  await system?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function api<T>(path: string, init: RequestInit = {}): Promise<{ status: number; json: T }> {
  const answer = await fetch(`${system.apiUrl}${path}`, {
    ...init,
    // Reads with a reader key; an analysis (POST /patterns) stores, so it takes an analyst key.
    headers: {
      "x-api-key": init.method === "POST" ? system.apiKeys.analyst : system.apiKeys.reader,
      "content-type": "application/json",
    },
  });
  return { status: answer.status, json: (await answer.json()) as T };
}

interface AlertDetail {
  alertId: string;
  source: string;
  pattern: string;
  barTime: string;
  evidence?: Evidence | RunningEvidence;
}

/** Every alert of a symbol, as GET /alerts/{alertId} answers it. */
async function alertsOf(symbol: string): Promise<AlertDetail[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ symbol, limit: "100", ...(cursor ? { cursor } : {}) });
    const page = await api<{ items: { alertId: string }[]; cursor?: string }>(`/alerts?${query}`);
    ids.push(...page.json.items.map((alert) => alert.alertId));
    cursor = page.json.cursor;
  } while (cursor);
  return Promise.all(ids.map(async (id) => (await api<AlertDetail>(`/alerts/${id}`)).json));
}

/** A bar file of `bars` named for `symbol`, as the CLI reads one series. */
function barFile(symbol: string, bars: readonly Bar[]): string {
  const file = join(dir, `${symbol}.csv`);
  const row = (bar: Bar) => [bar.time, bar.open, bar.high, bar.low, bar.close, bar.volume].join(",");
  writeFileSync(file, ["date,open,high,low,close,volume", ...bars.map(row)].join("\n"));
  return file;
}

/** The installed `patterns` command's JSON lines. */
function patterns<T>(...args: string[]): T[] {
  const out = execFileSync(process.execPath, [PATTERNS, ...args], { encoding: "utf8" });
  return out
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as T);
}

/** `patterns stats FILE --as-of TIME --json`: the evidence per code as of TIME. */
const cliEvidence = (file: string, asOf: string) =>
  patterns<Evidence>("stats", file, "--as-of", asOf, "--json");

/** Every stored detection of a symbol, through GET /patterns' pages. */
async function storedOf(symbol: string): Promise<DetectionWithOutcome[]> {
  const items: DetectionWithOutcome[] = [];
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ symbol, limit: "100", ...(cursor ? { cursor } : {}) });
    const page = await api<{ items: DetectionWithOutcome[]; cursor?: string }>(`/patterns?${query}`);
    items.push(...page.json.items);
    cursor = page.json.cursor;
  } while (cursor);
  return items;
}

/** What every surface says of a detection: the spec's record and its outcome record. */
const told = ({ pattern, start, end, detectedAt, extrema, confidence, outcome }: DetectionWithOutcome) => ({
  pattern,
  start,
  end,
  detectedAt,
  extrema,
  confidence,
  outcome,
});

/** The evidence without the figures that need every value (median, KS): what an alert from the stream carries. */
function running(evidence: Evidence): RunningEvidence {
  const horizons = Object.fromEntries(
    Object.entries(evidence.horizons).map(([h, { returns, baseline, ks: _ks, ...rest }]) => {
      const { median: _m, ...r } = returns;
      const { median: _b, ...b } = baseline;
      return [h, { returns: r, baseline: b, ...rest }];
    }),
  );
  return { ...evidence, horizons } as RunningEvidence;
}

/**
 * Each pattern alert's evidence against the CLI's as of its bar (one CLI run per bar), `as` it is carried:
 * whole from POST /patterns, running (without median and KS) from the stream.
 */
function expectCliEvidence(
  alerts: readonly AlertDetail[],
  file: string,
  as: (evidence: Evidence) => Evidence | RunningEvidence,
) {
  const byTime = new Map<string, Evidence[]>();
  for (const alert of alerts) {
    let printed = byTime.get(alert.barTime);
    if (!printed) {
      printed = cliEvidence(file, alert.barTime);
      byTime.set(alert.barTime, printed);
    }
    const expected = printed.find((e) => e.pattern === alert.pattern) as Evidence;
    expect(alert.evidence, `${alert.pattern} ${alert.barTime}`).toEqual(as(expected));
  }
}

describe("one series on every surface", () => {
  it("stores the alerts POST /patterns raises with the evidence the CLI prints at their bar, kept when the stream follows", async () => {
    const bars = spx.slice(0, 700);
    const file = barFile("POSTED", bars);
    const posted = await api<{ alerts: { created: boolean }[] }>("/patterns", {
      method: "POST",
      body: JSON.stringify({ symbol: "POSTED", interval: "1d", bars }),
    });
    expect(posted.status).toBe(200);
    expect(posted.json.alerts.filter((alert) => alert.created).length).toBeGreaterThan(10);
    const raised = (await alertsOf("POSTED")).filter((alert) => alert.source === "pattern");
    expect(raised).toHaveLength(posted.json.alerts.length);
    // The whole evidence, median and KS too: POST /patterns has the whole series.
    expectCliEvidence(raised, file, (evidence) => evidence);

    // The stream meeting the same detections keeps the evidence stored first.
    await system.replay(bars, { symbol: "POSTED", interval: "1d" });
    await system.settled();
    const evidence = (alerts: readonly AlertDetail[]) =>
      alerts
        .filter((alert) => alert.source === "pattern")
        .map(({ alertId, evidence }) => ({ alertId, evidence }));
    expect(evidence(await alertsOf("POSTED"))).toEqual(evidence(raised));
  });

  it("tells one story of a series written in epoch seconds: streamed in batches, POSTed, and read by the CLI", async () => {
    const bars = spx.slice(2000, 2900).map((bar) => ({ ...bar, time: String(timeValue(bar.time) / 1000) }));
    const file = barFile("EPOCHS", bars);
    // Batches of 150 bars, each processed before the next is put: the window carried across them.
    for (let from = 0; from < bars.length; from += 150) {
      await system.replay(bars.slice(from, from + 150), { symbol: "EPOCHS", interval: "1d" });
      await system.settled();
    }
    // Every request before the CLI runs: a keep-alive connection the server closed while the CLI held this
    // process would fail a POST sent on it.
    const posted = await api<{ detections: DetectionWithOutcome[]; evidence: Evidence[] }>("/patterns", {
      method: "POST",
      body: JSON.stringify({ symbol: "EPOCHP", interval: "1d", bars }),
    });
    expect(posted.status).toBe(200);
    const stored = await storedOf("EPOCHS");
    const stats = await api<{ asOf: string; evidence: RunningEvidence[] }>(
      "/stats?symbol=EPOCHS&interval=1d",
    );
    const alerts = (await alertsOf("EPOCHS")).filter((alert) => alert.source === "pattern");

    const printed = patterns<DetectionWithOutcome & { symbol: string }>("scan", file, "--outcomes", "--json");
    expect(printed.length).toBeGreaterThan(50);
    // Newest first, a bar's codes in the reverse of the scan's: the scan's list reversed.
    expect(stored.map(told)).toEqual(printed.map(told).reverse());
    const evidence = patterns<Evidence>("stats", file, "--json");
    expect(stats.json.evidence).toEqual(evidence.map(running));
    expect(alerts.length).toBeGreaterThan(20);
    expectCliEvidence(alerts, file, running);

    // In the CLI's order; POST /patterns answers no extrema (GET /patterns has them).
    expect(posted.json.detections.map((d) => ({ ...told(d), extrema: undefined }))).toEqual(
      printed.map((d) => ({ ...told(d), extrema: undefined })),
    );
    expect(posted.json.evidence).toEqual(evidence);
  });
});
