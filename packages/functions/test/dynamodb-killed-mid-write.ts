// A DynamoDB emulator on a data directory in a process of its own (test/dynamodb-process.ts), which a test
// can have killed inside one alert or approval write, between its index entry and its item, and start again on the
// same directory and port: what `npm start --data-dir` killed at that instant leaves, and its restart reads.

import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const DYNAMODB_PROCESS = fileURLToPath(new URL("./dynamodb-process.ts", import.meta.url));

/**
 * The write a kill falls inside: an alert's routing claim or its move to PUBLISHED; an approval's decision
 * or its close as EXPIRED (each takes it out of the open index).
 */
export type TornWrite = "claim" | "publish" | "decision" | "expiry";

/** A running emulator process. */
export interface DynamoDbProcess {
  endpoint: string;
  port: number;
  /** Resolves with the signal that ended it (SIGKILL, when it died inside the torn write). */
  exited: Promise<NodeJS.Signals | null>;
  stop(): Promise<void>;
}

/**
 * Starts dynalite on `dir` (port 0: any free port). With `tear`, it kills itself (SIGKILL) inside the first
 * such write, once the write's index entry is stored and before its item is.
 *
 * @example
 * const dynamodb = await startDynamoDbProcess(dir, 0, "publish");
 */
export async function startDynamoDbProcess(
  dir: string,
  port = 0,
  tear?: TornWrite,
): Promise<DynamoDbProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", DYNAMODB_PROCESS, dir, String(port), ...(tear ? [tear] : [])],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const exited = once(child, "exit").then(([, signal]) => signal as NodeJS.Signals | null);
  const listening = new Promise<number>((resolve, reject) => {
    let printed = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      printed += chunk.toString("utf8");
      if (printed.includes("\n")) resolve(Number(printed.trim()));
    });
    void exited.then((signal) => reject(new Error(`dynamodb-process exited (${signal}) before it listened`)));
  });
  const listened = await listening;
  return {
    endpoint: `http://127.0.0.1:${listened}`,
    port: listened,
    exited,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
      await exited;
    },
  };
}
