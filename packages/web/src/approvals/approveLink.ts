// Approve links carry the one-time token (`?token=…`); the console keeps it in memory only, keyed by its hash,
// which is how GET /approvals names the approval.

const tokens = new Map<string, string>();

/**
 * The SHA-256 of a token as lowercase hex, as the API stores it.
 * @example await tokenHash("abc") // "ba7816bf…"
 */
export async function tokenHash(token: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Remembers a token for this page's life and returns its hash. */
export async function rememberToken(token: string): Promise<string> {
  const hash = await tokenHash(token);
  tokens.set(hash, token);
  return hash;
}

/** The token of an approval opened through its link, if this page has seen it. */
export function knownToken(hash: string): string | undefined {
  return tokens.get(hash);
}

/**
 * The token in an approve link's query, if any.
 * @example linkToken("?token=abc") // "abc"
 */
export function linkToken(search: string): string | undefined {
  return new URLSearchParams(search).get("token")?.trim() || undefined;
}
