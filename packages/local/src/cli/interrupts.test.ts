// Ctrl-C: one keypress delivered twice (terminal and npm/tsx relay) stops cleanly; a second keypress forces.

import { describe, expect, it } from "vitest";
import { interrupts, RELAY_WINDOW_MS } from "./interrupts";

describe("interrupts", () => {
  it("stops on the first signal, ignores copies within the relay window, forces after it", () => {
    let now = 10_000;
    const interrupt = interrupts(() => now);
    expect(interrupt()).toBe("stop");
    now += 30;
    expect(interrupt()).toBe("ignore");
    now += RELAY_WINDOW_MS - 31;
    expect(interrupt()).toBe("ignore");
    now += 1;
    expect(interrupt()).toBe("force");
    expect(interrupt()).toBe("force");
  });
});
