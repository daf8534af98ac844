// API keys: a presented key is matched by its hash against the ApiKeys secret (see test/setup.ts).

import { describe, expect, it } from "vitest";
import { TEST_KEYS } from "#test/keys";
import { authenticate } from "./keys";

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
