// Opening an approve link (`/?token=…`) shows that approval; the token moves from the address to the tab.
// Hashing it needs a secure page (crypto.subtle: https or loopback): elsewhere the approver is told so.
import { useEffect, useState } from "react";
import { linkToken, rememberToken } from "../approvals/approveLink";
import { routeHash } from "./routes";

/** Where an approve link was opened: the parts of window.location it is read from. */
export interface LinkAddress {
  pathname: string;
  search: string;
  hash: string;
  host: string;
}

/** What opening a link came to: the address to show in its place, and why the token could not be read, if so. */
export interface LinkOpening {
  address: string;
  problem?: string;
}

const TOKEN_REMOVED =
  "The token has been taken out of the address bar; the link you were sent still holds it.";

/** Why a token could not be read here, in words an approver can act on. */
function linkProblem(host: string): string {
  if (typeof crypto === "undefined" || crypto.subtle === undefined) {
    return (
      `This approve link cannot be opened over plain http at ${host}: the browser lets the console read a ` +
      "link's token only on a secure page. Open the link over https, or from the console's own address. " +
      TOKEN_REMOVED
    );
  }
  return `This approve link could not be opened in this browser. ${TOKEN_REMOVED}`;
}

/**
 * Reads an approve link's token from `where`: its approval's address, the token kept for this tab; or, when
 * it cannot be hashed here, the same address without the token and the problem to show. Undefined without one.
 *
 * @example await openApproveLink({ pathname: "/", search: "?token=abc", hash: "", host }) // { address: "/#/approvals/ba78…" }
 */
export async function openApproveLink(where: LinkAddress): Promise<LinkOpening | undefined> {
  const token = linkToken(where.search);
  if (!token) return undefined;
  try {
    const hash = await rememberToken(token);
    return { address: `${where.pathname}${routeHash({ page: "approval", tokenHash: hash })}` };
  } catch {
    const rest = new URLSearchParams(where.search);
    rest.delete("token");
    const query = rest.toString() !== "" ? `?${rest}` : "";
    return { address: `${where.pathname}${query}${where.hash}`, problem: linkProblem(where.host) };
  }
}

/**
 * On load, turns `?token=…` into `#/approvals/{hash}` and drops the token from the address bar and history;
 * answers why the link could not be opened, when it could not.
 */
export function useApproveLink(): string | undefined {
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    void openApproveLink(window.location).then((opened) => {
      if (!opened) return;
      window.history.replaceState(null, "", opened.address);
      if (opened.problem) setProblem(opened.problem);
      else window.dispatchEvent(new HashChangeEvent("hashchange"));
    });
  }, []);
  return problem;
}
