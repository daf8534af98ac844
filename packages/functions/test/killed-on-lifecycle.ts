// A handler stopped dead (SIGKILL: a crash, a Lambda timeout) at the moment it tells a lifecycle message:
// killedAtCall's run, killed before the Publish (or PublishBatch) that carries the first lifecycle message
// reaches SNS.

import { fileURLToPath } from "node:url";
import { type LifecycleMessage, lifecycleMessageSchema } from "@stock-patterns/core/contracts";
import { restEvent } from "./api-gateway";
import { TEST_KEYS } from "./keys";
import { killedAtCall } from "./killed-at-call";

const API = fileURLToPath(new URL("../src/api/lambda.ts", import.meta.url));

/** The messages a Publish or PublishBatch request carries (JSON or query protocol). */
function messagesIn(body: string): string[] {
  if (body.startsWith("{")) {
    const input = JSON.parse(body) as {
      Message?: string;
      PublishBatchRequestEntries?: { Message?: string }[];
    };
    return [input.Message, ...(input.PublishBatchRequestEntries ?? []).map((entry) => entry.Message)].filter(
      (text) => text !== undefined,
    );
  }
  return [...new URLSearchParams(body)].flatMap(([name, text]) =>
    name === "Message" || /^PublishBatchRequestEntries\.member\.\d+\.Message$/.test(name) ? [text] : [],
  );
}

/** The lifecycle messages a Publish or PublishBatch request carries, if any. */
function lifecycleIn(body: string): LifecycleMessage[] {
  if (!body.includes("lifecycle")) return [];
  return messagesIn(body).flatMap((text) => {
    const parsed = lifecycleMessageSchema.safeParse(JSON.parse(text));
    return parsed.success ? [parsed.data] : [];
  });
}

/** What a run stopped at a lifecycle message left: the messages held back, or the handler's answer. */
export interface KilledRun {
  /** The lifecycle messages that never reached SNS (empty when the run finished). */
  held: LifecycleMessage[];
  /** The handler's answer, when it finished. */
  answer: unknown;
}

/**
 * Runs `handler` of the module at `modulePath` on `event` in a process of its own, killed when it
 * publishes its first lifecycle message.
 *
 * @example
 * const { held } = await killedOnLifecycle(CONSUMER, kinesisEvent); // held: [the breakout never sent]
 */
export async function killedOnLifecycle(modulePath: string, event: unknown): Promise<KilledRun> {
  const held: LifecycleMessage[] = [];
  const { answer } = await killedAtCall(modulePath, event, {
    when: "before",
    call: (operation, body) => {
      const lifecycle = operation.startsWith("SNS.Publish") ? lifecycleIn(body) : [];
      held.push(...lifecycle);
      return lifecycle.length > 0;
    },
  });
  return { held, answer };
}

/**
 * An approver approves the approval of `tokenHash` through the Api (POST /approvals/{id}/decision), its
 * process killed at the first lifecycle message the approval's publication tells.
 *
 * @example
 * const { held } = await approveThroughKilledApi(approval.tokenHash); // held: [the breakout never sent]
 */
export function approveThroughKilledApi(tokenHash: string): Promise<KilledRun> {
  const decision = restEvent(
    "POST",
    `/approvals/${tokenHash}/decision`,
    { "X-API-Key": TEST_KEYS.approver, "Content-Type": "application/json" },
    undefined,
    { decision: "approve" },
  );
  return killedOnLifecycle(API, decision);
}
