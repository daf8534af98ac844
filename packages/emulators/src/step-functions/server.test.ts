// The local Step Functions endpoint, driven by the real SDK client over the JSON protocol.

import type { Server } from "node:http";
import {
  DescribeExecutionCommand,
  ExecutionDoesNotExist,
  SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StateMachineDoesNotExist,
} from "@aws-sdk/client-sfn";
import { catchTo, taskRetry } from "@stock-patterns/core/workflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_CREDENTIALS } from "../resources/clients";
import { closeServer, listen } from "../servers/listen";
import { Executions } from "./executions";
import { MAX_PAYLOAD_BYTES } from "./payload-limit";
import { stepFunctionsServer } from "./server";

const TASK = "arn:aws:lambda:us-east-1:000000000000:function:Quoter";
const MACHINE = "arn:aws:states:us-east-1:000000000000:stateMachine:Quotes";
/** The same task with no catcher, retrying after an hour: only a retry-interval override finishes it soon. */
const STRICT_MACHINE = "arn:aws:states:us-east-1:000000000000:stateMachine:StrictQuotes";

/** A quote function: fails the first call for a symbol (a transient error), rejects an empty symbol. */
const calls = new Map<string, number>();
async function quoter(event: unknown) {
  const { symbol } = event as { symbol: string };
  const call = (calls.get(symbol) ?? 0) + 1;
  calls.set(symbol, call);
  if (symbol === "") throw Object.assign(new Error("symbol is empty"), { name: "InvalidWorkflowInput" });
  if (symbol === "DOWN") throw new Error("quote service unavailable");
  if (call === 1) throw new Error("throttled, try again");
  return { symbol, price: 101.5, call };
}

const definition = {
  StartAt: "Quote",
  States: {
    Quote: {
      Type: "Task" as const,
      Resource: TASK,
      Retry: taskRetry().map((retrier) => ({ ...retrier, IntervalSeconds: 0 })),
      Catch: catchTo("Review"),
      End: true,
    },
    Review: { Type: "Pass" as const, Parameters: { "review.$": "$.failure.Error" }, End: true },
  },
};

const strictMachine = {
  name: "StrictQuotes",
  arn: STRICT_MACHINE,
  type: "EXPRESS" as const,
  definition: {
    StartAt: "Quote",
    States: {
      Quote: {
        Type: "Task" as const,
        Resource: TASK,
        Retry: taskRetry().map((retrier) =>
          retrier.IntervalSeconds === undefined ? retrier : { ...retrier, IntervalSeconds: 3600 },
        ),
        End: true,
      },
    },
  },
  tasks: { [TASK]: { functionName: "Quoter", handler: quoter } },
};

let server: Server;
let client: SFNClient;
let endpoint: string;

beforeAll(async () => {
  server = stepFunctionsServer(
    new Executions([
      {
        name: "Quotes",
        arn: MACHINE,
        type: "EXPRESS",
        definition,
        tasks: { [TASK]: { functionName: "Quoter", handler: quoter } },
      },
      strictMachine,
    ]),
  );
  endpoint = await listen(server);
  client = new SFNClient({
    region: "us-east-1",
    endpoint,
    credentials: LOCAL_CREDENTIALS,
    disableHostPrefix: true,
  });
});

afterAll(async () => {
  client.destroy();
  await closeServer(server);
});

