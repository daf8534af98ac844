import { describe, expect, it } from "vitest";
import { matchedLiterally } from "./matched-literally";

describe("matchedLiterally", () => {
  it("matches the text itself and nothing its special characters would have let through", () => {
    const text = String.raw`/tmp/a.b (1)+[x]{2}^$|?*\d`;
    const exactly = new RegExp(`^${matchedLiterally(text)}$`);
    expect(exactly.test(text)).toBe(true);
    expect(exactly.test(text.replace(".", "x"))).toBe(false);
    expect(exactly.test(String.raw`/tmp/a.b 1+[x]{2}^$|?*\d`)).toBe(false);
  });
});
