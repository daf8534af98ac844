// A key's role in the words the console's notices use, where a decision would be for an approver.
import type { Role } from "./keyStore";

/** The roles whose keys may not decide approvals: each notice has a sentence for each. */
export type UndecidingRole = Exclude<Role, "approver">;

/**
 * The key's role with its article.
 * @example keyOfRole("analyst") // "an analyst key"
 */
export const keyOfRole = (role: Role) => `${/^[aeiou]/.test(role) ? "an" : "a"} ${role} key`;

/** What an analyst key is told it may do: submit bars (POST /patterns), which the console does not. */
export const ANALYST_MAY = "it may submit bars, but not decide approvals";
