// Starts the functions' runtime in its own process (its own module state, like a Lambda sandbox), talks
// to it, and keeps it alive: a runtime that dies is restarted (a line says so) a bounded number of
// times within a window, beyond which the system is declared failed, never left half-dead.

import { type ChildProcess, fork } from "node:child_process";
import { LOOPBACK } from "@stock-patterns/emulators";
import type { PollerReport } from "../pollers/poller";
import type { FiringOutcome } from "../pollers/schedule";
import {
  type ListenFailure,
  type ParentMessage,
  RUNTIME_CONFIG_VARIABLE,
  type RuntimeConfig,
  type RuntimeMessage,
} from "../runtime/config";
import { watchHandlerLogs } from "../watch/handler-logs";
import type { Bundle } from "./bundle-cache.mjs";
import { runtimeEnvironment } from "./environment";
import { REPO_ROOT } from "./paths";
import { RestartBudget, windowInWords } from "./restart-budget";
import { runtimeBundle } from "./runtime-bundle";

/** The running runtime process (whichever process holds it now, across restarts). */
export interface RuntimeProcess {
  apiUrl: string;
  stepFunctionsEndpoint: string;
  /** The process id of the runtime now running (a chaos test kills it). */
  pid(): number | undefined;
  /** Fire the threshold-check schedule now; resolves when the run finished, with how it went. */
  fireSchedule(): Promise<FiringOutcome>;
  /** Stop the event sources and servers, then the process (killed if it takes longer than 15 s). */
  stop(): Promise<void>;
}

/** What the parent hears from the runtime. */
export interface RuntimeListeners {
  onReport(report: PollerReport): void;
  onCheckpoint(shardId: string, sequenceNumber: string): void;
  /** The runtime died and could not be kept alive: the system must stop. */
  onFailure(message: string): void;
}

const STOP_GRACE_MS = 15_000;
/**
 * How long a restart waits for its ports, which the dead runtime held: a port the system was given by the
 * OS (`--port 0`) is free for anyone once the runtime died, and a connection another program opens may take
 * it as its own end for a moment. Tried again every RETRY_PORT_MS until then.
 */
const PORT_WAIT_MS = 10_000;
const RETRY_PORT_MS = 250;

/** The runtime could not listen on a port: taken by another program, not allowed to this user, ... */
export class PortRefused extends Error {
  readonly code: string;
  readonly address: string;
  readonly port: number;
  constructor(failure: ListenFailure) {
    super(`cannot listen on ${failure.address}:${failure.port} (${failure.code})`);
    this.name = "PortRefused";
    ({ code: this.code, address: this.address, port: this.port } = failure);
  }
}

const ASYNC_CONTEXT_FRAME = "--experimental-async-context-frame";

/**
 * The functions' runtime's Node flags. Source maps, so a handler's stack names our files. And
 * AsyncLocalStorage (each invocation's logger and metrics, functions/src/observability) on Node's
 * AsyncContextFrame rather than on promise hooks, which run for every promise of every handler in this one
 * process: a flag in Node 22 (since 22.7), the default from Node 24 on; given only where this Node knows
 * the flag. In bench:pipeline, two runs a side alternating, the runtime's CPU a bar 0.480
 * and 0.500 ms against 0.528 and 0.557 without.
 */
const RUNTIME_NODE_FLAGS = [
  "--enable-source-maps",
  ...[ASYNC_CONTEXT_FRAME].filter((flag) => process.allowedNodeEnvironmentFlags.has(flag)),
];

/** One runtime process. */
interface Child {
  apiUrl: string;
  stepFunctionsEndpoint: string;
  process: ChildProcess;
  exited: Promise<string>;
  fireSchedule(): Promise<FiringOutcome>;
  stop(): Promise<void>;
}

