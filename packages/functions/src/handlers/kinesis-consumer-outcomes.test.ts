// KinesisConsumer following outcomes, records read from kinesalite: the stored outcomes equal the batch
// scan's and what the installed `patterns scan --outcomes` prints, every alert's evidence equals
// evidenceOf at its detectedAt and what `patterns stats --as-of` prints (without median and KS), on the
// bundled series and on several symbols interleaved; replaying a batch changes no stored record
// (detections, alerts, evidence snapshots).

import assert from "node:assert";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type Bar,
  type DetectionWithOutcome,
  type Evidence,
  evidenceOf,
  type Outcome,
  outcomeRecord,
  patternAlertId,
  scanOutcomes,
} from "@stock-patterns/core";
import { afterAll, describe, expect, it } from "vitest";
import { getAlert } from "#alerts";
import { recordOutcomes, type StoredPattern } from "#analysis";
import { loadWindow, saveWindow } from "#stream";
import { lambdaContext, StreamReader, scanTable } from "#test/aws";
import { running } from "#test/evidence";
import { sp500 } from "#test/fixtures";
import { replaySeries } from "#test/stream-replay";
import { handler } from "./kinesis-consumer";

const reader = new StreamReader();
const files = mkdtempSync(join(tmpdir(), "consumer-outcomes-"));
afterAll(() => {
  reader.close();
  rmSync(files, { recursive: true, force: true });
});

/** The `patterns` command as installed (compiled at npm install), run on files: its JSON lines. */
const PATTERNS = fileURLToPath(new URL("../../../cli/bin/patterns.cjs", import.meta.url));
function patterns<T>(...args: string[]): T[] {
  const out = execFileSync(process.execPath, [PATTERNS, ...args], { encoding: "utf8" });
  return out
    .trim()
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as T);
}

/** A bar file the CLI reads as the series `symbol` (its name), holding the bars the stream got. */
function barFile(symbol: string, bars: readonly Bar[]): string {
  const file = join(files, `${symbol}.csv`);
  const row = (bar: Bar) => [bar.time, bar.open, bar.high, bar.low, bar.close, bar.volume].join(",");
  writeFileSync(file, ["date,open,high,low,close,volume", ...bars.map(row)].join("\n"));
  return file;
}

const replay = (series: Record<string, readonly Bar[]>) => replaySeries(reader, series);

const storedPatterns = async (symbol: string) =>
  (await scanTable<StoredPattern>("TradingPatterns")).filter((p) => p.symbol === symbol);

/** Checks one symbol's stored outcomes and alert evidence against the batch scan of its bars. */
async function expectSameAsBatch(symbol: string, bars: Bar[]) {
  const batch = scanOutcomes(bars);
  const stored = await storedPatterns(symbol);
  const key = (d: { pattern: string; detectedAt: string }) => `${d.detectedAt} ${d.pattern}`;
  expect(stored.map(key).sort()).toEqual(batch.map(key).sort());
  const storedOutcome = new Map(stored.map((p) => [key(p), p.outcome]));
  for (const detection of batch)
    expect(storedOutcome.get(key(detection))).toEqual(outcomeRecord(detection.outcome));
  expect(batch.filter((d) => d.outcome.status !== "open").length).toBeGreaterThan(0);

  let alerts = 0;
  for (const detection of batch) {
    const alert = await getAlert(patternAlertId(symbol, "1d", detection));
    if (!alert) continue;
    alerts++;
    const asOf = evidenceOf([{ bars, detections: batch }], detection.detectedAt);
    const expected = asOf.find((e) => e.pattern === detection.pattern);
    expect(expected).toBeDefined();
    expect(alert.evidence).toEqual(running(expected as Evidence));
  }
  return alerts;
}

/**
 * Checks one symbol's stored detections and outcomes against `patterns scan --outcomes` on a file of its
 * bars, and the evidence of alerts at `samples` detection times against `patterns stats --as-of` there
 * (each a process; evidenceOf checks every alert in expectSameAsBatch).
 */
async function expectSameAsCli(
  symbol: string,
  bars: readonly Bar[],
  file = barFile(symbol, bars),
  samples = 4,
) {
  const printed = patterns<DetectionWithOutcome & { symbol: string }>("scan", file, "--outcomes", "--json");
  const key = (d: { pattern: string; detectedAt: string }) => `${d.detectedAt} ${d.pattern}`;
  const stored = new Map((await storedPatterns(symbol)).map((p) => [key(p), p]));
  expect([...stored.keys()].sort()).toEqual(printed.map(key).sort());
  for (const { symbol: _file, ...detection } of printed) {
    const { pattern, start, end, detectedAt, extrema, confidence, outcome } =
      stored.get(key(detection)) ?? {};
    expect({ pattern, start, end, detectedAt, extrema, confidence, outcome }).toEqual(detection);
  }

  const alerted: DetectionWithOutcome[] = [];
  for (const detection of printed)
    if (await getAlert(patternAlertId(symbol, "1d", detection))) alerted.push(detection);
  expect(alerted.length).toBeGreaterThanOrEqual(samples);
  const times = [...new Set(alerted.map((d) => d.detectedAt))];
  for (let i = 0; i < samples; i++) {
    const asOf = times[Math.round((i * (times.length - 1)) / (samples - 1))];
    assert(asOf, "an index within the alerted times");
    const evidence = patterns<Evidence>("stats", file, "--as-of", asOf, "--json");
    for (const detection of alerted.filter((d) => d.detectedAt === asOf)) {
      const alert = await getAlert(patternAlertId(symbol, "1d", detection));
      const printedEvidence = evidence.find((e) => e.pattern === detection.pattern);
      expect(printedEvidence).toBeDefined();
      expect(alert?.evidence).toEqual(running(printedEvidence as Evidence));
    }
  }
}

