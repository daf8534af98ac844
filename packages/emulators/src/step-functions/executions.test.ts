// Executions' allFinished: what a test file's end waits for before its emulators stop.

import { describe, expect, it } from "vitest";
import { Executions, type StateMachineSpec } from "./executions";

const TASK = "arn:aws:lambda:us-east-1:000000000000:function:Quoter";
const MACHINE = "arn:aws:states:us-east-1:000000000000:stateMachine:Quotes";

/** A machine of one task that answers only when `release` is called, and the calls it has taken. */
function heldMachine() {
  const releases: (() => void)[] = [];
  const spec: StateMachineSpec = {
    name: "Quotes",
    arn: MACHINE,
    type: "EXPRESS",
    definition: { StartAt: "Quote", States: { Quote: { Type: "Task", Resource: TASK, End: true } } },
    tasks: {
      [TASK]: {
        functionName: "Quoter",
        timeoutSeconds: 60,
        handler: () => new Promise((resolve) => releases.push(() => resolve({ price: 101.5 }))),
      },
    },
  };
  return { spec, releases };
}

/** Whether `promise` has settled after the work queued so far has run. */
async function settledYet(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(() => {
    settled = true;
  });
  await new Promise((resolve) => setTimeout(resolve, 20));
  return settled;
}

describe("Executions.allFinished", () => {
  it("settles at once when nothing was started", async () => {
    const { spec } = heldMachine();
    expect(await settledYet(new Executions([spec]).allFinished())).toBe(true);
  });

  it("waits for every execution started, those started while it waits among them", async () => {
    const { spec, releases } = heldMachine();
    const executions = new Executions([spec]);
    const first = executions.start(MACHINE, "first", "{}");
    const waited = executions.allFinished();
    await expect.poll(() => releases.length).toBe(1);
    const second = executions.start(MACHINE, "second", "{}");
    await expect.poll(() => releases.length).toBe(2);

    releases[0]?.();
    expect((await first.finished).status).toBe("SUCCEEDED");
    expect(await settledYet(waited)).toBe(false);
    releases[1]?.();
    await waited;
    expect(executions.describe(second.record.executionArn)?.status).toBe("SUCCEEDED");
  });
});
