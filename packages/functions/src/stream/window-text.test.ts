// The window item against dynalite: its bars and open outcomes stored as text, read back as they were
// saved; a window saved before (lists and maps) still reads the same.

import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { seriesKey } from "@stock-patterns/core";
import { describe, expect, it } from "vitest";
import { dynamo } from "#aws";
import { linked } from "#config";
import { sp500 } from "#test/fixtures";
import { applyBars } from "./apply-bars";
import { heldBars, loadWindow, loadWindows } from "./repository";

const table = () => linked("SymbolWindows", "name");

describe("the window item", () => {
  it("stores bars, earlier bars and open outcomes as text and reads back the window it saved", async () => {
    const bars = sp500().slice(0, 200);
    await applyBars("WTX", "1d", bars.slice(0, 120));
    await applyBars("WTX", "1d", bars.slice(120));
    const window = await loadWindow("WTX", "1d");
    expect(window.version).toBe(2);
    expect(window.outcomes?.open.length).toBeGreaterThan(0);
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: table(), Key: { symbolInterval: seriesKey("WTX", "1d") } }),
    );
    expect([typeof Item?.bars, typeof Item?.earlierBars, typeof Item?.outcomes]).toEqual([
      "string",
      "string",
      "string",
    ]);
    expect([...(window.earlierBars ?? []), ...window.bars]).toEqual(bars.slice(-75));
    expect(await heldBars("WTX", "1d")).toEqual(bars.slice(-75));

    // The same window as a window saved before held it (lists and maps) reads the same.
    const { outcomes, bars: windowBars, earlierBars, patternIds, alertIds } = window;
    await dynamo().send(
      new PutCommand({
        TableName: table(),
        Item: {
          symbolInterval: seriesKey("WTO", "1d"),
          symbol: "WTO",
          interval: "1d",
          bars: windowBars,
          earlierBars,
          outcomes,
          patternIds,
          alertIds,
          version: 2,
        },
      }),
    );
    const older = (await loadWindows([{ symbol: "WTO", interval: "1d" }])).get(seriesKey("WTO", "1d"));
    expect(older).toMatchObject({
      bars: windowBars,
      earlierBars,
      outcomes,
      patternIds,
      alertIds,
      version: 2,
    });
    expect(await heldBars("WTO", "1d")).toEqual(bars.slice(-75));
  });
});
