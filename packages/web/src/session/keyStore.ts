// Keeps the signed-in API key for this browser tab only (sessionStorage), never in localStorage or cookies.

/** What a key may do in the console: readers see alerts, approvers also decide (an analyst key is a reader here). */
export type Role = "reader" | "approver";

/** The signed-in identity of this tab. */
export interface Session {
  apiKey: string;
  role: Role;
}

const STORAGE_KEY = "stock-patterns.session";

/**
 * Reads the tab's session, or null when signed out or the stored value is unreadable.
 * @example loadSession(window.sessionStorage)?.role // "approver"
 */
export function loadSession(storage: Pick<Storage, "getItem">): Session | null {
  const raw = storage.getItem(STORAGE_KEY);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<Session>;
    if (typeof value.apiKey !== "string" || value.apiKey === "") return null;
    if (value.role !== "reader" && value.role !== "approver") return null;
    return { apiKey: value.apiKey, role: value.role };
  } catch {
    return null;
  }
}

/** Stores the session for this tab. */
export function saveSession(storage: Pick<Storage, "setItem">, session: Session): void {
  storage.setItem(STORAGE_KEY, JSON.stringify(session));
}

/** Forgets the session (sign out). */
export function clearSession(storage: Pick<Storage, "removeItem">): void {
  storage.removeItem(STORAGE_KEY);
}
