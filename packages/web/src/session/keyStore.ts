// Keeps the signed-in API key for this browser tab only (sessionStorage), never in localStorage or cookies.
import { API_KEY_ROLES, type ApiKeyRole } from "@stock-patterns/core/vocabulary";

/**
 * The key's role, as the API holds it (core's API_KEY_ROLES): readers see alerts, analysts also submit bars
 * (which the console does not), approvers also decide.
 */
export type Role = ApiKeyRole;

const isRole = (value: unknown): value is Role => API_KEY_ROLES.some((role) => role === value);

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
    if (!isRole(value.role)) return null;
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
