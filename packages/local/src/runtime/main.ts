// The functions' runtime process: serves the API and Step Functions, and runs every event source.

import { EVENT_SOURCES, QUEUES } from "@stock-patterns/core/catalog";
import { patternAnalysisDefinition } from "@stock-patterns/core/workflow";
import {
  closeServer,
  Executions,
  invokeFunction,
  kinesisClient,
  type LambdaHandler,
  listen,
  sqsClient,
  stepFunctionsServer,
} from "@stock-patterns/emulators";
import { interceptLocalhostDns } from "fauxqs";
import { Checkpoints } from "../pollers/checkpoints";
import { startKinesisPoller } from "../pollers/kinesis-poller";
import type { Poller, PollerReport } from "../pollers/poller";
import { startSchedule } from "../pollers/schedule";
import { startSqsPoller } from "../pollers/sqs-poller";
import {
  type ParentMessage,
  RUNTIME_CONFIG_VARIABLE,
  type RuntimeConfig,
  type RuntimeMessage,
  recoveryEnvironment,
} from "./config";
import { letDebuggerGo } from "./debugger";
import { type LocalFunctions, loadFunctions } from "./functions";
import { localHttpServer } from "./http-server";

const send = (message: RuntimeMessage) => process.send?.(message);
const report = (pollerReport: PollerReport) => send({ type: "report", report: pollerReport });

async function sweepAtStart(
  sweep: LocalFunctions["Sweep"],
  freshQueues: boolean,
  startedAt: string,
): Promise<void> {
  try {
    // On new queues nothing an earlier run sent can still arrive: no grace to wait out. And no processor of
    // that run is left (the emulators it wrote to were stopped with it): its claims are released now. A
    // runtime restarted after it died keeps the queues (and their grace), but every processor of the system
    // ran in the dead one: its claims, an approval's expiry among them, are released now too.
    const event = freshQueues ? { runStartedAt: startedAt } : { claimsOrphanedBefore: startedAt };
    const result = (await invokeFunction(
      { functionName: "ThresholdChecker", handler: sweep },
      event,
    )) as Record<string, number>;
    const done = Object.entries(result).filter(([, count]) => count > 0);
    if (done.length > 0) {
      const message = `swept at start: ${done.map(([what, n]) => `${what} ${n}`).join(", ")}`;
      report({ source: "sweep", functionName: "ThresholdChecker", message });
    }
  } catch (error) {
    report({
      source: "sweep",
      functionName: "ThresholdChecker",
      message: `the sweep at start failed: ${String(error)}`,
    });
  }
}

/** Pools the evidence across symbols now, reporting only a failure (the schedule pools again later). */
async function poolNow(pool: LocalFunctions["Pool"], when: string): Promise<void> {
  try {
    await invokeFunction({ functionName: "ThresholdChecker", handler: pool }, {});
  } catch (error) {
    report({
      source: "pool",
      functionName: "ThresholdChecker",
      message: `pooling the evidence ${when} failed: ${String(error)}`,
    });
  }
}

/**
 * The consumer, pooling the evidence once after its first batch: GET /stats without a symbol then
 * answers from the first bars of a run, not from the schedule's first firing 5 minutes in (on AWS it
 * waits for the schedule). The schedule keeps it fresh after that.
 */
function poolingAfterFirstBatch(consumer: LambdaHandler, pool: LocalFunctions["Pool"]): LambdaHandler {
  let pooled = false;
  return async (event, context) => {
    const result = await consumer(event, context);
    if (!pooled) {
      pooled = true;
      void poolNow(pool, "after the first batch");
    }
    return result;
  };
}