describe("KinesisConsumer outcomes and evidence", () => {
  it("stores the batch scan's outcomes and gives each alert the CLI's evidence, on the bundled series", async () => {
    const bars = sp500();
    await replay({ SPX: bars });
    expect(await expectSameAsBatch("SPX", bars)).toBeGreaterThan(10);
    await expectSameAsCli(
      "SPX",
      bars,
      fileURLToPath(new URL("../../../../data/sp500-2000.csv", import.meta.url)),
    );
    // The window keeps only outcomes that can still move, each with the id of its stored detection.
    const window = await loadWindow("SPX", "1d");
    expect(window.outcomes?.open.every((o) => o.status === "open")).toBe(true);
    expect(Object.keys(window.patternIds ?? {}).sort()).toEqual(
      (window.outcomes?.open ?? []).map((o) => `${o.pattern}@${o.detectedAt}`).sort(),
    );
  }, 240_000);

  it("does the same for several symbols interleaved in each batch", async () => {
    const all = sp500();
    const series = { MSA: all.slice(0, 700), MSB: all.slice(500, 1200), MSC: all.slice(2000, 2600) };
    await replay(series);
    for (const [symbol, bars] of Object.entries(series)) {
      await expectSameAsBatch(symbol, bars);
      await expectSameAsCli(symbol, bars, undefined, 2);
    }
  }, 120_000);

  it("changes no stored record when a batch is applied again, also after its window save was lost", async () => {
    const all = sp500();
    const series = { RPA: all.slice(0, 600), RPB: all.slice(300, 900) };
    const events = await replay({ RPA: series.RPA.slice(0, 400), RPB: series.RPB.slice(0, 400) });
    expect(events.length).toBeGreaterThan(0);
    const windowsBefore = [await loadWindow("RPA", "1d"), await loadWindow("RPB", "1d")];
    const delivered = await replay({ RPA: series.RPA.slice(400), RPB: series.RPB.slice(400) });
    expect(delivered).toHaveLength(1);
    const [event] = delivered;
    assert(event, "the one batch checked above");
    const patterns = await scanTable("TradingPatterns");
    const alerts = await scanTable("Alerts");
    const snapshots = await scanTable("EvidenceSnapshots");
    expect(snapshots.length).toBeGreaterThan(0);
    const windows = [await loadWindow("RPA", "1d"), await loadWindow("RPB", "1d")];

    // The same records delivered again.
    expect((await handler(event, lambdaContext())).batchItemFailures).toEqual([]);
    expect(await scanTable("TradingPatterns")).toEqual(patterns);
    expect(await scanTable("Alerts")).toEqual(alerts);
    expect(await scanTable("EvidenceSnapshots")).toEqual(snapshots);
    expect([await loadWindow("RPA", "1d"), await loadWindow("RPB", "1d")]).toEqual(windows);

    // As if the first run stored everything but died before saving the windows: put them back as they
    // were before the batch (one version on, as a save would), and apply the batch again.
    for (const before of windowsBefore) {
      const current = await loadWindow(before.symbol, "1d");
      await saveWindow(current, before.bars, { outcomes: before.outcomes, patternIds: before.patternIds });
    }
    expect((await handler(event, lambdaContext())).batchItemFailures).toEqual([]);
    expect(await scanTable("TradingPatterns")).toEqual(patterns);
    expect(await scanTable("Alerts")).toEqual(alerts);
    expect(await scanTable("EvidenceSnapshots")).toEqual(snapshots);
    const again = [await loadWindow("RPA", "1d"), await loadWindow("RPB", "1d")];
    expect(again.map(({ bars, outcomes, patternIds }) => ({ bars, outcomes, patternIds }))).toEqual(
      windows.map(({ bars, outcomes, patternIds }) => ({ bars, outcomes, patternIds })),
    );
  }, 120_000);

  it("writes an outcome only over an older one", async () => {
    const stored = (await storedPatterns("SPX")).find((p) => p.outcome?.status !== "open");
    expect(stored?.outcome).toBeDefined();
    const pattern = stored as StoredPattern;
    const older = { ...(pattern.outcome as Outcome), status: "open" as const, resolvedAt: null };
    const changed = await recordOutcomes([
      {
        patternId: pattern.patternId,
        interval: pattern.interval,
        detectedAt: pattern.detectedAt,
        outcome: older,
        asOf: pattern.detectedAt,
      },
    ]);
    expect(changed).toBe(0);
    const after = (await storedPatterns("SPX")).find((p) => p.patternId === pattern.patternId);
    expect(after).toEqual(pattern);
  });
});
