// API keys for the local run: a reader and an approver, stored hashed in the ApiKeys secret as the API expects.

import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { sha256Hex } from "@stock-patterns/core";
import { writeWholeFile } from "../files/whole-file";

/** The local run's keys, by role. */
export interface LocalApiKeys {
  reader: string;
  approver: string;
}

/** Names recorded for the local keys (an approval made with the approver key is signed with its name). */
export const LOCAL_KEY_NAMES = { reader: "local-reader", approver: "local-approver" } as const;

const newKey = (role: string) => `sp_${role}_${randomBytes(24).toString("base64url")}`;

/**
 * Fresh keys; with `file` (in a data directory) the keys of the previous run are kept, so links and
 * scripts keep working across runs.
 *
 * @example
 * const keys = localApiKeys(); // { reader: "sp_reader_…", approver: "sp_approver_…" }
 */
export function localApiKeys(file?: string): LocalApiKeys {
  if (file) {
    try {
      const saved = JSON.parse(readFileSync(file, "utf8")) as Partial<LocalApiKeys>;
      if (typeof saved.reader === "string" && typeof saved.approver === "string") {
        return { reader: saved.reader, approver: saved.approver };
      }
    } catch {
      // First run with this data directory: make new keys below.
    }
  }
  const keys = { reader: newKey("reader"), approver: newKey("approver") };
  // Whole or not at all: keys cut short would be replaced by new ones at the next start.
  if (file) writeWholeFile(file, JSON.stringify(keys, null, 2), 0o600);
  return keys;
}

/**
 * The ApiKeys secret's value: `[{ name, role, sha256 }]` as JSON text (keys are only ever stored hashed).
 *
 * @example
 * const value = apiKeysSecret(localApiKeys());
 */
export function apiKeysSecret(keys: LocalApiKeys): string {
  return JSON.stringify(
    (["reader", "approver"] as const).map((role) => ({
      name: LOCAL_KEY_NAMES[role],
      role,
      sha256: sha256Hex(keys[role]),
    })),
  );
}
