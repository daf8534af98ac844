// A chart locale Intl accepts, whatever the browser reports.
import { describe, expect, it } from "vitest";
import { chartLocale } from "./chartLocale";

describe("chart locale", () => {
  it("skips tags Intl rejects and falls back to en-US", () => {
    expect(chartLocale(["en-US@posix", "de-DE"])).toBe("de-DE");
    expect(chartLocale(["en-US@posix"])).toBe("en-US");
    expect(chartLocale([])).toBe("en-US");
  });
});
