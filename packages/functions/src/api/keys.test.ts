// API keys: a presented key is matched by its hash against the ApiKeys secret (see test/setup.ts).

import { describe, expect, it } from "vitest";
import { TEST_KEYS } from "#test/keys";
import { apiKeysSchema, authenticate } from "./keys";

describe("authenticate", () => {
  it("names the holder and role of a known key", () => {
    expect(authenticate(TEST_KEYS.reader)).toEqual({ name: "rita", role: "reader" });
    expect(authenticate(TEST_KEYS.analyst)).toEqual({ name: "ann", role: "analyst" });
    expect(authenticate(TEST_KEYS.approver)).toEqual({ name: "alice", role: "approver" });
  });

  it("knows nothing of other keys, including a stored hash presented as a key", () => {
    expect(authenticate("")).toBeUndefined();
    expect(authenticate(`${TEST_KEYS.reader} `)).toBeUndefined();
    const storedHash = JSON.parse(JSON.parse(process.env.SST_RESOURCE_ApiKeys as string).value)[0].sha256;
    expect(authenticate(storedHash)).toBeUndefined();
  });
});

describe("the ApiKeys secret", () => {
  const key = (name: string) => [{ name, role: "approver", sha256: "a".repeat(64) }];

  it("names each key in text every reader takes: a name is recorded on each decision and shown again", () => {
    // Each was taken as it was: stored as a decision's decidedBy, answered by GET /keys/me and the approvals.
    for (const name of [
      "ops\u0000",
      "\ud800ops",
      "ops\udc00",
      "\u001b[2Kops",
      "ops\u0085",
      "ali\u202ece",
      " ",
      // Shown inside a sentence ("Approved by … at …"): a tab or a line break broke it.
      "ops\tteam",
      "ops\nteam",
      "ops\r\nteam",
    ]) {
      const parsed = apiKeysSchema.safeParse(key(name));
      expect([JSON.stringify(name), parsed.success], JSON.stringify(name)).toEqual([
        JSON.stringify(name),
        false,
      ]);
      expect(parsed.error?.issues[0]?.path, JSON.stringify(name)).toEqual([0, "name"]);
    }
    for (const name of ["alice", "Zoë Ops (EU)", "\u05d3\u05e0\u05d4 \u200f", "ops \ud83d\udee1"]) {
      expect(apiKeysSchema.safeParse(key(name)).success, JSON.stringify(name)).toBe(true);
    }
  });
});
