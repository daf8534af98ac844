// The local system as the end-to-end tests use it: started on a free port, fed real bars through the
// API, and asked (through the API) what the console should be showing.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type LocalSystem, startSystem } from "@stock-patterns/local";
import { sampleBars } from "./sampleBars";
import { waitFor } from "./waitFor";

/** What the API says an approval is about: the console must show the same. */
export interface ApprovalSubject {
  alertId: string;
  pattern: string;
  name: string;
  extrema: number;
  bars: number;
}

/** A running system plus the calls the tests make around the browser. */
export interface TestSystem {
  system: LocalSystem;
  /** GET with the approver key; throws on any non-2xx answer. */
  api<T>(path: string): Promise<T>;
  /** Sends the sample's year 2000 for `symbol` through POST /patterns: it holds a double top scoring CRITICAL. */
  analyse(symbol: string): Promise<void>;
  /**
   * Puts the sample's bars from `from` through `to` (ISO dates) on the market-data stream as `symbol`, as a
   * feed would, and waits until they are processed: detections stored with their outcomes, alerts raised.
   */
  stream(symbol: string, from: string, to: string): Promise<void>;
  /** The approve link of the approval request raised for `symbol` (waits for its notification). */
  linkFor(symbol: string): Promise<string>;
  /** The alert and detection behind an approve link. */
  approvalSubject(link: string): Promise<ApprovalSubject>;
  stop(): Promise<void>;
}

/**
 * Starts the whole local system with short poll waits, its files in a temporary directory.
 * @example const test = await startTestSystem(); await test.analyse("SPX"); await test.stop();
 */
export async function startTestSystem(): Promise<TestSystem> {
  const outDir = mkdtempSync(join(tmpdir(), "console-e2e-"));
  const system = await startSystem({
    port: 0,
    outDir,
    timing: { sqsWaitSeconds: 1, kinesisIdleWaitMs: 100, kinesisBatchingWindowMs: 100 },
  });

  const api = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${system.apiUrl}${path}`, {
      headers: { "x-api-key": system.apiKeys.approver },
    });
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };

  const analyse = async (symbol: string) => {
    const response = await fetch(`${system.apiUrl}/patterns`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": system.apiKeys.analyst },
      body: JSON.stringify({ symbol, interval: "1d", bars: sampleBars("2000-01-01", "2000-12-31") }),
    });
    if (response.status !== 200) {
      throw new Error(`POST /patterns answered ${response.status}: ${await response.text()}`);
    }
  };

  const stream = async (symbol: string, from: string, to: string) => {
    await system.replay(sampleBars(from, to), { symbol, interval: "1d" });
    await system.settled();
  };

  const linkFor = (symbol: string) =>
    waitFor(`the approval request for ${symbol}`, async () => {
      for (const { link } of system.approvalRequests) {
        const token = link && new URL(link).searchParams.get("token");
        if (token && (await api<{ symbol: string }>(`/approvals/${token}`)).symbol === symbol) return link;
      }
      return undefined;
    });

  const approvalSubject = async (link: string): Promise<ApprovalSubject> => {
    const token = new URL(link).searchParams.get("token") as string;
    const approval = await api<{ alertId: string }>(`/approvals/${token}`);
    const alert = await api<{
      alertId: string;
      pattern: string;
      patternName: string;
      detection: { extrema: unknown[] };
      bars: unknown[];
    }>(`/alerts/${approval.alertId}`);
    return {
      alertId: alert.alertId,
      pattern: alert.pattern,
      name: alert.patternName,
      extrema: alert.detection.extrema.length,
      bars: alert.bars.length,
    };
  };

  const stop = async () => {
    await system.stop();
    rmSync(outDir, { recursive: true, force: true });
  };

  return { system, api, analyse, stream, linkFor, approvalSubject, stop };
}
