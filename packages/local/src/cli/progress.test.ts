// The status screen without a terminal (a log file, CI): a progress line only when it says something new.

import { describe, expect, it } from "vitest";
import { StatusScreen } from "./progress";

function plainOutput() {
  const written: string[] = [];
  const out = { isTTY: false, columns: 80, write: (text: string) => written.push(text) > 0 };
  return { out: out as unknown as NodeJS.WriteStream, written };
}

describe("StatusScreen without a terminal", () => {
  it("prints a changed line at most every quietMs, and an unchanged one never again", () => {
    const { out, written } = plainOutput();
    const screen = new StatusScreen(out, 0);
    screen.status("bars in 10/100");
    screen.status("bars in 10/100");
    screen.status("bars in 10/100", true);
    screen.status("bars in 20/100");
    screen.status("bars in 20/100");
    expect(written).toEqual(["bars in 10/100\n", "bars in 20/100\n"]);
  });

  it("still holds a changed line back within quietMs", () => {
    const { out, written } = plainOutput();
    const screen = new StatusScreen(out, 60_000);
    screen.status("bars in 10/100");
    screen.status("bars in 11/100");
    screen.status("bars in 12/100", true);
    expect(written).toEqual(["bars in 10/100\n", "bars in 12/100\n"]);
  });
});
