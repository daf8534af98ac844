// What the chart area says when the chart fails: its code not loaded (after a redeploy) in the user's words.
import { describe, expect, it } from "vitest";
import { ChartNotLoaded, chartFailure, loadChart } from "./chartFailure";

const FETCH_FAILED =
  "Failed to fetch dynamically imported module: https://console.example.com/assets/PatternChart-3f2a.js";

describe("the chart's failure", () => {
  it("a chart whose code cannot be fetched says to reload, without the browser's message", async () => {
    const failed = await loadChart(() => Promise.reject(new TypeError(FETCH_FAILED))).catch((error) => error);
    expect(failed).toBeInstanceOf(ChartNotLoaded);
    expect(chartFailure(failed, { withDecision: true })).toBe(
      "The chart could not be loaded. Reload the page to try again. The alert's facts and the decision do not depend on it.",
    );
    expect(chartFailure(failed, { withDecision: false })).toBe(
      "The chart could not be loaded. Reload the page to try again. The alert's facts do not depend on it.",
    );
  });

  it("a chart that fails on the data it was given still says why", async () => {
    expect(await loadChart(() => Promise.resolve("chart"))).toBe("chart");
    expect(chartFailure(new Error("a bar's time 2020-13-01 is no date"), { withDecision: false })).toBe(
      "The chart cannot be drawn: a bar's time 2020-13-01 is no date. The alert's facts do not depend on it.",
    );
  });
});
