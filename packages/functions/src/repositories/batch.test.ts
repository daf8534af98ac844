// Two tables' keys read together against dynalite: one BatchGetItem per 100 keys of both, each table's
// items answered to its own read, and the attributes each asked for.

import { BatchGetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, describe, expect, it, vi } from "vitest";
import { dynamo } from "#aws";
import { linked } from "#config";
import { type BatchRead, readTogether } from "./batch";

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
