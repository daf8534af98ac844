// `npm run bench:pipeline`: the local system end to end. N symbols x M bars go on the market-data stream
// bar by bar (every symbol's bar t, then t + 1, as a feed sends them); reports bars/s from the first put to
// the last stored detection, put-to-stored latency of each detection (p50/p99), DynamoDB and all AWS calls per bar,
// CPU per bar on both sides of the calls, the handlers' log lines and bytes by kind (per new-series request and
// per bar), and POST /patterns latency with 300 bars. BENCH_PROFILE=DIR writes the functions' CPU profile there.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type AttributeValue, ScanCommand } from "@aws-sdk/client-dynamodb";
import { PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { parseBarsCsv } from "@stock-patterns/core";
import { dynamoDbClient } from "@stock-patterns/emulators";
import { packBars } from "@stock-patterns/functions/src/analysis/compact-bars";
import { DEFAULT_REPLAY_FILE, kinesisClient, marketDataEntry, startSystem } from "../src/index";
import { type LineCount, logKinds, logMark } from "./log-lines";

const SYMBOLS = Number(process.env.BENCH_SYMBOLS ?? 50);
const BARS = Number(process.env.BENCH_BARS ?? 300);
const POSTS = Number(process.env.BENCH_POSTS ?? 30);
const PROFILE = process.env.BENCH_PROFILE;

/** Runs `work` `runs` times in a row; returns each run's milliseconds. */
async function timed(runs: number, work: () => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times;
}

/**
 * CPU time (user + system, ms) a process has used so far, from Linux's /proc (clock ticks of 10 ms);
 * undefined elsewhere or when it cannot be read.
 */
function processCpuMs(pid: number | undefined): number | undefined {
  try {
    // Fields after the parenthesised command name: utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? ticks * 10 : undefined;
  } catch {
    return undefined;
  }
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const series = parseBarsCsv(readFileSync(DEFAULT_REPLAY_FILE, "utf8"));
if (series.length < BARS)
  throw new Error(`BENCH_BARS=${BARS}, but ${DEFAULT_REPLAY_FILE} has ${series.length} bars`);
const outDir = mkdtempSync(join(tmpdir(), "pipeline-bench-"));
const system = await startSystem({ port: 0, outDir, profileDir: PROFILE });
try {
  // POST /patterns first, on an idle system: the synchronous path alone. Beside it, to see where its time
  // goes, the same workflow started directly on the local Step Functions endpoint (no API), and a GET
  // (HTTP and the key check alone); the three interleaved, after one warm-up round.
  const bars300 = series.slice(0, 300);
  const body = JSON.stringify({ symbol: "BENCH", interval: "1d", bars: bars300 });
  const input = JSON.stringify({ symbol: "BENCH", interval: "1d", bars: packBars(bars300) });
  const post = async (request = body) => {
    const response = await fetch(`${system.apiUrl}/patterns`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": system.apiKeys.analyst },
      body: request,
    });
    await response.text();
    if (response.status !== 200) throw new Error(`POST /patterns answered ${response.status}`);
  };
  const startWorkflow = async () => {
    const response = await fetch(system.endpoints.stepfunctions, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.0",
        "x-amz-target": "AWSStepFunctions.StartSyncExecution",
      },
      body: JSON.stringify({ stateMachineArn: system.resourceDetails.stateMachine.arn, input }),
    });
    const answer = (await response.json()) as { status?: string };
    if (answer.status !== "SUCCEEDED") throw new Error(`workflow ended ${answer.status}`);
  };
  const get = async () => {
    const response = await fetch(`${system.apiUrl}/patterns?symbol=BENCH&limit=1`, {
      headers: { "x-api-key": system.apiKeys.reader },
    });
    await response.text();
  };
  const posts: number[] = [];
  const workflow: number[] = [];
  const health: number[] = [];
  for (let i = 0; i <= POSTS; i++) {
    const [p, w, g] = [await timed(1, () => post()), await timed(1, startWorkflow), await timed(1, get)];
    if (i === 0) continue;
    posts.push(...p);
    workflow.push(...w);
    health.push(...g);
  }
  // A new series on every request (a user's first analysis of a symbol): its 28 detections and 24 alerts
  // are stored and its alerts routed for the first time. Each request is timed on a settled system (the
  // AlertProcessor's routing of the one before finished, untimed); the handlers' AWS calls are counted
  // over all of it, routing included (not the event sources' receives and deletes, nor `settled`'s polls).
  const pollerCalls = ["ReceiveMessage", "DeleteMessageBatch", "GetQueueAttributes"];
  const handlerCalls = () =>
    Object.entries({ ...system.dynamoDbCalls(), ...system.messagingCalls() }).filter(
      ([operation]) => !pollerCalls.includes(operation),
    );
  // CPU, which a busy machine distorts less than wall time: the functions' runtime's from /proc (Linux,
  // 100 ticks a second; NaN elsewhere), and this process's, which hosts the emulators.
  const runtimeCpuMs = () => {
    const stat = `/proc/${system.runtimePid()}/stat`;
    const fields = existsSync(stat) ? readFileSync(stat, "utf8").split(") ")[1]?.split(" ") : undefined;
    return (Number(fields?.[11]) + Number(fields?.[12])) * 10;
  };
  const emulatorsCpuMs = () => (process.cpuUsage().user + process.cpuUsage().system) / 1000;
  const logBeforeNew = await logMark(system.logFile);
  const newSeries: number[] = [];
  const callsBeforeNew = Object.fromEntries(handlerCalls());
  const cpuBeforeNew = [runtimeCpuMs(), emulatorsCpuMs()];
  for (let i = 0; i < POSTS; i++) {
    const request = JSON.stringify({ symbol: `NEW${i}`, interval: "1d", bars: bars300 });
    newSeries.push(...(await timed(1, () => post(request))));
    await system.settled();
  }
  const newSeriesCpu = [runtimeCpuMs(), emulatorsCpuMs()].map((ms, i) =>
    Math.round((ms - (cpuBeforeNew[i] ?? 0)) / POSTS),
  );
  const newSeriesCalls = Object.fromEntries(
    handlerCalls()
      .map(([operation, n]) => [operation, (n - (callsBeforeNew[operation] ?? 0)) / POSTS] as const)
      .filter(([, n]) => n > 0),
  );
  const logBeforeStream = await logMark(system.logFile);
  const newSeriesLogs = logKinds(system.logFile, logBeforeNew, logBeforeStream);
  const postCalls = system.dynamoDbCalls();
  const messagingBefore = Object.fromEntries(handlerCalls());
  // The functions' runtime (the handlers' side of every AWS call) and this process (the emulators' side).
  const runtimeCpuBefore = processCpuMs(system.runtimePid());
  const benchCpuBefore = process.cpuUsage();

  const stream = kinesisClient(system.endpoints.kinesis);
  const symbols = Array.from({ length: SYMBOLS }, (_, s) => `SYM${String(s).padStart(3, "0")}`);
  const putAt = new Map<string, number>();
  const latest = new Map<string, string>();
  const firstPut = Date.now();
  for (const bar of series.slice(0, BARS)) {
    const { Records = [] } = await stream.send(
      new PutRecordsCommand({
        StreamName: system.resourceDetails.stream.name,
        Records: symbols.map((symbol) => marketDataEntry({ ...bar, symbol, interval: "1d" })),
      }),
    );
    const now = Date.now();
    for (const [i, record] of Records.entries()) {
      if (record.ErrorCode || !record.ShardId || !record.SequenceNumber)
        throw new Error(`put refused: ${record.ErrorCode}`);
      putAt.set(`${symbols[i]}#${bar.time}`, now);
      const newest = latest.get(record.ShardId);
      if (!newest || BigInt(record.SequenceNumber) > BigInt(newest))
        latest.set(record.ShardId, record.SequenceNumber);
    }
  }
  const lastPut = Date.now();
  await system.settled(
    [...latest].map(([shardId, sequenceNumber]) => ({ shardId, sequenceNumber })),
    600_000,
  );
  const settledAt = Date.now();
  const runtimeCpuAfter = processCpuMs(system.runtimePid());
  const benchCpu = process.cpuUsage(benchCpuBefore);
  const handlerCallsAfter = handlerCalls();
  const streamLogs = logKinds(system.logFile, logBeforeStream, await logMark(system.logFile));

  const dynamo = dynamoDbClient(system.endpoints.dynamodb);
  const latencies: number[] = [];
  let lastStored = 0;
  let key: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamo.send(
      new ScanCommand({ TableName: system.resourceDetails.tables.TradingPatterns, ExclusiveStartKey: key }),
    );
    for (const item of page.Items ?? []) {
      if (item.source?.S !== "stream") continue;
      const put = putAt.get(`${item.symbol?.S}#${item.detectedAt?.S}`);
      const stored = Date.parse(item.storedAt?.S ?? "");
      if (put === undefined) continue;
      latencies.push(stored - put);
      lastStored = Math.max(lastStored, stored);
    }
    key = page.LastEvaluatedKey;
  } while (key);
  dynamo.destroy();
  stream.destroy();

  const calls = system.dynamoDbCalls();
  const streamCalls = Object.fromEntries(
    Object.entries(calls).map(([operation, n]) => [operation, n - (postCalls[operation] ?? 0)]),
  );
  const totalBars = SYMBOLS * BARS;
  const streamCallCount = Object.entries(streamCalls)
    .filter(([operation]) => !["Scan", "DescribeTable", "CreateTable", "ListTables"].includes(operation))
    .reduce((sum, [, n]) => sum + n, 0);
  // Every AWS call the handlers made for the stream (DynamoDB, SQS sends, SNS publishes), not the pollers'.
  const streamAwsCalls = Object.fromEntries(
    handlerCallsAfter
      .map(([operation, n]) => [operation, n - (messagingBefore[operation] ?? 0)] as const)
      .filter(
        ([operation, n]) =>
          n > 0 && !["Scan", "DescribeTable", "CreateTable", "ListTables"].includes(operation),
      ),
  );
  const streamAwsCallCount = Object.values(streamAwsCalls).reduce((sum, n) => sum + n, 0);
  const perBar = (ms: number | undefined) =>
    ms === undefined ? undefined : Number((ms / totalBars).toFixed(3));
  const logTotal = (kinds: Record<string, LineCount>, over: number) => {
    const all = Object.values(kinds).reduce((sum, { bytes }) => sum + bytes, 0);
    return Number((all / over).toFixed(1));
  };
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    post: {
      bars: 300,
      requests: POSTS,
      p50Ms: Math.round(percentile(posts, 50)),
      p99Ms: Math.round(percentile(posts, 99)),
      workflowAloneP50Ms: Math.round(percentile(workflow, 50)),
      getPatternsP50Ms: Math.round(percentile(health, 50)),
      newSeriesP50Ms: Math.round(percentile(newSeries, 50)),
      newSeriesP99Ms: Math.round(percentile(newSeries, 99)),
      newSeriesAwsCallsPerRequest: Math.round(Object.values(newSeriesCalls).reduce((sum, n) => sum + n, 0)),
      newSeriesAwsCalls: newSeriesCalls,
      newSeriesCpuMsPerRequest: { runtime: newSeriesCpu[0], emulators: newSeriesCpu[1] },
      newSeriesLogBytesPerRequest: logTotal(newSeriesLogs, POSTS),
      newSeriesLogs,
    },
    pipeline: {
      symbols: SYMBOLS,
      barsPerSymbol: BARS,
      putSeconds: (lastPut - firstPut) / 1000,
      settledSeconds: (settledAt - firstPut) / 1000,
      barsPerSecond: Math.round(totalBars / ((settledAt - firstPut) / 1000)),
      detections: latencies.length,
      putToStoredP50Ms: Math.round(percentile(latencies, 50)),
      putToStoredP99Ms: Math.round(percentile(latencies, 99)),
      dynamoDbCallsPerBar: Number((streamCallCount / totalBars).toFixed(2)),
      dynamoDbCalls: streamCalls,
      awsCallsPerBar: Number((streamAwsCallCount / totalBars).toFixed(2)),
      awsCalls: streamAwsCalls,
      runtimeCpuMsPerBar: perBar(
        runtimeCpuBefore === undefined || runtimeCpuAfter === undefined
          ? undefined
          : runtimeCpuAfter - runtimeCpuBefore,
      ),
      emulatorsCpuMsPerBar: perBar((benchCpu.user + benchCpu.system) / 1000),
      lastStoredAfterFirstPutSeconds: (lastStored - firstPut) / 1000,
      logBytesPerBar: logTotal(streamLogs, totalBars),
      logs: streamLogs,
    },
  };
  console.log(
    `POST /patterns, 300 bars: p50 ${report.post.p50Ms} ms, p99 ${report.post.p99Ms} ms (${POSTS} requests); ` +
      `the workflow alone p50 ${report.post.workflowAloneP50Ms} ms, GET /patterns p50 ${report.post.getPatternsP50Ms} ms\n` +
      `POST /patterns, 300 bars of a new series: p50 ${report.post.newSeriesP50Ms} ms, p99 ${report.post.newSeriesP99Ms} ms; ` +
      `${report.post.newSeriesAwsCallsPerRequest} AWS calls and CPU ${newSeriesCpu[0]} ms (functions) + ${newSeriesCpu[1]} ms ` +
      `(emulators) per request, its alerts' routing included; ${report.post.newSeriesLogBytesPerRequest} log bytes per request\n` +
      `pipeline, ${SYMBOLS} symbols x ${BARS} bars: ${report.pipeline.barsPerSecond} bars/s end to end ` +
      `(put in ${report.pipeline.putSeconds} s, settled after ${report.pipeline.settledSeconds} s); ` +
      `put-to-stored p50 ${report.pipeline.putToStoredP50Ms} ms, p99 ${report.pipeline.putToStoredP99Ms} ms over ` +
      `${latencies.length} detections; ${report.pipeline.dynamoDbCallsPerBar} DynamoDB calls per bar ` +
      `(${report.pipeline.awsCallsPerBar} AWS calls); CPU per bar ${report.pipeline.runtimeCpuMsPerBar} ms in the ` +
      `functions' runtime, ${report.pipeline.emulatorsCpuMsPerBar} ms in the emulators' process; ` +
      `${report.pipeline.logBytesPerBar} log bytes per bar`,
  );
  console.log(JSON.stringify(report));
  mkdirSync("bench-results", { recursive: true });
  writeFileSync("bench-results/pipeline.json", `${JSON.stringify(report, null, 2)}\n`);
} finally {
  await system.stop();
  rmSync(outDir, { recursive: true, force: true });
}
