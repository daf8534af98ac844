// The local API keys kept in a data directory: the same keys across runs, and a file that holds none
// neither overwritten unsaid nor lost.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sha256Hex } from "@stock-patterns/core";
import { API_KEY_ROLES } from "@stock-patterns/core/contracts";
import { afterAll, describe, expect, it } from "vitest";
import { apiKeysSecret, localApiKeys } from "./api-keys";

const dir = mkdtempSync(join(tmpdir(), "api-keys-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const keysFile = () => join(mkdtempSync(join(dir, "data-")), "api-keys.json");

describe("localApiKeys", () => {
  it("makes keys on a first run without a word, and gives the same keys at the next", () => {
    const file = keysFile();
    const told: string[] = [];
    const first = localApiKeys(file, (message) => told.push(message));
    expect(first.reader).toMatch(/^sp_reader_/);
    expect(first.analyst).toMatch(/^sp_analyst_/);
    expect(first.approver).toMatch(/^sp_approver_/);
    expect(localApiKeys(file, (message) => told.push(message))).toEqual(first);
    expect(told).toEqual([]);
  });

  it("keeps the reader and approver keys of a data directory from before analysts, adding an analyst key", () => {
    const file = keysFile();
    const before = { reader: "sp_reader_kept", approver: "sp_approver_kept" };
    writeFileSync(file, JSON.stringify(before));
    const told: string[] = [];
    const keys = localApiKeys(file, (message) => told.push(message));
    expect(keys).toEqual({ ...before, analyst: expect.stringMatching(/^sp_analyst_/) });
    expect(told).toEqual([]);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(keys);
    expect(localApiKeys(file)).toEqual(keys);
  });

  it("stores each key hashed in the ApiKeys secret under its role", () => {
    const keys = localApiKeys();
    expect(JSON.parse(apiKeysSecret(keys))).toEqual(
      API_KEY_ROLES.map((role) => ({ name: `local-${role}`, role, sha256: sha256Hex(keys[role]) })),
    );
  });

  it.each([
    ["cut short", '{"reader":"sp_reader_abc","appro', /is not valid JSON/],
    ["empty", "", /is empty/],
    ["without keys", '{"reader":1}', /holds no reader and approver keys/],
  ])("tells why a file %s was not used, and keeps it aside before writing new keys", (_, text, why) => {
    const file = keysFile();
    writeFileSync(file, text);
    const told: string[] = [];
    const keys = localApiKeys(file, (message) => told.push(message));
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(why);
    expect(told[0]).toContain(`${file}.unreadable`);
    expect(readFileSync(`${file}.unreadable`, "utf8")).toBe(text);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual(keys);
  });
});
