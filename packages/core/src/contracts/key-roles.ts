// The roles an API key can have and how they rank: the API checks them, GET /keys/me names them, the console
// shows them. No zod here, so the console's bundle can take them (core/vocabulary).

/**
 * The roles an API key can have (the ApiKeys secret names one per key), least first. A reader reads; an
 * analyst also submits bars (POST /patterns stores detections and raises alerts); an approver also decides
 * approvals. Each role may do what every role before it may.
 */
export const API_KEY_ROLES = ["reader", "analyst", "approver"] as const;

/** One of API_KEY_ROLES. */
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

/**
 * Whether a key of role `held` may call a route that needs `needed`: its role is `needed` or after it in
 * API_KEY_ROLES.
 *
 * @example
 * roleCovers("approver", "analyst") // true
 * roleCovers("reader", "analyst") // false
 */
export function roleCovers(held: ApiKeyRole, needed: ApiKeyRole): boolean {
  return API_KEY_ROLES.indexOf(held) >= API_KEY_ROLES.indexOf(needed);
}
