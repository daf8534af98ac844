// Starts the whole system on one machine: emulators, resources, the functions' runtime, and the watchers.

import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Bar } from "@stock-patterns/core";
import {
  createResources,
  dynamoDbClient,
  type Endpoints,
  type ItemWrites,
  kinesisClient,
  type LocalResources,
  settleWithin,
  sqsClient,
  startServices,
} from "@stock-patterns/emulators";
import type { PollerReport } from "../pollers/poller";
import type { FiringOutcome } from "../pollers/schedule";
import { replayBars } from "../replay/replay";
import { checkRecoveryTiming, type PollerTiming } from "../runtime/config";
import {
  type ApprovalRequest,
  approvalRequestOf,
  type Notification,
  watchNotifications,
} from "../watch/notifications";
import { setAsideLog } from "../watch/set-aside-log";
import { type SystemStats, systemStats } from "../watch/stats";
import { apiKeysSecret, type LocalApiKeys, localApiKeys } from "./api-keys";
import type { Bundle } from "./bundle-cache.mjs";
import { takeDirectory } from "./directory-lock";
import { functionsEnvironment, retentionEnvironment } from "./environment";
import { type LocalOutputs, localOutputs, writeOutputs } from "./outputs";
import { DEFAULT_CONSOLE_DIR, DEFAULT_OUT_DIR } from "./paths";
import { DEFAULT_API_PORT, probePort } from "./port-probe";
import { queuesDrained } from "./queues-drained";
import { DEFAULT_READY_WITHIN_MS, readiness } from "./readiness";
import { runtimeBundle } from "./runtime-bundle";
import { type RuntimeProcess, startRuntimeProcess } from "./runtime-process";
import { dynamoDbRepaired, reportStoreRepairs } from "./store-repairs";
import { type StreamPosition, StreamProgress } from "./stream-progress";
import { emptiedWindows } from "./windows-emptied";

/** How to start the system. Every field is optional. */
export interface SystemOptions {
  /** Port of the API and console on 127.0.0.1 (default DEFAULT_API_PORT; 0 picks a free port). */
  port?: number;
  /** Keep DynamoDB and Kinesis state, the stream checkpoints and the API keys here across runs. */
  dataDir?: string;
  /** Where outputs.json and logs/functions.log go (default: <repo>/.local). */
  outDir?: string;
  /** The built approver console (default: packages/web/dist). */
  consoleDir?: string;
  /** Write the functions' runtime CPU profile (.cpuprofile, at stop) to this directory, for benchmarks. */
  profileDir?: string;
  /**
   * Open Node's inspector in the functions' runtime on this loopback port (npm start's --inspect), for a
   * debugger to attach to; the port is probed before anything starts, as the API's is.
   */
  inspectPort?: number;
  /**
   * Keep every single-item write DynamoDB answers, for dynamoDbItemWrites (tests and benchmarks counting
   * writes per item): kept in memory for the system's life, so off by default.
   */
  trackItemWrites?: boolean;
  /**
   * How long the start may take, in ms (default DEFAULT_READY_WITHIN_MS, 2 minutes): a part not ready by
   * then fails it with NotReady naming the part, after what had started is stopped.
   */
  readyWithinMs?: number;
  /** Event-source timing; defaults are the deployed settings. */
  timing?: PollerTiming;
  /**
   * Days a detection is kept once its outcome is settled, and an alert once it is finished
   * (RECORD_RETENTION_DAYS; at least core's RECORD_RETENTION.minimumDays). dynalite deletes nothing, so
   * expired detections and alerts stay in the tables and the API leaves them out. Default: all kept.
   */
  retentionDays?: number;
  /**
   * Told once the out and data directories are taken, before the emulators start: a start refused for
   * its options or directories is refused before this, so a caller that says "starting" here says it only
   * of a start that goes on.
   */
  onStarting?(): void;
  /** Told about records set aside, failed batches and dead-lettered messages. */
  onReport?(report: PollerReport): void;
  /** Told about each approval request as it is raised (an AlertApprovalRequests notification). */
  onApprovalRequest?(request: ApprovalRequest): void;
  /** Told about the other AlertApprovalRequests notifications (an approval that expired undecided). */
  onApprovalNotice?(notification: Notification): void;
  /** Restarts of the functions' runtime allowed within `runtimeRestartWindowMs` (default 2). */
  maxRuntimeRestarts?: number;
  /** The window the restarts are counted in, in ms (default an hour): older ones no longer count. */
  runtimeRestartWindowMs?: number;
  /**
   * Told when the functions' runtime died and could not be kept alive: nothing is processed any more,
   * so the caller must stop the system (npm start exits 1 with this message). Default: a report.
   */
  onRuntimeFailure?(message: string): void;
  /**
   * Where each start of the functions' runtime finds its bundle (default: compiled from the sources, or
   * the cached one when they have not changed). Asked again at each restart.
   */
  runtimeBundle?(): Promise<Bundle>;
}

