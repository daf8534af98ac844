// The whole system on one machine, end to end: stream a series, follow a CRITICAL alert through approval.

import assert from "node:assert";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { type Bar, type Detection, parseBarsCsv, scanBars } from "@stock-patterns/core";
import { API_ANSWER_HEADERS } from "@stock-patterns/core/contracts";
import { kinesisClient, sqsClient } from "@stock-patterns/emulators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUICK_POLLING } from "../runtime/config";
import { DEFAULT_REPLAY_FILE } from "./paths";
import { type LocalSystem, startSystem } from "./start-system";

const spx = parseBarsCsv(readFileSync(DEFAULT_REPLAY_FILE, "utf8"));
const dir = mkdtempSync(join(tmpdir(), "local-system-"));
const consoleDir = join(dir, "console");
let system: LocalSystem;

beforeAll(async () => {
  mkdirSync(join(consoleDir, "assets"), { recursive: true });
  writeFileSync(join(consoleDir, "index.html"), "<!doctype html><title>Approver console</title>");
  writeFileSync(join(consoleDir, "assets", "app.js"), "console.log('console');");
  system = await startSystem({
    port: 0,
    outDir: join(dir, "out"),
    consoleDir,
    timing: {
      ...QUICK_POLLING,
      // Fired by hand below (runScheduledCheck); never by itself during these tests.
      schedulePeriodMs: 3_600_000,
    },
  });
}, 120_000);

