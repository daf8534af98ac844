// Starts the functions' runtime in its own process (its own module state, like a Lambda sandbox) and talks to it.

import { type ChildProcess, fork } from "node:child_process";
import type { PollerReport } from "../pollers/poller";
import {
  type ParentMessage,
  RUNTIME_CONFIG_VARIABLE,
  type RuntimeConfig,
  type RuntimeMessage,
} from "../runtime/config";
import { watchHandlerLogs } from "../watch/handler-logs";
import { REPO_ROOT, RUNTIME_ENTRY } from "./paths";

/** The running runtime process. */
export interface RuntimeProcess {
  apiUrl: string;
  stepFunctionsEndpoint: string;
  /** Fire the threshold-check schedule now; resolves when the run finished. */
  fireSchedule(): Promise<void>;
  /** Stop the event sources and servers, then the process (killed if it takes longer than 15 s). */
  stop(): Promise<void>;
}

const STOP_GRACE_MS = 15_000;

/**
 * Fork the runtime (TypeScript, through tsx) with `environment` added to this process's, and wait
 * until its servers listen and handlers are loaded. Its output (the handlers' logs) goes to `logFile`;
 * warnings and errors logged by handlers (a malformed record set aside, a failed batch) and the event
 * sources' own reports go to `onReport`.
 *
 * @example
 * const runtime = await startRuntimeProcess(config, env, ".local/logs/functions.log", { onReport, onCheckpoint });
 */
export async function startRuntimeProcess(
  config: RuntimeConfig,
  environment: Record<string, string>,
  logFile: string,
  listeners: {
    onReport(report: PollerReport): void;
    onCheckpoint(shardId: string, sequenceNumber: string): void;
  },
  profileDir?: string,
): Promise<RuntimeProcess> {
  const { onReport, onCheckpoint } = listeners;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...environment,
    [RUNTIME_CONFIG_VARIABLE]: JSON.stringify(config),
  };
  for (const name of ["AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL"]) delete env[name];
  const child: ChildProcess = fork(RUNTIME_ENTRY, [], {
    cwd: REPO_ROOT,
    env,
    execArgv: ["--import", "tsx", ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [])],
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  if (child.stdout && child.stderr) watchHandlerLogs([child.stdout, child.stderr], logFile, onReport);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const fired: (() => void)[] = [];
  const ready = new Promise<{ apiUrl: string; stepFunctionsEndpoint: string }>((resolve, reject) => {
    child.on("message", (message: RuntimeMessage) => {
      if (message.type === "ready") resolve(message);
      if (message.type === "failed")
        reject(new Error(`the functions' runtime failed to start:\n${message.message}`));
      if (message.type === "report") onReport(message.report);
      if (message.type === "checkpoint") onCheckpoint(message.shardId, message.sequenceNumber);
      if (message.type === "fired") fired.shift()?.();
    });
    child.once("exit", (code) =>
      reject(new Error(`the functions' runtime exited (code ${code}) before it was ready; see ${logFile}`)),
    );
  });
  const send = (message: ParentMessage) => {
    if (child.connected) child.send(message);
  };
  let stopping = false;
  const stop = async () => {
    stopping = true;
    if (child.exitCode !== null || child.signalCode !== null) return;
    send({ type: "stop" });
    const timer = setTimeout(() => child.kill("SIGKILL"), STOP_GRACE_MS);
    await exited;
    clearTimeout(timer);
  };
  try {
    const { apiUrl, stepFunctionsEndpoint } = await ready;
    child.once("exit", (code, signal) => {
      if (stopping) return;
      onReport({
        source: "runtime",
        functionName: "runtime",
        message: `the functions' runtime stopped unexpectedly (${signal ?? `exit code ${code}`}); see ${logFile}`,
      });
    });
    return {
      apiUrl,
      stepFunctionsEndpoint,
      fireSchedule: () =>
        new Promise<void>((resolve) => {
          fired.push(resolve);
          send({ type: "fire-schedule" });
        }),
      stop,
    };
  } catch (error) {
    child.kill("SIGKILL");
    await exited;
    throw error;
  }
}
