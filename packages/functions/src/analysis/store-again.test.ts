// An analysis stored against dynalite: the absent detections with one conditional put each (one the stream
// stored meanwhile keeps its newer outcome); stored again, one batch read finds them and nothing is
// written; newer outcomes are still written. A detection's bars are stored packed in one string.

import { BatchGetCommand, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { detectionRecord, scanOutcomes, sortableTime } from "@stock-patterns/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { dynamo } from "#aws";
import { linked } from "#config";
import { sp500 } from "#test/fixtures";
import { barsAround } from "./bars-around";
import { getPattern } from "./pattern-reads";
import { savePatterns } from "./repository";

afterEach(() => vi.restoreAllMocks());

const sent = (spy: { mock: { calls: unknown[][] } }) =>
  spy.mock.calls.map(([command]) => (command as object).constructor.name);

describe("savePatterns from an analysis", () => {
  it("stores each absent detection with a put; one the stream stored meanwhile keeps the stream's newer outcome", async () => {
    const bars = sp500().slice(0, 300);
    const found = scanOutcomes(bars).map((d) => ({ ...detectionRecord(d), outcomeAsOf: d.detectedAt }));
    const [raced] = found;
    if (!raced) throw new Error("no detection");
    const newer = {
      ...raced,
      outcome: { ...raced.outcome, status: "failed" as const },
      outcomeAsOf: "2099-01-01",
    };
    const client = dynamo();
    const original = client.send.bind(client) as (command: object) => Promise<unknown>;
    const send = vi.spyOn(client, "send");
    const commands: string[] = [];
    send.mockImplementation(async (command: object) => {
      commands.push(command.constructor.name);
      if (command instanceof PutCommand && command.input.Item?.patternId === undefined)
        throw new Error("no id");
      if (command instanceof PutCommand && commands.filter((name) => name === PutCommand.name).length === 1) {
        // The stream stores the first detection, with a newer outcome, between the read and the put.
        send.mockRestore();
        await savePatterns("RACE", "1d", [newer], "stream", bars);
      }
      return original(command);
    });
    const saved = await savePatterns("RACE", "1d", found, "api", bars);
    expect(commands).toEqual([BatchGetCommand.name, PutCommand.name]);
    expect(saved.created).toBe(found.length - 1);
    const stored = await getPattern(saved.patterns[0]?.patternId ?? "");
    expect(stored).toMatchObject({
      source: "stream",
      outcomeAsOf: "2099-01-01",
      outcome: { status: "failed" },
    });
    const last = await getPattern(saved.patterns.at(-1)?.patternId ?? "");
    expect(last).toMatchObject({ source: "api", outcomeAsOf: found.at(-1)?.outcomeAsOf });
  });

  it("reads the stored outcomes once and writes only those it moves forward", async () => {
    const bars = sp500().slice(0, 300);
    const found = scanOutcomes(bars).map((d) => ({ ...detectionRecord(d), outcomeAsOf: d.detectedAt }));
    expect(found.length).toBeGreaterThan(3);
    const first = await savePatterns("AGN", "1d", found, "api", bars);
    expect(first.created).toBe(found.length);

    const send = vi.spyOn(dynamo(), "send");
    const again = await savePatterns("AGN", "1d", found, "api", bars);
    expect(again.created).toBe(0);
    expect(sent(send)).toEqual([BatchGetCommand.name]);
    send.mockClear();

    // One detection's outcome moved on since: only it is written.
    const [moved] = found;
    if (!moved) throw new Error("no detection");
    const newer = {
      ...moved,
      outcome: { ...moved.outcome, status: "failed" as const },
      outcomeAsOf: "2099-01-01",
    };
    await savePatterns("AGN", "1d", [newer, ...found.slice(1)], "api", bars);
    expect(sent(send)).toEqual([BatchGetCommand.name, UpdateCommand.name]);
    expect((await getPattern(first.patterns[0]?.patternId ?? ""))?.outcome?.status).toBe("failed");
  });

  it("stores a detection's bars as one string and reads them back as the bars around it", async () => {
    const bars = sp500().slice(0, 300);
    const [detection] = scanOutcomes(bars).map((d) => ({ ...detectionRecord(d), outcomeAsOf: d.detectedAt }));
    if (!detection) throw new Error("no detection");
    const { patterns } = await savePatterns("PKD", "1d", [detection], "stream", bars);
    const stored = patterns[0];
    if (!stored) throw new Error("not stored");
    const { Item } = await dynamo().send(
      new GetCommand({
        TableName: linked("TradingPatterns", "name"),
        Key: { patternId: stored.patternId, timestamp: sortableTime(stored.detectedAt) },
      }),
    );
    expect(Item?.bars).toBeTypeOf("string");
    const around = barsAround(bars)(detection);
    expect(around.length).toBeGreaterThan(10);
    expect((await getPattern(stored.patternId))?.bars).toEqual(around);
  });
});
