// Hash routes: every page read from the address and written back the same.
import { describe, expect, it } from "vitest";
import { landingRoute, mountKey, parseRoute, type Route, routeHash, shownRoute } from "./routes";

describe("routes", () => {
  it("reads every page from the hash", () => {
    expect(parseRoute("")).toEqual({ page: "home" });
    expect(parseRoute("#/")).toEqual({ page: "home" });
    expect(parseRoute("#/approvals")).toEqual({ page: "approvals" });
    expect(parseRoute("#/approvals/tok%2F1")).toEqual({ page: "approval", tokenHash: "tok/1" });
    expect(parseRoute("#/approvals/ab12?alertId=alr_1")).toEqual({
      page: "approval",
      tokenHash: "ab12",
      alertId: "alr_1",
    });
    expect(parseRoute("#/alerts/a-1")).toEqual({ page: "alert", alertId: "a-1" });
    expect(parseRoute("#/alerts?status=APPROVED&severity=HIGH&symbol=spx")).toEqual({
      page: "alerts",
      filters: { status: "APPROVED", severity: "HIGH", symbol: "SPX" },
    });
    expect(parseRoute("#/stats?symbol=spx&pattern=HS")).toEqual({
      page: "stats",
      query: { symbol: "SPX", interval: "1d", pattern: "HS", asOf: undefined },
    });
    expect(parseRoute("#/stats?interval=1h&pattern=XX")).toEqual({
      page: "stats",
      query: { symbol: undefined, interval: "1h", pattern: undefined, asOf: undefined },
    });
    expect(parseRoute("#/nowhere")).toEqual({ page: "notFound", hash: "#/nowhere" });
  });

  it("lands each key at the console's root where it can work: approvers on the approvals, the others on the history", () => {
    // A reader or analyst landed on "Pending approvals", a list the API refuses them (GET /approvals: 403).
    expect(landingRoute("approver")).toEqual({ page: "approvals" });
    expect(landingRoute("analyst")).toEqual({ page: "alerts", filters: {} });
    expect(landingRoute("reader")).toEqual({ page: "alerts", filters: {} });
    expect(shownRoute(parseRoute(""), "reader")).toEqual({ page: "alerts", filters: {} });
    expect(shownRoute(parseRoute("#/"), "approver")).toEqual({ page: "approvals" });
    // An address that names a page is that page, whoever asks: a reader's deep link to the approvals is said.
    expect(shownRoute(parseRoute("#/approvals"), "reader")).toEqual({ page: "approvals" });
    expect(routeHash({ page: "home" })).toBe("#/");
  });

  it("reads an address cut short inside an escape as no page, without throwing", () => {
    expect(parseRoute("#/alerts/SPX%23HS%2")).toEqual({ page: "notFound", hash: "#/alerts/SPX%23HS%2" });
    expect(parseRoute("#/approvals/%E0%A4%A")).toEqual({ page: "notFound", hash: "#/approvals/%E0%A4%A" });
  });

  it("drops filter values the API would not know", () => {
    expect(parseRoute("#/alerts?status=LOST&severity=LOW&symbol=")).toEqual({
      page: "alerts",
      filters: { status: undefined, severity: undefined, symbol: undefined },
    });
  });

  it("reads and writes a history page's cursors in order, after the filters", () => {
    const third: Route = { page: "alerts", filters: { severity: "HIGH" }, cursors: ["c2", "c3=="] };
    expect(routeHash(third)).toBe("#/alerts?severity=HIGH&cursor=c2&cursor=c3%3D%3D");
    expect(parseRoute(routeHash(third))).toEqual({ ...third, filters: { severity: "HIGH" } });
    expect(parseRoute("#/alerts?cursor=&cursor=c2")).toEqual({
      page: "alerts",
      filters: { status: undefined, severity: undefined, symbol: undefined },
      cursors: ["c2"],
    });
    expect(parseRoute("#/alerts")).not.toHaveProperty("cursors");
    expect(mountKey(third)).toBe("#/alerts?severity=HIGH");
  });

  it("writes hashes that read back as the same route", () => {
    const routes: Route[] = [
      { page: "approvals" },
      { page: "approval", tokenHash: "a b/c" },
      { page: "approval", tokenHash: "ab12", alertId: "alr_1" },
      { page: "alert", alertId: "SPX#HS#2000-03-24" },
      { page: "alerts", filters: { status: "PENDING_APPROVAL", severity: "CRITICAL", symbol: "SPX" } },
      { page: "stats", query: { symbol: "SPX", interval: "1d", pattern: "DTOP", asOf: "2010-01-01" } },
    ];
    for (const route of routes) expect(parseRoute(routeHash(route))).toMatchObject(route);
    expect(routeHash({ page: "alerts", filters: {} })).toBe("#/alerts");
    expect(routeHash({ page: "stats", query: { interval: "1d" } })).toBe("#/stats?interval=1d");
  });
});
