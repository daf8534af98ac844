// Opening an approve link (`/?token=…`) shows that approval; the token moves from the address to the tab.
import { useEffect } from "react";
import { linkToken, rememberToken } from "../approvals/approveLink";
import { routeHash } from "./routes";

/** On load, turns `?token=…` into `#/approvals/{hash}` and drops the token from the address bar and history. */
export function useApproveLink(): void {
  useEffect(() => {
    const token = linkToken(window.location.search);
    if (!token) return;
    void rememberToken(token).then((hash) => {
      const hashRoute = routeHash({ page: "approval", tokenHash: hash });
      window.history.replaceState(null, "", `${window.location.pathname}${hashRoute}`);
      window.dispatchEvent(new HashChangeEvent("hashchange"));
    });
  }, []);
}
