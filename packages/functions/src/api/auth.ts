// The X-API-Key check: 401 without a known key, 403 when the key's role may not do this.

import { API_KEY_CHALLENGE } from "@stock-patterns/core/contracts";
import { createMiddleware } from "hono/factory";
import { authenticate, type Principal, type Role } from "./keys";
import { ProblemError } from "./problem";

/** Variables the API's middleware sets on the context. */
export interface ApiVariables {
  requestId: string;
  principal: Principal;
}

const RANK: Record<Role, number> = { reader: 1, approver: 2 };

/**
 * Whether some key is refused (403) on a route that needs `role`: a key of every role may do what a reader
 * may, so only routes needing more can answer 403.
 *
 * @example
 * refusesSomeKey("reader") // false
 */
export const refusesSomeKey = (role: Role) => Object.values(RANK).some((rank) => rank < RANK[role]);

/**
 * Requires a key whose role is at least `role` (approver keys can do everything readers can).
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
    if (RANK[principal.role] < RANK[role]) {
      throw new ProblemError(403, "Forbidden", `this needs an ${role} key; yours is a ${principal.role} key`);
    }
    c.set("principal", principal);
    await next();
  });
}
