// An analysis stored again (the same series analysed twice) against dynalite: one batch read finds its
// detections stored as new, and nothing is written; newer outcomes are still written.

import { BatchGetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { scanOutcomes } from "@stock-patterns/core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { dynamo } from "#aws";
import { sp500 } from "#test/fixtures";
import { getPattern, savePatterns } from "./repository";

afterEach(() => vi.restoreAllMocks());

const sent = (spy: { mock: { calls: unknown[][] } }) =>
  spy.mock.calls.map(([command]) => (command as object).constructor.name);

describe("savePatterns from an analysis", () => {
  it("reads the stored outcomes once and writes only those it moves forward", async () => {
    const bars = sp500().slice(0, 300);
    const found = scanOutcomes(bars).map((d) => ({ ...d, outcomeAsOf: d.detectedAt }));
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
});
