// Two tables' keys read together against dynalite: one BatchGetItem per 100 keys of both, each table's
// items answered to its own read, and the attributes each asked for; many keys' calls a bounded number at
// once, what DynamoDB leaves unprocessed read again, a call that fails failing the read.

import { BatchGetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, describe, expect, it, vi } from "vitest";
import { dynamo } from "#aws";
import { linked } from "#config";
import { BATCH_READS_IN_FLIGHT, type BatchRead, readTogether } from "./batch";

afterEach(() => vi.restoreAllMocks());

type Item = Record<string, unknown>;

const read = (table: string, keys: Item[], attributes?: string[]): BatchRead<Item[]> => ({
  table,
  keys,
  attributes,
  answer: (items) => items,
});

describe("readTogether", () => {
  it("reads two tables' keys in one call per 100 of both, each answered to its own read", async () => {
    const alerts = linked("Alerts", "name");
    const patterns = linked("TradingPatterns", "name");
    const alertIds = Array.from({ length: 130 }, (_, i) => `alr_batch${i}`);
    const patternIds = Array.from({ length: 30 }, (_, i) => `pat_batch${i}`);
    // Every other one stored.
    for (const alertId of alertIds.filter((_, i) => i % 2 === 0))
      await dynamo().send(new PutCommand({ TableName: alerts, Item: { alertId, symbol: "BAT" } }));
    for (const patternId of patternIds.filter((_, i) => i % 2 === 0))
      await dynamo().send(
        new PutCommand({ TableName: patterns, Item: { patternId, timestamp: "t", symbol: "BAT", end: "e" } }),
      );

    const send = vi.spyOn(dynamo(), "send");
    const [foundAlerts, foundPatterns] = await readTogether(
      read(
        alerts,
        alertIds.map((alertId) => ({ alertId })),
      ),
      read(
        patterns,
        patternIds.map((patternId) => ({ patternId, timestamp: "t" })),
        ["patternId"],
      ),
    );
    const calls = send.mock.calls.map(([command]) => command);
    expect(calls.every((command) => command instanceof BatchGetCommand)).toBe(true);
    expect(calls).toHaveLength(2);
    const keysPerCall = calls.map((command) =>
      Object.values((command as BatchGetCommand).input.RequestItems ?? {}).reduce(
        (sum, { Keys }) => sum + (Keys?.length ?? 0),
        0,
      ),
    );
    expect(keysPerCall).toEqual([100, 60]);
    expect(foundAlerts.map((item) => item.alertId).sort()).toEqual(
      alertIds.filter((_, i) => i % 2 === 0).sort(),
    );
    expect(foundAlerts.every((item) => item.symbol === "BAT")).toBe(true);
    expect(foundPatterns.map((item) => item.patternId).sort()).toEqual(
      patternIds.filter((_, i) => i % 2 === 0).sort(),
    );
    // Only the attributes asked for.
    expect(foundPatterns.every((item) => Object.keys(item).join() === "patternId")).toBe(true);
  });

  it("makes no call for no keys, and refuses two reads of one table", async () => {
    const send = vi.spyOn(dynamo(), "send");
    const alerts = linked("Alerts", "name");
    expect(await readTogether(read(alerts, []), read(linked("TradingPatterns", "name"), []))).toEqual([
      [],
      [],
    ]);
    expect(send).not.toHaveBeenCalled();
    await expect(readTogether(read(alerts, [{ alertId: "a" }]), read(alerts, []))).rejects.toThrow(
      "one read per table",
    );
  });
});

/** 1,000 alert keys, every other one stored: ten calls' worth. */
const MANY = 1000;
const manyIds = Array.from({ length: MANY }, (_, i) => `alr_many${i}`);
const storedIds = manyIds.filter((_, i) => i % 2 === 0);

/** Runs `around` on every BatchGetItem call of `work`, as a middleware on the client. */
async function aroundBatchGets<T>(
  around: (
    input: { RequestItems?: Record<string, { Keys?: Item[] }> },
    next: () => Promise<unknown>,
  ) => Promise<unknown>,
  work: () => Promise<T>,
): Promise<T> {
  const name = "aroundBatchGets";
  dynamo().middlewareStack.add(
    (next, context) => async (args) =>
      context.commandName === "BatchGetItemCommand"
        ? ((await around(args.input as never, () => next(args))) as Awaited<ReturnType<typeof next>>)
        : next(args),
    { step: "initialize", name },
  );
  try {
    return await work();
  } finally {
    dynamo().middlewareStack.remove(name);
  }
}

describe("readTogether of many keys", () => {
  const alerts = () => linked("Alerts", "name");
  const readMany = () =>
    readTogether(
      read(
        alerts(),
        manyIds.map((alertId) => ({ alertId })),
      ),
    );

  it("has at most BATCH_READS_IN_FLIGHT calls in flight, and finds what one call after another found", async () => {
    for (const alertId of storedIds)
      await dynamo().send(new PutCommand({ TableName: alerts(), Item: { alertId, symbol: "MNY" } }));
    let calls = 0;
    let inFlight = 0;
    let most = 0;
    const [found] = await aroundBatchGets(async (_input, next) => {
      calls++;
      most = Math.max(most, ++inFlight);
      try {
        return await next();
      } finally {
        inFlight--;
      }
    }, readMany);
    expect(calls).toBe(MANY / 100);
    // Before, one after another: 1.
    expect(most).toBe(BATCH_READS_IN_FLIGHT);
    expect(found.map((item) => item.alertId).sort()).toEqual([...storedIds].sort());
  });

  it("reads again, in each call, the keys DynamoDB left unprocessed", async () => {
    let calls = 0;
    // Each call's first try answers half its keys and leaves the rest unprocessed, as throttling does.
    const [found] = await aroundBatchGets(async (input, next) => {
      calls++;
      const [[table, request]] = Object.entries(input.RequestItems ?? {}) as [[string, { Keys: Item[] }]];
      if (request.Keys.length < 100) return next();
      const left = request.Keys.slice(50);
      request.Keys = request.Keys.slice(0, 50);
      const answer = (await next()) as { output: { UnprocessedKeys?: Record<string, unknown> } };
      answer.output.UnprocessedKeys = { [table]: { ...request, Keys: left } };
      return answer;
    }, readMany);
    expect(calls).toBe(2 * (MANY / 100));
    expect(found.map((item) => item.alertId).sort()).toEqual([...storedIds].sort());
  });

  it("fails when a call fails, and starts no call after it", async () => {
    let calls = 0;
    let inFlight = 0;
    const failed = await aroundBatchGets(
      async (_input, next) => {
        calls++;
        if (calls === 1) throw new Error("ProvisionedThroughputExceededException");
        inFlight++;
        try {
          return await next();
        } finally {
          inFlight--;
        }
      },
      async () => {
        const outcome = await readMany().then(
          () => undefined,
          (error: Error) => error,
        );
        // The calls already started finish (still counted); the two chunks no call had taken are not read.
        await vi.waitFor(() => expect(inFlight).toBe(0));
        return outcome;
      },
    );
    expect(failed?.message).toBe("ProvisionedThroughputExceededException");
    expect(calls).toBe(BATCH_READS_IN_FLIGHT);
  });
});
