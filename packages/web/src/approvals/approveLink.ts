// Approve links carry the one-time token (`?token=…`). The console keeps it for this tab only (memory and
// sessionStorage, like the API key, so a reload keeps it), keyed by its hash, which is how GET /approvals
// names the approval; signing out forgets it.

const STORAGE_KEY = "stock-patterns.approval-tokens";
const tokens = new Map<string, string>();

function tabStorage(): Storage | undefined {
  return typeof sessionStorage === "undefined" ? undefined : sessionStorage;
}

function stored(): Record<string, string> {
  try {
    return JSON.parse(tabStorage()?.getItem(STORAGE_KEY) ?? "{}") as Record<string, string>;
  } catch {
    return {};
  }
}

/**
 * The SHA-256 of a token as lowercase hex, as the API stores it.
 * @example await tokenHash("abc") // "ba7816bf…"
 */
export async function tokenHash(token: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** Remembers a token for this tab and returns its hash. */
export async function rememberToken(token: string): Promise<string> {
  const hash = await tokenHash(token);
  tokens.set(hash, token);
  tabStorage()?.setItem(STORAGE_KEY, JSON.stringify({ ...stored(), [hash]: token }));
  return hash;
}

/** The token of an approval opened through its link in this tab, if any. */
export function knownToken(hash: string): string | undefined {
  return tokens.get(hash) ?? stored()[hash];
}

/** Forgets every token (on sign-out). */
export function forgetTokens(): void {
  tokens.clear();
  tabStorage()?.removeItem(STORAGE_KEY);
}

/**
 * The token in an approve link's query, if any.
 * @example linkToken("?token=abc") // "abc"
 */
export function linkToken(search: string): string | undefined {
  return new URLSearchParams(search).get("token")?.trim() || undefined;
}