afterAll(async () => {
  await system?.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface Approval {
  alertId: string;
  status: string;
}

function api(path: string, key: string | undefined, init: RequestInit = {}) {
  return fetch(`${system.apiUrl}${path}`, {
    ...init,
    headers: { ...(key ? { "x-api-key": key } : {}), "content-type": "application/json", ...init.headers },
  });
}

/** Every stored detection of a symbol, through the API's pages. */
async function storedDetections(symbol: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const query = new URLSearchParams({ symbol, limit: "100", ...(cursor ? { cursor } : {}) });
    const page = (await (await api(`/patterns?${query}`, system.apiKeys.reader)).json()) as {
      items: Record<string, unknown>[];
      cursor?: string;
    };
    items.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return items;
}

const key = (d: Pick<Detection, "pattern" | "start" | "end" | "detectedAt" | "confidence">) =>
  `${d.pattern} ${d.start}..${d.end} @${d.detectedAt} ${d.confidence}`;

describe("the local system", () => {
  it("writes outputs.json and serves the API and the console on one origin", async () => {
    const outputs = JSON.parse(readFileSync(system.outputsFile, "utf8"));
    expect(outputs).toMatchObject({
      apiUrl: system.apiUrl,
      consoleUrl: `${system.apiUrl}/`,
      apiKeys: system.apiKeys,
      endpoints: { dynamodb: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) },
      resources: { tables: { Alerts: "Alerts" }, stream: { name: "MarketDataStream" } },
    });
    expect(outputs.resources.queues.AlertQueue.deadLetterUrl).toContain("AlertQueueDLQ");
    expect(outputs.resources.setAsideQueues.RejectedMarketData.url).toMatch(/\/RejectedMarketData$/);
    for (const [path, status] of [
      ["/health", 200],
      ["/alerts", 401],
      ["/no-such-route", 404],
    ] as const) {
      const answer = await api(path, undefined);
      expect(answer.status).toBe(status);
      for (const [name, value] of Object.entries(API_ANSWER_HEADERS)) {
        expect(answer.headers.get(name), `${path}: ${name}`).toBe(value);
      }
    }
    const page = await fetch(`${system.apiUrl}/?token=abcdefghijklmnopqrstuvwxyz`, {
      headers: { accept: "text/html" },
    });
    expect(await page.text()).toContain("Approver console");
    expect(await (await fetch(`${system.apiUrl}/assets/app.js`)).text()).toContain("console.log");
  });

  it("streams a series and follows one CRITICAL alert through approval over HTTP", async () => {
    const sent = await system.replay(spx.slice(0, 300), { symbol: "SPX", interval: "1d" });
    expect(sent).toBe(300);
    await system.settled();
    while (system.approvalRequests.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    const [request] = system.approvalRequests;
    assert(request, "the loop above waits for an approval request");
    const token = new URL(request.link ?? "").searchParams.get("token") ?? "";
    expect(request.link).toBe(`${system.apiUrl}/?token=${token}`);

    const pending = (await (await api("/approvals?status=PENDING", system.apiKeys.approver)).json()) as {
      items: Approval[];
    };
    const approval = pending.items.find((item) => item.alertId === request.alertId) as Approval;
    expect(approval).toMatchObject({ status: "PENDING", severity: "CRITICAL", symbol: "SPX" });

    const forbidden = await api(`/approve/${token}`, system.apiKeys.reader, {
      method: "POST",
      body: JSON.stringify({ decision: "approve" }),
    });
    expect(forbidden.status).toBe(403);
    const decided = await api(`/approve/${token}`, system.apiKeys.approver, {
      method: "POST",
      body: JSON.stringify({ decision: "approve", comment: "confirmed on the chart" }),
    });
    expect(decided.status).toBe(200);
    expect(((await decided.json()) as { approval: Approval }).approval).toMatchObject({
      status: "APPROVED",
      decidedBy: "local-approver",
    });
    const changedMind = await api(`/approve/${token}`, system.apiKeys.approver, {
      method: "POST",
      body: JSON.stringify({ decision: "reject" }),
    });
    expect(changedMind.status).toBe(409);

    const alerts = (await (
      await api("/alerts?severity=CRITICAL&status=APPROVED", system.apiKeys.reader)
    ).json()) as { items: Approval[] };
    expect(alerts.items.map((alert) => alert.alertId)).toContain(approval.alertId);
    // The approved alert is published to TradingAlerts, once.
    while (!system.tradingAlerts.some((n) => n.message.includes(approval.alertId))) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  });

  it("stores the same detections through the stream as scanBars finds, and a replay adds nothing", async () => {
    const bars = spx;
    await system.replay(bars, { symbol: "SPX", interval: "1d" });
    await system.settled();
    const expected = scanBars(bars).map(key).sort();
    const stored = (await storedDetections("SPX")).map((d) => key(d as unknown as Detection)).sort();
    expect(expected.length).toBeGreaterThan(50);
    expect(stored).toEqual(expected);

    const before = await system.stats();
    await system.replay(bars, { symbol: "SPX", interval: "1d" });
    await system.settled();
    expect(await system.stats()).toEqual(before);
    expect((await storedDetections("SPX")).length).toBe(expected.length);
  });

  it("pools the evidence across symbols once the first batch is applied, before the schedule fires", async () => {
    // The series above were streamed; the schedule has not fired (its period here is an hour).
    const response = await api("/stats?interval=1d&pattern=HS", system.apiKeys.reader);
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { symbol: null; series: number; evidence: unknown[] };
    expect(answer.symbol).toBeNull();
    expect(answer.series).toBeGreaterThanOrEqual(1);
    expect(answer.evidence).toHaveLength(1);
  });

  it("takes bars from a plain Kinesis client, and sets malformed records aside while the good ones go through", async () => {
    const client = kinesisClient(system.endpoints.kinesis);
    const bars: Bar[] = spx.slice(2000, 2400);
    const entries = bars.map((bar) => ({
      Data: Buffer.from(JSON.stringify({ symbol: "QQQ", interval: "1d", ...bar })),
      PartitionKey: "QQQ",
    }));
    const notJson = "this is not json";
    const negativeClose = JSON.stringify({ symbol: "QQQ", interval: "1d", time: "2008-01-02", close: -3 });
    const malformed = [notJson, negativeClose];
    entries.splice(100, 0, { Data: Buffer.from(notJson), PartitionKey: "QQQ" });
    entries.splice(250, 0, { Data: Buffer.from(negativeClose), PartitionKey: "QQQ" });
    const { Records = [] } = await client.send(
      new PutRecordsCommand({ StreamName: system.resources.stream.name, Records: entries }),
    );
    client.destroy();
    await system.settled(
      Records.map((r) => ({ shardId: r.ShardId ?? "", sequenceNumber: r.SequenceNumber ?? "" })),
    );

    const setAside = system.reports
      .filter((report) => report.message.includes("Malformed"))
      .flatMap((r) => r.items ?? []);
    expect(setAside).toEqual(malformed);
    const kept = readFileSync(system.setAsideFile, "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(kept.flatMap((entry) => entry.items)).toEqual(expect.arrayContaining(malformed));
    // ...and on the RejectedMarketData queue, raw data and reason, where AWS keeps them 14 days.
    const sqs = sqsClient(system.endpoints.sqs);
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: system.resources.setAsideQueues.RejectedMarketData.url,
        MaxNumberOfMessages: 10,
      }),
    );
    sqs.destroy();
    const rejected = Messages.map((m) => JSON.parse(m.Body ?? "{}") as { data: string; reason: string });
    expect(rejected.map((r) => Buffer.from(r.data, "base64").toString()).sort()).toEqual(
      [...malformed].sort(),
    );
    expect(rejected.map((r) => r.reason).sort()).toEqual(["close -3 is not positive", "data is not JSON"]);
    const expected = scanBars(bars).map(key).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect((await storedDetections("QQQ")).map((d) => key(d as unknown as Detection)).sort()).toEqual(
      expected,
    );
  });

  it("answers POST /patterns through the local Step Functions endpoint running the shared workflow", async () => {
    const bars = spx.slice(1000, 1600);
    const response = await api("/patterns", system.apiKeys.analyst, {
      method: "POST",
      body: JSON.stringify({ symbol: "WFLOW", interval: "1d", bars }),
    });
    expect(response.status).toBe(200);
    const result = (await response.json()) as { status: string; detections: Detection[] };
    expect(result.status).toBe("COMPLETED");
    const expected = scanBars(bars).map(key).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(result.detections.map(key).sort()).toEqual(expected);
    const invalid = await api("/patterns", system.apiKeys.analyst, {
      method: "POST",
      body: JSON.stringify({ symbol: "WFLOW", interval: "1d", bars: bars.slice(0, 10) }),
    });
    expect(invalid.status).toBe(400);
  });

  it("runs the ThresholdChecker on its schedule with a scheduled event, raising each breach once", async () => {
    const quiet = Array.from({ length: 40 }, (_, day) => ({
      time: new Date(Date.UTC(2024, 0, 1 + day)).toISOString().slice(0, 10),
      close: 100 + (day % 2),
    }));
    const jump = { time: "2024-02-10", close: 109 };
    await system.replay([...quiet, jump], { symbol: "JUMP", interval: "1d" });
    await system.settled();
    await system.runScheduledCheck();
    await system.runScheduledCheck();
    await system.settled();
    const alerts = (await (await api("/alerts?symbol=JUMP", system.apiKeys.reader)).json()) as {
      items: { source: string; rule: string; barTime: string }[];
    };
    expect(alerts.items.filter((alert) => alert.source === "threshold")).toEqual([
      expect.objectContaining({ source: "threshold", rule: "priceMove", barTime: "2024-02-10" }),
    ]);
  });

  it("logs each handler's lines under its own function, though they run at once in one runtime", async () => {
    // The runtime runs every function in one process; a line's service comes from the invocation that
    // wrote it (AsyncLocalStorage), which the runtime's Node flags must keep across awaits.
    const lines = readFileSync(system.logFile, "utf8")
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { service?: string; message?: string });
    const writer: Record<string, string> = {
      "Alerts routed": "AlertProcessor",
      "Evidence pooled": "ThresholdChecker",
    };
    const known = lines.filter((line) => line.message !== undefined && Object.hasOwn(writer, line.message));
    for (const message of Object.keys(writer)) {
      expect(
        known.some((line) => line.message === message),
        message,
      ).toBe(true);
    }
    expect(known.filter((line) => line.service !== writer[line.message ?? ""])).toEqual([]);
  });
});