describe("local Step Functions endpoint", () => {
  it("runs a sync execution through a retried task and answers its output", async () => {
    const result = await client.send(
      new StartSyncExecutionCommand({ stateMachineArn: MACHINE, input: JSON.stringify({ symbol: "SPX" }) }),
    );
    expect(result.status).toBe("SUCCEEDED");
    expect(JSON.parse(result.output ?? "null")).toEqual({ symbol: "SPX", price: 101.5, call: 2 });
    expect(result.executionArn).toMatch(/^arn:aws:states:us-east-1:000000000000:express:Quotes:/);
    expect(result.stopDate?.getTime()).toBeGreaterThanOrEqual(result.startDate?.getTime() ?? Number.NaN);
  });

  it("does not retry an input error and routes it to the catcher with the errorType", async () => {
    const result = await client.send(
      new StartSyncExecutionCommand({ stateMachineArn: MACHINE, input: JSON.stringify({ symbol: "" }) }),
    );
    expect(result.status).toBe("SUCCEEDED");
    expect(JSON.parse(result.output ?? "null")).toEqual({ review: "InvalidWorkflowInput" });
    expect(calls.get("")).toBe(1);
  });

  it("runs an async execution that DescribeExecution reports", async () => {
    const started = await client.send(
      new StartExecutionCommand({
        stateMachineArn: MACHINE,
        name: "ndx-1",
        input: JSON.stringify({ symbol: "NDX" }),
      }),
    );
    let described = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    while (described.status === "RUNNING") {
      await new Promise((resolve) => setTimeout(resolve, 20));
      described = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    }
    expect(described).toMatchObject({ name: "ndx-1", status: "SUCCEEDED", stateMachineArn: MACHINE });
    expect(JSON.parse(described.output ?? "null")).toMatchObject({ symbol: "NDX" });
  });

  it("answers the service's errors for unknown machines, executions and oversized input", async () => {
    await expect(
      client.send(new StartSyncExecutionCommand({ stateMachineArn: `${MACHINE}Missing`, input: "{}" })),
    ).rejects.toBeInstanceOf(StateMachineDoesNotExist);
    await expect(
      client.send(
        new DescribeExecutionCommand({
          executionArn: `${MACHINE.replace("stateMachine", "execution")}:nope`,
        }),
      ),
    ).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    const big = JSON.stringify({ symbol: "SPX", padding: "x".repeat(MAX_PAYLOAD_BYTES) });
    // Fewer characters than the quota but more UTF-8 bytes (each "é" takes 2): the quota counts bytes.
    const wide = JSON.stringify({ symbol: "SPX", padding: "é".repeat(MAX_PAYLOAD_BYTES / 2) });
    expect(wide.length).toBeLessThan(MAX_PAYLOAD_BYTES);
    for (const input of [big, wide]) {
      await expect(
        client.send(new StartSyncExecutionCommand({ stateMachineArn: MACHINE, input })),
      ).rejects.toMatchObject({
        name: "ValidationException",
      });
    }
    await expect(
      client.send(new StartSyncExecutionCommand({ stateMachineArn: MACHINE, input: "{not json" })),
    ).rejects.toMatchObject({
      name: "InvalidExecutionInput",
    });
  });

  it("fails an uncaught task error with the Lambda service's errorType and JSON cause", async () => {
    const result = await client.send(
      new StartSyncExecutionCommand({
        stateMachineArn: STRICT_MACHINE,
        input: JSON.stringify({ symbol: "" }),
      }),
    );
    expect(result).toMatchObject({ status: "FAILED", error: "InvalidWorkflowInput" });
    const cause = JSON.parse(result.cause ?? "null");
    expect(cause).toMatchObject({ errorType: "InvalidWorkflowInput", errorMessage: "symbol is empty" });
    expect(cause.trace.length).toBeGreaterThan(0);
  });
});

// The endpoint takes any credentials and starts the PatternDetector's workflow, which stores detections and
// raises alerts: what POST /patterns asks an analyst key for. A web page must not reach it, neither across
// origins nor as its own origin (a name it controls re-pointed at 127.0.0.1, DNS rebinding), where no
// preflight is asked; a browser marks both with Origin or Sec-Fetch-Site (the other emulators' guard).
describe("a request from a web page", () => {
  const start = (symbol: string, site: "cross-site" | "same-origin") =>
    fetch(endpoint, {
      method: "POST",
      headers: {
        ...(site === "cross-site" ? { origin: "https://page.example" } : {}),
        "sec-fetch-mode": site === "cross-site" ? "cors" : "same-origin",
        "sec-fetch-site": site,
        "content-type": "application/x-amz-json-1.0",
        "x-amz-target": "AWSStepFunctions.StartSyncExecution",
      },
      body: JSON.stringify({ stateMachineArn: MACHINE, input: JSON.stringify({ symbol }) }),
    });

  it.each(["cross-site", "same-origin"] as const)("is refused (%s) and starts no execution", async (site) => {
    const symbol = `PAGE-${site}`;
    const call = await start(symbol, site);
    expect(call.status).toBe(403);
    expect(call.headers.get("access-control-allow-origin")).toBeNull();
    expect(await call.text()).not.toContain(symbol);
    expect(calls.get(symbol)).toBeUndefined();
  });
});

