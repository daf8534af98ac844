// --data-dir: tables, stream position, API keys and the log of what was set aside survive a restart (a torn
// checkpoint file is said and read again from the oldest record; a damaged store is mended); queues and
// topics start afresh.

import assert from "node:assert";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AttributeValue, PutItemCommand, ScanCommand } from "@aws-sdk/client-dynamodb";
import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  PutRecordCommand,
} from "@aws-sdk/client-kinesis";
import { parseBarsCsv } from "@stock-patterns/core";
import { dynamoDbClient, kinesisClient } from "@stock-patterns/emulators";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PollerReport } from "../pollers/poller";
import { QUICK_POLLING } from "../runtime/config";
import { DEFAULT_REPLAY_FILE } from "./paths";
import { type LocalSystem, startSystem } from "./start-system";
import type { StreamPosition } from "./stream-progress";

const bars = parseBarsCsv(readFileSync(DEFAULT_REPLAY_FILE, "utf8")).slice(0, 400);
const dir = mkdtempSync(join(tmpdir(), "local-data-dir-"));
const options = {
  port: 0,
  dataDir: join(dir, "data"),
  outDir: join(dir, "out"),
  timing: QUICK_POLLING,
};
let running: LocalSystem | undefined;

// The first run, the bars replayed into it, for both cases: each stops the system running and starts it
// again on the same directories (the second case, the one the first case restarted).
beforeAll(async () => {
  running = await startSystem(options);
  await running.replay(bars, { symbol: "SPX", interval: "1d" });
  await running.settled();
}, 120_000);

afterAll(async () => {
  await running?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The last record on each of the system's stream's shards, read with a plain Kinesis client. */
async function streamEnd(system: LocalSystem): Promise<StreamPosition[]> {
  const client = kinesisClient(system.endpoints.kinesis);
  const StreamName = system.resources.stream.name;
  const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName }));
  const ends: StreamPosition[] = [];
  for (const { ShardId: shardId = "" } of Shards) {
    let { ShardIterator } = await client.send(
      new GetShardIteratorCommand({ StreamName, ShardId: shardId, ShardIteratorType: "TRIM_HORIZON" }),
    );
    let last: string | undefined;
    for (;;) {
      const { Records = [], NextShardIterator } = await client.send(new GetRecordsCommand({ ShardIterator }));
      if (Records.length === 0) break;
      last = Records.at(-1)?.SequenceNumber;
      ShardIterator = NextShardIterator;
    }
    if (last !== undefined) ends.push({ shardId, sequenceNumber: last });
  }
  client.destroy();
  return ends;
}

