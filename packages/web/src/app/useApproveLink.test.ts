// Opening an approve link: the token becomes its approval's address, or, on a page that cannot read it, a
// message saying why and how to open it, with the token out of the address.
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { forgetTokens, knownToken } from "../approvals/approveLink";
import { routeHash } from "./routes";
import { openApproveLink } from "./useApproveLink";

const TOKEN = "q3T0_one-time-token";
const link = { pathname: "/", search: `?token=${TOKEN}`, hash: "", host: "192.168.1.20:3000" };

afterEach(() => {
  vi.unstubAllGlobals();
  forgetTokens();
});

describe("openApproveLink", () => {
  it("moves a link's token to its approval's address, and keeps it for the tab", async () => {
    const hash = createHash("sha256").update(TOKEN).digest("hex");
    expect(await openApproveLink(link)).toEqual({
      address: `/${routeHash({ page: "approval", tokenHash: hash })}`,
    });
    expect(knownToken(hash)).toBe(TOKEN);
  });

  it("does nothing for an address without a token", async () => {
    expect(await openApproveLink({ ...link, search: "" })).toBeUndefined();
  });

  it("on a page that may not hash (plain http, not loopback), says to open the link over https and takes the token out", async () => {
    // Such a page has crypto but no crypto.subtle: hashing threw, the error was dropped, and the approver
    // was left on the pending list with the token still in the address bar.
    vi.stubGlobal("crypto", { getRandomValues: crypto.getRandomValues.bind(crypto) });
    const opened = await openApproveLink({
      ...link,
      search: `?token=${TOKEN}&from=mail`,
      hash: "#/approvals",
    });
    expect(opened?.address).toBe("/?from=mail#/approvals");
    expect(opened?.address).not.toContain(TOKEN);
    expect(opened?.problem).toBe(
      "This approve link cannot be opened over plain http at 192.168.1.20:3000: the browser lets the console " +
        "read a link's token only on a secure page. Open the link over https, or from the console's own " +
        "address. The token has been taken out of the address bar; the link you were sent still holds it.",
    );
  });
});
