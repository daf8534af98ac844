// API keys for the local run: one of each role, stored hashed in the ApiKeys secret as the API expects.

import { randomBytes } from "node:crypto";
import { readFileSync, renameSync } from "node:fs";
import { sha256Hex } from "@stock-patterns/core";
import { API_KEY_ROLES, type ApiKeyRole } from "@stock-patterns/core/contracts";
import { writeWholeFile } from "../files/whole-file";

/** The local run's keys, one per role: reader, analyst (may also POST /patterns), approver. */
export type LocalApiKeys = Record<ApiKeyRole, string>;

/** The name recorded for a local key (an approval made with the approver key is signed with its name). */
const keyName = (role: ApiKeyRole) => `local-${role}`;

const newKey = (role: ApiKeyRole) => `sp_${role}_${randomBytes(24).toString("base64url")}`;

/** A key for each role, new ones for the roles `kept` has none of. */
const withEveryRole = (kept: Partial<LocalApiKeys>): LocalApiKeys =>
  Object.fromEntries(API_KEY_ROLES.map((role) => [role, kept[role] ?? newKey(role)])) as LocalApiKeys;

/**
 * The keys a data directory's file holds, or why it holds none: `missing` on a first run (no file). A file
 * of a run from before analyst keys holds a reader and an approver key only: they are kept.
 */
function savedKeys(file: string): Partial<LocalApiKeys> | { unreadable: string } | "missing" {
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
      const analyst = typeof saved.analyst === "string" ? { analyst: saved.analyst } : {};
      return { reader: saved.reader, ...analyst, approver: saved.approver };
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
 * const keys = localApiKeys(); // { reader: "sp_reader_…", analyst: "sp_analyst_…", approver: "sp_approver_…" }
 */
export function localApiKeys(file?: string, onUnreadable?: (message: string) => void): LocalApiKeys {
  let kept: Partial<LocalApiKeys> = {};
  if (file) {
    const saved = savedKeys(file);
    if (saved !== "missing" && !("unreadable" in saved)) {
      kept = saved;
      if (API_KEY_ROLES.every((role) => saved[role] !== undefined)) return saved as LocalApiKeys;
    } else if (saved !== "missing") {
      const keptAs = `${file}.unreadable`;
      let aside = `; it is kept as ${keptAs}`;
      try {
        renameSync(file, keptAs);
      } catch (error) {
        aside = `; it could not be kept aside (${(error as Error).message}) and is replaced`;
      }
      onUnreadable?.(`${saved.unreadable}: new API keys were made (outputs.json has them)${aside}`);
    }
  }
  const keys = withEveryRole(kept);
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
    API_KEY_ROLES.map((role) => ({
      name: keyName(role),
      role,
      sha256: sha256Hex(keys[role]),
    })),
  );
}