describe("a system with a data directory", () => {
  it("keeps its tables and API keys across a restart, and replaying into it adds nothing", async () => {
    assert(running, "the first run");
    const first = { keys: running.apiKeys, stats: await running.stats() };
    expect(first.stats.detections).toBeGreaterThan(0);
    await running.stop();

    // The checkpoint file cut short, as a crash while it was written in place left it: said, not fatal.
    const checkpointFile = join(options.dataDir, "kinesis-checkpoints.json");
    const kept = readFileSync(checkpointFile, "utf8");
    writeFileSync(checkpointFile, kept.slice(0, kept.length / 2));
    const reports: PollerReport[] = [];
    running = await startSystem({ ...options, onReport: (report) => reports.push(report) });
    expect(reports.filter((report) => report.source === "checkpoints").map((r) => r.message)).toEqual([
      expect.stringContaining(`${checkpointFile} is not valid`),
    ]);
    expect(running.apiKeys).toEqual(first.keys);
    expect(await running.stats()).toEqual(first.stats);
    const health = await fetch(`${running.apiUrl}/alerts`, { headers: { "x-api-key": first.keys.reader } });
    expect(health.status).toBe(200);
    await running.replay(bars, { symbol: "SPX", interval: "1d" });
    await running.settled();
    expect(await running.stats()).toEqual(first.stats);
  });

  it("finishes at once, when started again, the alerts its earlier run left on the queues it lost or claimed, and keeps the log of what it set aside", async () => {
    assert(running, "a run with the bars replayed");
    // A malformed record, set aside: the stream's checkpoint passes it, and its RejectedMarketData message
    // goes with the queues.
    const stream = kinesisClient(running.endpoints.kinesis);
    const malformed = "not a bar, set aside before the restart";
    const put = await stream.send(
      new PutRecordCommand({
        StreamName: running.resources.stream.name,
        PartitionKey: "SPX",
        Data: Buffer.from(malformed),
      }),
    );
    stream.destroy();
    await running.settled([{ shardId: put.ShardId ?? "", sequenceNumber: put.SequenceNumber ?? "" }]);
    const setAside = () =>
      readFileSync(join(options.outDir, "logs", "set-aside.jsonl"), "utf8")
        .split("\n")
        .filter(Boolean)
        .flatMap((line) => (JSON.parse(line) as { items?: string[] }).items ?? []);
    expect(setAside()).toEqual([malformed]);
    // An alert stored QUEUED, as its raiser stores it, whose AlertQueue message had not been read when the
    // system stopped: fauxqs keeps no message across runs, so nothing will bring it.
    const dynamo = dynamoDbClient(running.endpoints.dynamodb);
    const TableName = running.resources.tables.Alerts;
    const { Items = [] } = await dynamo.send(new ScanCommand({ TableName }));
    const published = Items.find((item) => item.status?.S === "PUBLISHED" && item.severity?.S !== "CRITICAL");
    expect(published).toBeDefined();
    const now = new Date().toISOString();
    const {
      publishedAt: _publishedAt,
      claimedAt: _claimedAt,
      ...rest
    } = published as Record<string, AttributeValue>;
    const alertId = `alr_${"0".repeat(31)}1`;
    const stranded = {
      ...rest,
      alertId: { S: alertId },
      status: { S: "QUEUED" },
      createdAt: { S: now },
      enqueuedAt: { S: now },
    };
    await dynamo.send(new PutItemCommand({ TableName, Item: stranded }));
    // Two more the earlier run's AlertProcessor had claimed just before it stopped (within the claim's
    // 2-minute lease): one being published, one CRITICAL whose approval request was not yet made.
    const claimedId = `alr_${"0".repeat(31)}2`;
    const criticalId = `alr_${"0".repeat(31)}3`;
    await dynamo.send(
      new PutItemCommand({
        TableName,
        Item: { ...stranded, alertId: { S: claimedId }, claimedAt: { S: now } },
      }),
    );
    const critical = {
      ...stranded,
      alertId: { S: criticalId },
      severity: { S: "CRITICAL" },
      status: { S: "PENDING_APPROVAL" },
      approvalTokenHash: { S: "e".repeat(64) },
      claimedAt: { S: now },
    };
    await dynamo.send(new PutItemCommand({ TableName, Item: critical }));
    dynamo.destroy();
    await running.stop();

    // Started again: its first sweep has no grace to wait out (deployed, 10 minutes), and no earlier
    // claim's lease either: their holders stopped with the earlier run.
    running = await startSystem(options);
    const reader = { "x-api-key": running.apiKeys.reader };
    const status = async (id: string) =>
      (
        (await (await fetch(`${running?.apiUrl}/alerts/${id}`, { headers: reader })).json()) as {
          status: string;
        }
      ).status;
    const requested = () => running?.approvalRequests.some((request) => request.alertId === criticalId);
    const finished = async () =>
      (await status(alertId)) === "PUBLISHED" && (await status(claimedId)) === "PUBLISHED" && requested();
    const deadline = Date.now() + 60_000;
    while (!(await finished()) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 250));
    expect([await status(alertId), await status(claimedId), requested()]).toEqual([
      "PUBLISHED",
      "PUBLISHED",
      true,
    ]);
    // The stream will not bring the malformed record again: the log still says it was set aside, and why.
    expect(setAside()).toEqual([malformed]);
  });

  it("mends a DynamoDB store it finds damaged at start, says so, and reads the stream again into it", async () => {
    assert(running, "a run with the bars replayed");
    await running.settled();
    const before = await running.stats();
    await running.stop();
    // CURRENT emptied, as a disk that failed (or a copy taken while it was written) can leave it: dynalite
    // then answered every request "Database is closed".
    writeFileSync(join(options.dataDir, "dynamodb", "CURRENT"), "");
    const reports: PollerReport[] = [];
    running = await startSystem({ ...options, onReport: (report) => reports.push(report) });
    const said = reports.filter((report) => report.source === "store");
    expect(said.map((report) => [report.functionName, report.message])).toEqual([
      [
        "DynamoDB",
        expect.stringMatching(
          /dynamodb could not be opened \(Corruption: CURRENT file does not end with newline\) and was mended .* kept in .*\/dynamodb\.damaged-\d{8}T\d{6}Z; the stream, which holds every record put on it, is read again from its oldest record into emptied series windows/,
        ),
      ],
    ]);
    const keptAs = /kept in (\S+);/.exec(said[0]?.message ?? "")?.[1] ?? "";
    expect(existsSync(join(keptAs, "kinesis-checkpoints.json"))).toBe(true);
    // Read again to the stream's last record (this run put nothing, so settled() alone has nothing to wait
    // for): every detection there once, none twice.
    await running.settled(await streamEnd(running));
    expect(await running.stats()).toEqual(before);
  });

  it("says a record of DynamoDB's log damaged inside, which LevelDB passed over unsaid, and reads the stream again into emptied windows, storing again what it lost", async () => {
    assert(running, "a run with the bars replayed");
    // The bars again as another symbol: the store's newest log then holds their windows and detections.
    await running.replay(bars, { symbol: "NDX", interval: "1d" });
    await running.settled();
    const before = await running.stats();
    const detections = running.resourceDetails.tables.TradingPatterns;
    await running.stop();
    const store = join(options.dataDir, "dynamodb");
    // A byte inside the last write of a detection in the newest log that holds one (a log started just
    // before the stop may hold none), as a failing disk can change one.
    const log = readdirSync(store)
      .filter((name) => /^\d+\.log$/.test(name))
      .sort()
      .reverse()
      .find((name) => readFileSync(join(store, name)).includes(detections));
    assert(log, "a log in DynamoDB's store that holds a detection's write");
    const bytes = readFileSync(join(store, log));
    const at = bytes.lastIndexOf(detections);
    bytes[at] = (bytes[at] as number) ^ 0x20;
    writeFileSync(join(store, log), bytes);
    const reports: PollerReport[] = [];
    running = await startSystem({ ...options, onReport: (report) => reports.push(report) });
    const said = reports.filter((report) => report.source === "store").map((report) => report.message);
    expect(said).toEqual([
      expect.stringMatching(
        new RegExp(
          `dynamodb holds a damaged record in its log \\(Corruption: checksum mismatch in ${log} at byte \\d+\\), which LevelDB would have passed over unsaid: .* kept in \\S+; the stream, which holds every record put on it, is read again from its oldest record into emptied series windows: .*each detection once\\)$`,
        ),
      ),
    ]);
    const keptAs = /kept in (\S+);/.exec(said[0] ?? "")?.[1] ?? "";
    expect(readFileSync(join(keptAs, log))).toEqual(bytes);
    // Read again from its oldest record (this run put nothing to wait for), every bar applied again: the
    // detection lost is stored again. With the windows kept the bars read again were taken for resends
    // they had applied: 65 of 66 detections a minute after the start.
    const restarted = running;
    const deadline = Date.now() + 60_000;
    let now = await restarted.stats();
    while (JSON.stringify(now) !== JSON.stringify(before) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      now = await restarted.stats();
    }
    expect(now).toEqual(before);
  });
});