/** A running local system. */
export interface LocalSystem extends LocalOutputs {
  /** The outputs.json written for this run. */
  outputsFile: string;
  /** The handlers' log (Powertools JSON lines and metrics). */
  logFile: string;
  /**
   * Records and messages set aside (malformed, or failing after their retries), one JSON line each; with a
   * data directory, those of its earlier runs too.
   */
  setAsideFile: string;
  resourceDetails: LocalResources;
  /** Reports so far (also passed to `onReport`). */
  reports: PollerReport[];
  /** Approval requests so far (also passed to `onApprovalRequest`). */
  approvalRequests: ApprovalRequest[];
  /** TradingAlerts notifications so far. */
  tradingAlerts: Notification[];
  /**
   * Put bars on the market-data stream (as a feed would); resolves with the number sent, once they
   * are on the stream (see `settled` to wait for their processing).
   */
  replay(
    bars: readonly Bar[],
    options: {
      /** The symbol of every bar, unless `symbols` gives each its own. */
      symbol?: string;
      /** Each bar's symbol, `symbols[i]` that of `bars[i]` (replay/interleave's, for a universe). */
      symbols?: readonly string[];
      interval: string;
      barsPerSecond?: number;
      signal?: AbortSignal;
      onProgress?(sent: number): void;
      /**
       * Bar indices before which the replay waits until the system has settled (everything sent so far
       * processed and routed; at most a minute each), e.g. replay/event-holds' `eventHolds`.
       */
      holds?: readonly number[];
    },
  ): Promise<number>;
  /**
   * Resolves once the stream's consumer has processed every record put so far by `replay` (or the
   * given positions, e.g. from a PutRecord answer), and the AlertQueue is empty: what was streamed
   * is stored, alerted and notified. Rejects after `timeoutMs` (default 2 minutes) saying where it
   * stopped.
   */
  settled(positions?: readonly StreamPosition[], timeoutMs?: number): Promise<void>;
  /** Detections, alerts by severity and pending approvals, counted in the tables. */
  stats(): Promise<SystemStats>;
  /** DynamoDB requests answered so far, by operation: what the handlers (and `stats`) asked for. */
  dynamoDbCalls(): Record<string, number>;
  /**
   * A table's single-item writes so far (by its name in resourceDetails.tables), by item and operation: only
   * for a system started with trackItemWrites (throws otherwise).
   */
  dynamoDbItemWrites(table: string): Map<string, ItemWrites>;
  /** SQS and SNS requests answered so far, by operation (the event sources' receives and deletes too). */
  messagingCalls(): Record<string, number>;
  /**
   * Run the threshold-check schedule now, as one firing of the rule: the thresholds, the evidence pooled
   * across symbols and the sweep. Resolves with how its run went (a failed one is reported and retried
   * as the schedule's are); rejects if the runtime stopped meanwhile.
   */
  runScheduledCheck(): Promise<FiringOutcome>;
  /** The process id of the functions' runtime now running (it changes when the runtime is restarted). */
  runtimePid(): number | undefined;
  /** Stop everything; safe to call more than once. */
  stop(): Promise<void>;
}

/** The longest a replay holds for the system (a message that failed once waits out its visibility timeout). */
const HOLD_LIMIT_MS = 60_000;

