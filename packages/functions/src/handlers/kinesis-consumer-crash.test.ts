// The KinesisConsumer stopped dead (a crash, a Lambda timeout) while telling a lifecycle message: the
// batch's retry tells it. The consumer runs in a process of its own behind an SNS endpoint that, when a
// lifecycle message's Publish arrives, kills that process before the message reaches SNS.

import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type LifecycleMessage, lifecycleMessageSchema } from "@stock-patterns/core/contracts";
import { closeServer, listen } from "@stock-patterns/emulators";
import type { KinesisStreamEvent } from "aws-lambda";
import { afterAll, describe, expect, it } from "vitest";
import { getAlert } from "#alerts";
import { routeQueuedAlerts } from "#test/alert-queue";
import { lambdaContext, published, StreamReader } from "#test/aws";
import { sp500 } from "#test/fixtures";
import { handler } from "./kinesis-consumer";

const HANDLER_PROCESS = fileURLToPath(new URL("../../test/handler-process.ts", import.meta.url));
const CONSUMER = fileURLToPath(new URL("./kinesis-consumer.ts", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "consumer-crash-"));
const reader = new StreamReader();
afterAll(() => {
  reader.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The lifecycle message a Publish request carries (JSON or query protocol), if any. */
function lifecycleIn(body: string): LifecycleMessage | undefined {
  if (!body.includes("lifecycle")) return undefined;
  const text = body.startsWith("{")
    ? (JSON.parse(body) as { Message?: string }).Message
    : new URLSearchParams(body).get("Message");
  const parsed = lifecycleMessageSchema.safeParse(JSON.parse(text ?? "null"));
  return parsed.success ? parsed.data : undefined;
}

/**
 * Runs the KinesisConsumer on `event` in its own process, its SNS calls passed on to the emulator except
 * a lifecycle message's Publish: then the process is killed, the message never sent. Answers the held
 * messages (empty when the run finished) and the run's answer.
 */
async function consumerProcess(event: KinesisStreamEvent) {
  const eventFile = join(dir, "event.json");
  writeFileSync(eventFile, JSON.stringify(event));
  const held: LifecycleMessage[] = [];
  const target = new URL(process.env.AWS_ENDPOINT_URL_SNS as string);
  let kill = () => {};
  const sns = createServer((incoming, answer) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const body = Buffer.concat(chunks);
      const lifecycle = lifecycleIn(body.toString("utf8"));
      if (lifecycle) {
        held.push(lifecycle);
        return kill();
      }
      const onward = request(
        {
          host: target.hostname,
          port: target.port,
          path: incoming.url,
          method: incoming.method,
          headers: incoming.headers,
        },
        (reply) => {
          answer.writeHead(reply.statusCode ?? 502, reply.headers);
          reply.pipe(answer);
        },
      );
      onward.on("error", () => answer.destroy());
      onward.end(body);
    });
  });
  const endpoint = await listen(sns);
  const run = spawn(process.execPath, ["--import", "tsx", HANDLER_PROCESS, CONSUMER, eventFile], {
    env: { ...process.env, AWS_ENDPOINT_URL_SNS: endpoint },
    stdio: ["ignore", "pipe", "inherit"],
  });
  kill = () => run.kill("SIGKILL");
  let printed = "";
  run.stdout.on("data", (chunk) => {
    printed += chunk;
  });
  const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
    run.once("exit", (_code, how) => resolve(how)),
  );
  await closeServer(sns);
  return { held, answer: signal === null ? JSON.parse(printed) : undefined };
}

describe("a KinesisConsumer stopped while telling a lifecycle message", () => {
  it("tells it on the batch's retry, once", async () => {
    const bars = sp500().slice(0, 1200);
    let held: LifecycleMessage[] = [];
    for (let i = 0; i < bars.length && held.length === 0; i += 100) {
      await reader.put(
        bars
          .slice(i, i + 100)
          .map((bar) => ({ partitionKey: "LCK", data: { symbol: "LCK", interval: "1d", ...bar } })),
      );
      const event = await reader.nextEvent();
      const run = await consumerProcess(event);
      held = run.held;
      if (held.length === 0) expect(run.answer).toEqual({ batchItemFailures: [] });
      // The event source delivers the batch again (not checkpointed): here, with SNS reachable.
      else expect((await handler(event, lambdaContext("KinesisConsumer"))).batchItemFailures).toEqual([]);
      await routeQueuedAlerts();
    }
    expect(held).toHaveLength(1);
    const [stopped] = held as [LifecycleMessage];
    const told = (await published("TradingAlerts"))
      .map(({ message }) => message as unknown as LifecycleMessage)
      .filter((message) => message.eventId === stopped.eventId);
    expect(told).toEqual([stopped]);
    const sentAt = stopped.event === "breakout" ? "breakoutSentAt" : "resolvedSentAt";
    expect((await getAlert(stopped.alertId))?.[sentAt]).toBeDefined();
  }, 180_000);
});
