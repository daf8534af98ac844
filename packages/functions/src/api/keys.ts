// API keys: stored only as SHA-256 hashes in the ApiKeys secret, each with a name and a role.

import { timingSafeEqual } from "node:crypto";
import { sha256Hex } from "@stock-patterns/core";
import { API_KEY_ROLES, type ApiKeyRole, readableText } from "@stock-patterns/core/contracts";
import * as z from "zod";
import { linked } from "#config";

export type Role = ApiKeyRole;

/** Who is calling: the key's name (recorded on decisions) and role. */
export interface Principal {
  name: string;
  role: Role;
}

/**
 * The ApiKeys secret's value: `[{ name, role, sha256 }]` (also checked by `npm run preflight`). A name is
 * recorded on each decision its key makes and shown again (GET /keys/me, the approvals): text every reader
 * takes, as a decision's comment is (readableText), on one line: it is shown inside sentences.
 */
export const apiKeysSchema = z.array(
  z.object({
    name: readableText(100, { oneLine: true }).min(1, "must not be empty"),
    role: z.enum(API_KEY_ROLES),
    sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, "sha256 must be 64 hex digits"),
  }),
);

interface StoredKey extends Principal {
  hash: Buffer;
}

let cache: { source: string; keys: StoredKey[] } | undefined;

function storedKeys(): StoredKey[] {
  const source = linked("ApiKeys", "value");
  if (cache?.source === source) return cache.keys;
  const keys = apiKeysSchema.parse(JSON.parse(source)).map(({ name, role, sha256 }) => ({
    name,
    role,
    hash: Buffer.from(sha256.toLowerCase(), "hex"),
  }));
  cache = { source, keys };
  return keys;
}

/**
 * The principal of a presented key, or undefined. Every stored hash is compared in constant time,
 * and all of them are compared, so timing says nothing about which (or whether one) matched.
 *
 * @example
 * authenticate(c.req.header("X-API-Key") ?? "")
 */
export function authenticate(key: string): Principal | undefined {
  const presented = Buffer.from(sha256Hex(key), "hex");
  let found: StoredKey | undefined;
  for (const stored of storedKeys()) {
    if (timingSafeEqual(presented, stored.hash) && !found) found = stored;
  }
  return found ? { name: found.name, role: found.role } : undefined;
}
