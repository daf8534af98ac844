// The KinesisConsumer stopped dead (a crash, a Lambda timeout) while telling a lifecycle message: the
// batch's retry tells it. The consumer runs in a process of its own behind an SNS endpoint that, when a
// PublishBatch of lifecycle messages arrives, kills that process before the messages reach SNS.

import { fileURLToPath } from "node:url";
import type { LifecycleMessage } from "@stock-patterns/core/contracts";
import { afterAll, describe, expect, it } from "vitest";
import { getAlert } from "#alerts";
import { routeQueuedAlerts } from "#test/alert-queue";
import { lambdaContext, published, StreamReader } from "#test/aws";
import { sp500 } from "#test/fixtures";
import { killedOnLifecycle } from "#test/killed-on-lifecycle";
import { handler } from "./kinesis-consumer";

const CONSUMER = fileURLToPath(new URL("./kinesis-consumer.ts", import.meta.url));
const reader = new StreamReader();
afterAll(() => reader.close());

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
      const run = await killedOnLifecycle(CONSUMER, event);
      held = run.held;
      if (held.length === 0) expect(run.answer).toEqual({ batchItemFailures: [] });
      // The event source delivers the batch again (not checkpointed): here, with SNS reachable.
      else expect((await handler(event, lambdaContext("KinesisConsumer"))).batchItemFailures).toEqual([]);
      await routeQueuedAlerts();
    }
    // Held: the round of lifecycle messages the stopped PublishBatch carried, each told once on the retry.
    expect(held.length).toBeGreaterThan(0);
    const told = (await published("TradingAlerts")).map(
      ({ message }) => message as unknown as LifecycleMessage,
    );
    for (const stopped of held) {
      expect(told.filter((message) => message.eventId === stopped.eventId)).toEqual([stopped]);
      const sentAt = stopped.event === "breakout" ? "breakoutSentAt" : "resolvedSentAt";
      expect((await getAlert(stopped.alertId))?.[sentAt]).toBeDefined();
    }
  }, 180_000);
});