async function forkRuntime(
  main: string,
  config: RuntimeConfig,
  env: NodeJS.ProcessEnv,
  logFile: string,
  listeners: Omit<RuntimeListeners, "onFailure">,
  nodeFlags: string[],
  signal?: AbortSignal,
): Promise<Child> {
  signal?.throwIfAborted();
  const child: ChildProcess = fork(main, [], {
    cwd: REPO_ROOT,
    env: { ...env, [RUNTIME_CONFIG_VARIABLE]: JSON.stringify(config) },
    execArgv: [...RUNTIME_NODE_FLAGS, ...nodeFlags],
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  if (child.stdout && child.stderr)
    watchHandlerLogs([child.stdout, child.stderr], logFile, listeners.onReport);
  const fired: { resolve(outcome: FiringOutcome): void; reject(error: Error): void }[] = [];
  const exited = new Promise<string>((resolve) =>
    child.once("exit", (code, signal) => {
      const how = signal ?? `exit code ${code}`;
      for (const waiting of fired.splice(0)) waiting.reject(new Error(`the runtime stopped (${how})`));
      resolve(how);
    }),
  );
  const ready = new Promise<{ apiUrl: string; stepFunctionsEndpoint: string }>((resolve, reject) => {
    child.on("message", (message: RuntimeMessage) => {
      if (message.type === "ready") resolve(message);
      if (message.type === "failed")
        reject(
          message.listen
            ? new PortRefused(message.listen)
            : new Error(`the functions' runtime failed to start:\n${message.message}`),
        );
      if (message.type === "report") listeners.onReport(message.report);
      if (message.type === "checkpoint") listeners.onCheckpoint(message.shardId, message.sequenceNumber);
      if (message.type === "fired") fired.shift()?.resolve(message.outcome);
    });
    void exited.then((how) =>
      reject(new Error(`the functions' runtime exited (${how}) before it was ready; see ${logFile}`)),
    );
  });
  const send = (message: ParentMessage) => {
    if (child.connected) child.send(message);
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    send({ type: "stop" });
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };
  // A start given up (its time ran out) kills the child it waits for, which may never have become ready.
  const giveUp = () => child.kill("SIGKILL");
  signal?.addEventListener("abort", giveUp, { once: true });
  try {
    const { apiUrl, stepFunctionsEndpoint } = await ready;
    signal?.removeEventListener("abort", giveUp);
    return {
      apiUrl,
      stepFunctionsEndpoint,
      process: child,
      exited,
      fireSchedule: () =>
        new Promise<FiringOutcome>((resolve, reject) => {
          fired.push({ resolve, reject });
          send({ type: "fire-schedule" });
        }),
      stop,
    };
  } catch (error) {
    signal?.removeEventListener("abort", giveUp);
    child.kill("SIGKILL");
    await exited;
    throw error;
  }
}

/**
 * Fork the runtime (its bundle: runtime-bundle.ts) with `environment` added to this process's, and wait
 * until its servers listen and handlers are loaded. Its output (the handlers' logs) goes to `logFile`;
 * warnings and errors logged by handlers and the event sources' own reports go to `onReport`. If it
 * dies, it is started again on the same ports, resuming the stream from the last checkpoints, up to
 * `maxRestarts` times within any `restartWindowMs` (defaults: 2 within an hour); a death beyond that
 * (or a restart that fails) tells `onFailure`. Each start asks `bundle` (default: runtime-bundle.ts) for
 * the runtime, so a restart runs the sources as they are now; sources that no longer compile leave the
 * restart on the bundle the dead runtime ran, with a line saying why. With `inspectPort`, each runtime
 * opens Node's inspector on that loopback port, for a debugger to attach to (the handlers' breakpoints bind
 * through the bundle's source maps). With `profileDir`, each runtime
 * writes a CPU profile there (node --cpu-prof). `signal` aborted before the first runtime is ready kills
 * it (a start given up).
 *
 * @example
 * const runtime = await startRuntimeProcess(config, env, ".local/logs/functions.log", { onReport, onCheckpoint, onFailure });
 */
export async function startRuntimeProcess(
  config: RuntimeConfig,
  environment: Record<string, string>,
  logFile: string,
  listeners: RuntimeListeners,
  options: {
    maxRestarts?: number;
    restartWindowMs?: number;
    profileDir?: string;
    inspectPort?: number;
    signal?: AbortSignal;
    bundle?: () => Promise<Bundle>;
  } = {},
): Promise<RuntimeProcess> {
  const { profileDir, inspectPort, bundle = runtimeBundle } = options;
  const nodeFlags = [
    ...(inspectPort === undefined ? [] : [`--inspect=${LOOPBACK}:${inspectPort}`]),
    ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
  ];
  const budget = new RestartBudget(options.maxRestarts, options.restartWindowMs);
  const allowed = `${budget.max} within ${windowInWords(budget.windowMs)}`;
  const env = runtimeEnvironment(process.env, environment);
  const positions: Record<string, string> = { ...config.checkpoints };
  const childListeners = {
    onReport: listeners.onReport,
    onCheckpoint: (shardId: string, sequenceNumber: string) => {
      positions[shardId] = sequenceNumber;
      listeners.onCheckpoint(shardId, sequenceNumber);
    },
  };
  let ran = (await bundle()).main;
  let current = await forkRuntime(ran, config, env, logFile, childListeners, nodeFlags, options.signal);
  const { apiUrl, stepFunctionsEndpoint } = current;
  const say = (message: string) =>
    listeners.onReport({ source: "runtime", functionName: "runtime", message });
  /** The bundle of the sources as they are now; the one that ran when they no longer compile. */
  const bundleNow = async () => {
    try {
      ran = (await bundle()).main;
    } catch (error) {
      say(`the runtime's sources do not compile now, so it restarts as it ran: ${String(error)}`);
    }
    return ran;
  };

  let stopping = false;
  let restarting: Promise<void> | undefined;
  const supervise = (child: Child) => {
    void child.exited.then((how) => {
      if (stopping) return;
      if (!budget.take()) {
        listeners.onFailure(
          `the functions' runtime stopped unexpectedly (${how}) after ${budget.recent} restart(s) ` +
            `(${allowed} allowed); see ${logFile}`,
        );
        return;
      }
      say(
        `the functions' runtime stopped unexpectedly (${how}); restarting it (${budget.recent} of ${allowed})`,
      );
      restarting = (async () => {
        try {
          const again = {
            ...config,
            apiPort: Number(new URL(apiUrl).port),
            stepFunctionsPort: Number(new URL(stepFunctionsEndpoint).port),
            checkpoints: { ...positions },
            // The queues are the system's own, kept: a message the dead runtime had in flight comes back.
            freshQueues: false,
          };
          const main = await bundleNow();
          const until = Date.now() + PORT_WAIT_MS;
          for (let attempt = 1; ; attempt += 1) {
            try {
              current = await forkRuntime(main, again, env, logFile, childListeners, nodeFlags);
              break;
            } catch (error) {
              if (!(error instanceof PortRefused) || Date.now() > until || stopping) throw error;
              if (attempt === 1)
                say(
                  `${error.message}: the port was taken since the runtime died; trying again for ${PORT_WAIT_MS / 1000} s`,
                );
              await new Promise((resolve) => setTimeout(resolve, RETRY_PORT_MS));
            }
          }
          if (stopping) return void (await current.stop());
          say(`the functions' runtime is running again; the stream resumes from its last checkpoints`);
          supervise(current);
        } catch (error) {
          if (!stopping)
            listeners.onFailure(`the functions' runtime could not be restarted: ${String(error)}`);
        }
      })();
    });
  };
  supervise(current);

  return {
    apiUrl,
    stepFunctionsEndpoint,
    pid: () => current.process.pid,
    fireSchedule: () => current.fireSchedule(),
    stop: async () => {
      stopping = true;
      await restarting;
      await current.stop();
    },
  };
}
