// The SNS client's calls watched while a test runs (a PublishBatch entry refused on demand) and the
// lifecycle messages subscribers got, by alert: how the lifecycle tests see rounds of messages.

import { PublishBatchCommand, type PublishBatchCommandOutput, PublishCommand } from "@aws-sdk/client-sns";
import { lifecycleMessageSchema } from "@stock-patterns/core/contracts";
import { vi } from "vitest";
import { sns } from "#aws";
import { published } from "./aws";

/** A call SNS answered: its command and the lifecycle messages it carried, as `alertId event`. */
export interface SnsCall {
  command: string;
  told: string[];
}

/** The messages an SNS command carries: a lifecycle message as `alertId event`, an alert's as `alertId alert`. */
function toldIn(command: object): string[] {
  const texts =
    command instanceof PublishBatchCommand
      ? (command.input.PublishBatchRequestEntries ?? []).map((entry) => entry.Message)
      : command instanceof PublishCommand
        ? [command.input.Message]
        : [];
  return texts.map((text) => {
    const json = JSON.parse(text as string) as { type?: string; alert?: { alertId?: string } };
    if (json.type !== "lifecycle") return `${json.alert?.alertId} alert`;
    const message = lifecycleMessageSchema.parse(json);
    return `${message.alertId} ${message.event}`;
  });
}

/**
 * Watches the SNS client's calls while `run` runs, in the order they were answered; `refuse` names the
 * messages (`alertId event`) SNS throttles, publishing the rest of their batch.
 *
 * @example
 * const calls = await snsCalls(() => tellLifecycle("SPX", "1d", events), [`${alertId} breakout`]);
 */
export async function snsCalls(
  run: () => Promise<unknown>,
  refuse: readonly string[] = [],
): Promise<SnsCall[]> {
  const client = sns();
  const original = client.send.bind(client) as (command: object) => Promise<PublishBatchCommandOutput>;
  const calls: SnsCall[] = [];
  const send = vi.spyOn(client, "send").mockImplementation(async (command: object) => {
    const told = toldIn(command);
    if (!(command instanceof PublishBatchCommand) || !told.some((m) => refuse.includes(m))) {
      const answer = await original(command);
      calls.push({ command: command.constructor.name, told });
      return answer;
    }
    const entries = command.input.PublishBatchRequestEntries ?? [];
    const kept = entries.filter((_, n) => !refuse.includes(told[n] as string));
    const refused = entries.filter((_, n) => refuse.includes(told[n] as string));
    const answer = await original(
      new PublishBatchCommand({ ...command.input, PublishBatchRequestEntries: kept }),
    );
    calls.push({ command: command.constructor.name, told });
    return {
      ...answer,
      Failed: refused.map(({ Id }) => ({
        Id,
        Code: "Throttled",
        Message: "Rate exceeded",
        SenderFault: false,
      })),
    };
  });
  try {
    await run();
  } finally {
    send.mockRestore();
  }
  return calls;
}

/**
 * What subscribers got of each alert, in order, by alertId: its own message as `alert`, then its events.
 *
 * @example
 * (await toldByAlert()).get(alertId); // ["alert", "breakout", "resolved"]
 */
export async function toldByAlert(): Promise<Map<string, string[]>> {
  const byAlert = new Map<string, string[]>();
  for (const { message } of await published("TradingAlerts")) {
    const lifecycle =
      (message as { type: string }).type === "lifecycle" && lifecycleMessageSchema.parse(message);
    const [alertId, what] = lifecycle
      ? [lifecycle.alertId, lifecycle.event]
      : [message.alert.alertId, "alert"];
    byAlert.set(alertId, [...(byAlert.get(alertId) ?? []), what]);
  }
  return byAlert;
}