/**
 * Start the system: DynamoDB, Kinesis, SQS/SNS emulators; every catalog resource; the handlers in
 * their runtime process behind the Kinesis, SQS and schedule event sources; the API and console; and
 * write outputs.json.
 *
 * @example
 * const system = await startSystem({ port: 0 });
 * await fetch(`${system.apiUrl}/health`);
 * await system.stop();
 */
export async function startSystem(options: SystemOptions = {}): Promise<LocalSystem> {
  const outDir = resolve(options.outDir ?? DEFAULT_OUT_DIR);
  const apiPort = options.port ?? DEFAULT_API_PORT;
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;

  const stoppers: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stopOne of stoppers.splice(0).reverse()) await stopOne().catch(() => {});
  };
  // Before anything is taken or started: a timing the functions refuse would fail every alert they route.
  checkRecoveryTiming(options.timing ?? {});
  retentionEnvironment(options.retentionDays);
  const ready = readiness(options.readyWithinMs ?? DEFAULT_READY_WITHIN_MS);
  try {
    // Before anything in them is touched: a second system would wipe the first's logs and fight over its tables.
    const releaseOut = takeDirectory(outDir, "out", "logs");
    stoppers.push(async () => releaseOut());
    if (dataDir && dataDir !== outDir) {
      const releaseData = takeDirectory(dataDir, "data");
      stoppers.push(async () => releaseData());
    }
    await probePort(apiPort);
    if (options.inspectPort !== undefined) await probePort(options.inspectPort);
    options.onStarting?.();
    // Compiled (or found in the cache) while the emulators start: the runtime is forked from it below. A
    // start given its own bundle asks it only when the runtime starts (each answer may be a different one).
    if (options.runtimeBundle === undefined) runtimeBundle().catch(() => {});
    const services = await ready.part("the emulators", () =>
      startServices(dataDir, {}, { trackItemWrites: options.trackItemWrites }),
    );
    stoppers.push(services.stop);
    const emulated = services.endpoints;
    const resources = await ready.part("the tables, stream and queues", () => createResources(emulated));

    const reports: PollerReport[] = [];
    const logFile = join(outDir, "logs", "functions.log");
    const setAsideFile = join(outDir, "logs", "set-aside.jsonl");
    writeFileSync(logFile, "");
    const onReport = (report: PollerReport) => {
      reports.push(report);
      options.onReport?.(report);
      recordSetAside(report);
    };
    // With a data directory, what its earlier runs set aside stays said: those records are behind the kept
    // checkpoints and their RejectedMarketData messages went with the queues, so this is their one account.
    const recordSetAside = setAsideLog(setAsideFile, Boolean(dataDir), onReport);
    const checkpointFile = dataDir && join(dataDir, "kinesis-checkpoints.json");
    if (checkpointFile) {
      const windowsEmptied =
        dynamoDbRepaired(services.repairedStores) && (await emptiedWindows(emulated, resources, ready));
      reportStoreRepairs(services.repairedStores, checkpointFile, windowsEmptied, onReport);
    }
    const apiKeys: LocalApiKeys = localApiKeys(dataDir && join(dataDir, "api-keys.json"), (message) =>
      onReport({ source: "api-keys", functionName: "Api", message }),
    );
    const progress = new StreamProgress();
    const runtime: RuntimeProcess = await ready.part(
      "the functions' runtime",
      () =>
        startRuntimeProcess(
          {
            apiPort,
            consoleDir: resolve(options.consoleDir ?? DEFAULT_CONSOLE_DIR),
            endpoints: { kinesis: emulated.kinesis, sqs: emulated.sqs },
            stream: resources.stream,
            queues: resources.messaging.queues,
            setAsideQueues: resources.messaging.setAsideQueues,
            stateMachine: resources.stateMachine,
            patternDetectorArn: resources.patternDetectorArn,
            checkpointFile,
            // fauxqs keeps no message across runs: what a data directory's earlier run left unfinished is stranded.
            freshQueues: true,
            timing: options.timing ?? {},
          },
          functionsEnvironment(emulated, resources, apiKeysSecret(apiKeys), options.retentionDays),
          logFile,
          {
            onReport,
            onCheckpoint: (shardId, sequenceNumber) => progress.checkpointed(shardId, sequenceNumber),
            onFailure: (message) =>
              options.onRuntimeFailure
                ? options.onRuntimeFailure(message)
                : onReport({ source: "runtime", functionName: "runtime", message }),
          },
          {
            maxRestarts: options.maxRuntimeRestarts,
            restartWindowMs: options.runtimeRestartWindowMs,
            profileDir: options.profileDir,
            inspectPort: options.inspectPort,
            signal: ready.signal,
            bundle: options.runtimeBundle,
          },
        ),
      logFile,
    );
    stoppers.push(runtime.stop);

    const endpoints: Endpoints = { ...emulated, stepfunctions: runtime.stepFunctionsEndpoint };
    const outputs = localOutputs(runtime.apiUrl, apiKeys, endpoints, resources);
    const outputsFile = join(outDir, "outputs.json");
    writeOutputs(outputsFile, outputs);

    const watching = new AbortController();
    const sqs = sqsClient(emulated.sqs);
    const approvalRequests: ApprovalRequest[] = [];
    const tradingAlerts: Notification[] = [];
    const waitSeconds = Math.min(options.timing?.sqsWaitSeconds ?? 20, 20);
    const watchers = [
      watchNotifications(
        sqs,
        resources.messaging.taps.AlertApprovalRequests.url,
        (notification) => {
          const request = approvalRequestOf(notification);
          if (!request) return options.onApprovalNotice?.(notification);
          approvalRequests.push(request);
          options.onApprovalRequest?.(request);
        },
        watching.signal,
        waitSeconds,
      ),
      watchNotifications(
        sqs,
        resources.messaging.taps.TradingAlerts.url,
        (notification) => tradingAlerts.push(notification),
        watching.signal,
        waitSeconds,
      ),
    ];
    stoppers.push(async () => {
      watching.abort();
      await Promise.all(watchers);
      sqs.destroy();
    });
    const dynamoClient = dynamoDbClient(emulated.dynamodb);
    const streamClient = kinesisClient(emulated.kinesis);
    stoppers.push(async () => {
      dynamoClient.destroy();
      streamClient.destroy();
    });

    let stopping: Promise<void> | undefined;
    const settled = (positions = progress.latestPuts(), timeoutMs = 120_000) =>
      settleWithin(
        async () => {
          await progress.reached(positions);
          await queuesDrained(sqs, [resources.messaging.queues.AlertQueue.url]);
        },
        timeoutMs,
        () => {
          throw new Error(
            `not settled after ${timeoutMs} ms: waiting for ${JSON.stringify(positions)}, ` +
              `processed ${JSON.stringify(progress.processedPositions())}; see ${logFile}`,
          );
        },
      );
    /** A replay's hold: until settled, or a minute, or the replay is stopped; pacing only, never an error. */
    const hold = (signal?: AbortSignal) => () =>
      new Promise<void>((resolve) => {
        signal?.addEventListener("abort", () => resolve(), { once: true });
        settled(undefined, HOLD_LIMIT_MS).then(resolve, () => resolve());
      });
    return {
      ...outputs,
      outputsFile,
      logFile,
      setAsideFile,
      resourceDetails: resources,
      reports,
      approvalRequests,
      tradingAlerts,
      replay: (bars, replay) =>
        replayBars({
          client: streamClient,
          streamName: resources.stream.name,
          bars,
          ...replay,
          barsPerSecond: replay.barsPerSecond ?? Number.POSITIVE_INFINITY,
          onPut: (positions) => progress.put(positions),
          hold: replay.holds?.length ? hold(replay.signal) : undefined,
        }),
      settled,
      stats: () => systemStats(dynamoClient, resources.tables),
      dynamoDbCalls: services.dynamoDbCalls,
      dynamoDbItemWrites: services.dynamoDbItemWrites,
      messagingCalls: services.messagingCalls,
      runScheduledCheck: () => runtime.fireSchedule(),
      runtimePid: () => runtime.pid(),
      stop: () => {
        stopping ??= stopAll();
        return stopping;
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
