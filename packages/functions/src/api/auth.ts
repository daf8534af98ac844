// The X-API-Key check: 401 without a known key, 403 when the key's role may not do this.

import { listed } from "@stock-patterns/core";
import { API_KEY_CHALLENGE, API_KEY_ROLES, roleCovers } from "@stock-patterns/core/contracts";
import { createMiddleware } from "hono/factory";
import { authenticate, type Principal, type Role } from "./keys";
import { ProblemError } from "./problem";

/** Variables the API's middleware sets on the context. */
export interface ApiVariables {
  requestId: string;
  principal: Principal;
}

// Each role may do what every role before it in core's API_KEY_ROLES may: analysts submit bars, approvers also decide.

/**
 * The roles whose keys may call a route that needs `role`, lowest first, as words.
 *
 * @example
 * allowedRoles("analyst") // "analyst or approver"
 */
export function allowedRoles(role: Role): string {
  const roles = API_KEY_ROLES.filter((held) => roleCovers(held, role));
  return listed(roles, "or");
}

/** "an analyst or approver", "a reader". */
const withArticle = (words: string) => `${/^[aeiou]/.test(words) ? "an" : "a"} ${words}`;

/**
 * Whether some key is refused (403) on a route that needs `role`: a key of every role may do what a reader
 * may, so only routes needing more can answer 403.
 *
 * @example
 * refusesSomeKey("reader") // false
 */
export const refusesSomeKey = (role: Role) => API_KEY_ROLES.some((held) => !roleCovers(held, role));

/**
 * Requires a key whose role is at least `role` (an approver key can do everything an analyst or reader key can).
 *
 * @example
 * app.get("/approvals", requireRole("approver"), listHandler)
 */
export function requireRole(role: Role) {
  return createMiddleware<{ Variables: ApiVariables }>(async (c, next) => {
    const key = c.req.header("X-API-Key");
    if (!key)
      throw new ProblemError(
        401,
        "Unauthorized",
        "an X-API-Key header is required",
        {},
        { ...API_KEY_CHALLENGE },
      );
    const principal = authenticate(key);
    if (!principal)
      throw new ProblemError(401, "Unauthorized", "the API key is not valid", {}, { ...API_KEY_CHALLENGE });
    if (!roleCovers(principal.role, role)) {
      const needed = withArticle(allowedRoles(role));
      throw new ProblemError(
        403,
        "Forbidden",
        `this needs ${needed} key; yours is ${withArticle(principal.role)} key`,
      );
    }
    c.set("principal", principal);
    await next();
  });
}
