// API keys for the local run: a reader and an approver, stored hashed in the ApiKeys secret as the API expects.

import { randomBytes } from "node:crypto";
import { readFileSync, renameSync } from "node:fs";
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

/** The keys a data directory's file holds, or why it holds none: `missing` on a first run (no file). */
function savedKeys(file: string): LocalApiKeys | { unreadable: string } | "missing" {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "missing";
    return { unreadable: `${file} could not be read (${(error as Error).message})` };
  }
  try {
    const saved = JSON.parse(text) as Partial<LocalApiKeys> | null;
    if (typeof saved?.reader === "string" && typeof saved.approver === "string") {
      return { reader: saved.reader, approver: saved.approver };
    }
    return { unreadable: `${file} holds no reader and approver keys` };
  } catch (error) {
    return {
      unreadable: `${file} ${text.length === 0 ? "is empty" : `is not valid JSON (${(error as Error).message})`}`,
    };
  }
}

/**
 * Fresh keys; with `file` (in a data directory) the keys of the previous run are kept, so links and
 * scripts keep working across runs. A file there that holds no keys is not overwritten unsaid: it is
 * kept beside as `<file>.unreadable`, new keys are made, and `onUnreadable` is told why (the old keys,
 * if any, no longer open this system's API).
 *
 * @example
 * const keys = localApiKeys(); // { reader: "sp_reader_…", approver: "sp_approver_…" }
 */
export function localApiKeys(file?: string, onUnreadable?: (message: string) => void): LocalApiKeys {
  if (file) {
    const saved = savedKeys(file);
    if (saved !== "missing" && !("unreadable" in saved)) return saved;
    if (saved !== "missing") {
      const keptAs = `${file}.unreadable`;
      let kept = `; it is kept as ${keptAs}`;
      try {
        renameSync(file, keptAs);
      } catch (error) {
        kept = `; it could not be kept aside (${(error as Error).message}) and is replaced`;
      }
      onUnreadable?.(`${saved.unreadable}: new API keys were made (outputs.json has them)${kept}`);
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