describe("retry interval override", () => {
  it("replaces the ASL's waits, keeping every attempt", async () => {
    const executions = new Executions([strictMachine], { retryIntervalMs: 0 });
    const record = await executions.start(STRICT_MACHINE, undefined, JSON.stringify({ symbol: "DOWN" }))
      .finished;
    expect(record.status).toBe("FAILED");
    expect(record.error).toBe("Error");
    expect(JSON.parse(record.cause ?? "null")).toMatchObject({ errorMessage: "quote service unavailable" });
    // The first attempt and the three retries of TRANSIENT_RETRY, without the hour-long waits.
    expect(calls.get("DOWN")).toBe(4);
  });
});

describe("a task past its function's timeout", () => {
  it("fails as Lambda.Unknown, as Step Functions reports a Lambda timeout, and is retried like any task error", async () => {
    let attempts = 0;
    const hanging = async () => {
      attempts += 1;
      return new Promise<never>(() => {});
    };
    const slowMachine = {
      ...strictMachine,
      tasks: { [TASK]: { functionName: "Quoter", handler: hanging, timeoutSeconds: 0.1 } },
    };
    const executions = new Executions([slowMachine], { retryIntervalMs: 0 });
    const record = await executions.start(STRICT_MACHINE, undefined, JSON.stringify({ symbol: "SPX" }))
      .finished;
    expect(record).toMatchObject({ status: "FAILED", error: "Lambda.Unknown" });
    expect(JSON.parse(record.cause ?? "null")).toMatchObject({
      errorType: "Sandbox.Timedout",
      errorMessage: expect.stringMatching(/Task timed out after 0\.10 seconds$/),
    });
    expect(attempts).toBe(4);
  });
});

describe("the payload quota of each state", () => {
  /** 140,000 characters, 280,000 bytes in UTF-8: under the quota counted in characters, over it in bytes. */
  const wide = "é".repeat(140_000);
  const machine = (handler: (event: unknown) => Promise<unknown>) => ({
    name: "Quotes",
    arn: MACHINE,
    type: "EXPRESS" as const,
    definition,
    tasks: { [TASK]: { functionName: "Quoter", handler } },
  });
  const run = (handler: (event: unknown) => Promise<unknown>, input: unknown) =>
    new Executions([machine(handler)], { retryIntervalMs: 0 }).start(
      MACHINE,
      undefined,
      JSON.stringify(input),
    ).finished;

  it("fails the execution with States.DataLimitExceeded for a result over 256 KiB of UTF-8, past Retry and Catch", async () => {
    let attempts = 0;
    const record = await run(
      async () => {
        attempts += 1;
        return { symbol: "SPX", note: wide };
      },
      { symbol: "SPX" },
    );
    expect(record).toMatchObject({ status: "FAILED", error: "States.DataLimitExceeded" });
    expect(record.cause).toMatch(/'Quote'.* 280\d{3} bytes/);
    expect(attempts).toBe(1);
  });

  it("fails it when Catch's error, added to an input near the quota, takes the state's output over it", async () => {
    // 250,000 bytes of input fit; with a 20,000-character error message beside it, the output does not.
    const input = { symbol: "SPX", padding: "x".repeat(250_000) };
    const record = await run(async () => {
      throw new Error(`quote service unavailable: ${"y".repeat(20_000)}`);
    }, input);
    expect(record).toMatchObject({ status: "FAILED", error: "States.DataLimitExceeded" });
    expect(record.cause).toMatch(/The output of state 'Quote'/);
  });

  it("lets the same failure through when the input leaves room for it", async () => {
    const record = await run(
      async () => {
        throw new Error(`quote service unavailable: ${"y".repeat(20_000)}`);
      },
      { symbol: "SPX", padding: "x".repeat(200_000) },
    );
    expect(record).toMatchObject({ status: "SUCCEEDED", output: JSON.stringify({ review: "Error" }) });
  });
});
