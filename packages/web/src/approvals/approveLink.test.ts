// Approve links: the token hashed as the API stores it, kept in memory only.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { forgetTokens, knownToken, linkToken, rememberToken, tokenHash } from "./approveLink";

describe("approve links", () => {
  it("hash the token the way the API stores it (SHA-256, hex)", async () => {
    const token = "q3T0_one-time-token";
    expect(await tokenHash(token)).toBe(createHash("sha256").update(token).digest("hex"));
  });

  it("remember a link's token under its hash, and only that one, until forgotten", async () => {
    const hash = await rememberToken("t-1");
    expect(knownToken(hash)).toBe("t-1");
    expect(knownToken(await tokenHash("t-2"))).toBeUndefined();
    forgetTokens();
    expect(knownToken(hash)).toBeUndefined();
  });

  it("read the token from the link's query", () => {
    expect(linkToken("?token=abc&x=1")).toBe("abc");
    expect(linkToken("?token=")).toBeUndefined();
    expect(linkToken("")).toBeUndefined();
  });
});