async function run(config: RuntimeConfig): Promise<void> {
  // The SQS emulator's queue URLs are http://sqs.<region>.localhost:<port>/…, and the SDK sends each
  // call to its QueueUrl's host. Names under .localhost are loopback (RFC 6761); Node's resolver does
  // not know that, so this process is told.
  interceptLocalhostDns();
  let functions: LocalFunctions | undefined;
  const http = localHttpServer(() => functions?.api, config.consoleDir);
  const apiUrl = await listen(http, config.apiPort);

  let detector: LocalFunctions["PatternDetector"] = async () => {
    throw new Error("PatternDetector is not loaded yet");
  };
  const executions = new Executions([
    {
      ...config.stateMachine,
      type: "EXPRESS",
      definition: patternAnalysisDefinition(config.patternDetectorArn),
      tasks: {
        [config.patternDetectorArn]: {
          functionName: "PatternDetector",
          handler: (event, context) => detector(event, context),
        },
      },
    },
  ]);
  const sfn = stepFunctionsServer(executions);
  const stepFunctionsEndpoint = await listen(sfn, config.stepFunctionsPort ?? 0);

  process.env.AWS_ENDPOINT_URL_SFN = stepFunctionsEndpoint;
  process.env.APPROVAL_BASE_URL = apiUrl;
  Object.assign(process.env, recoveryEnvironment(config.timing));
  functions = await loadFunctions();
  detector = functions.PatternDetector;

  const { timing } = config;
  // Before any event source of this run starts: every claim taken before it is an earlier run's.
  const startedAt = new Date().toISOString();
  const kinesis = EVENT_SOURCES.KinesisConsumer;
  const checkpoints = new Checkpoints(
    config.checkpointFile,
    (shardId, sequenceNumber) => send({ type: "checkpoint", shardId, sequenceNumber }),
    config.checkpoints,
    (why) =>
      report({
        source: "checkpoints",
        functionName: "KinesisConsumer",
        message:
          why === undefined
            ? `${config.checkpointFile} is written again: the stream's positions are saved`
            : `cannot save the stream's positions in ${config.checkpointFile} (${why}): what is processed ` +
              "is not read again while this system runs, but a new start reads it again from the positions " +
              "last saved (stored once, not twice); said once until the file is written again",
      }),
  );
  if (checkpoints.unreadable) {
    const from = Object.keys(config.checkpoints ?? {}).length
      ? "the positions this system had reached"
      : "its oldest record";
    report({
      source: "checkpoints",
      functionName: "KinesisConsumer",
      message:
        `${checkpoints.unreadable}: each shard is read again from ${from} ` +
        "(what was processed before is stored once, not twice); the file is rewritten at the next batch",
    });
  }
  const sqs = sqsClient(config.endpoints.sqs);
  const pollers: Poller[] = [
    startKinesisPoller({
      client: kinesisClient(config.endpoints.kinesis),
      stream: config.stream,
      functionName: "KinesisConsumer",
      handler: poolingAfterFirstBatch(functions.KinesisConsumer, functions.Pool),
      batchSize: kinesis.batchSize,
      batchingWindowMs: timing.kinesisBatchingWindowMs ?? kinesis.maxBatchingWindowSeconds * 1000,
      idleWaitMs: timing.kinesisIdleWaitMs ?? 1000,
      bisectOnError: kinesis.bisectOnError,
      maxRetries: kinesis.maxRetries,
      checkpoints,
      failureDestination: { client: sqs, queueUrl: config.setAsideQueues[kinesis.onFailure].url },
      report,
    }),
  ];
  for (const functionName of ["AlertProcessor", "ApprovalProcessor"] as const) {
    const source = EVENT_SOURCES[functionName];
    pollers.push(
      startSqsPoller({
        client: sqs,
        queue: config.queues[source.queue],
        functionName,
        handler: functions[functionName],
        batchSize: source.batchSize,
        maxReceiveCount: QUEUES[source.queue].maxReceiveCount,
        waitSeconds: timing.sqsWaitSeconds ?? 20,
        report,
      }),
    );
  }
  const schedule = startSchedule({
    ruleName: "ThresholdCheckSchedule",
    functionName: "ThresholdChecker",
    handler: functions.ThresholdChecker,
    periodMs: timing.schedulePeriodMs ?? EVENT_SOURCES.ThresholdChecker.scheduleMinutes * 60_000,
    report,
  });
  pollers.push(schedule);
  // What a previous run (or a runtime that crashed) left stranded is finished now, not at the first firing;
  // the windows a data directory kept are pooled now too.
  void sweepAtStart(functions.Sweep, config.freshQueues === true, startedAt);
  void poolNow(functions.Pool, "at start");

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await Promise.all(pollers.map((poller) => poller.stop()));
      await Promise.all([closeServer(http), closeServer(sfn)]);
      letDebuggerGo();
      process.exit(0);
    })();
    return stopping;
  };
  process.on("message", (message: ParentMessage) => {
    if (message.type === "stop") void stop();
    if (message.type === "fire-schedule")
      void schedule.fire().then((outcome) => send({ type: "fired", outcome }));
  });
  // The parent owns shutdown: Ctrl-C reaches this process too, and is left to the parent.
  process.on("SIGINT", () => {});
  process.on("disconnect", () => void stop());
  send({ type: "ready", apiUrl, stepFunctionsEndpoint });
}

const config = JSON.parse(process.env[RUNTIME_CONFIG_VARIABLE] ?? "null") as RuntimeConfig | null;
if (!config) {
  process.stderr.write(`${RUNTIME_CONFIG_VARIABLE} is not set: this process is started by startSystem()\n`);
  process.exit(2);
}
run(config).catch((error: unknown) => {
  const { syscall, code, address, port } = error as NodeJS.ErrnoException & {
    address?: string;
    port?: number;
  };
  send({
    type: "failed",
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    listen:
      syscall === "listen" && code && address && port !== undefined ? { code, address, port } : undefined,
  });
  process.exit(1);
});
