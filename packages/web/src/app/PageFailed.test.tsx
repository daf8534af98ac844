// A page that failed to render points each key at pages it can use: approvals are listed to approvers only.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { PageFailed } from "./PageFailed";
import { routeHash } from "./routes";

const APPROVALS = `href="${routeHash({ page: "approvals" })}"`;
const HISTORY = `href="${routeHash({ page: "alerts", filters: {} })}"`;

describe("PageFailed", () => {
  it("says why, and leads an approver to the pending approvals and the alert history", () => {
    const html = renderToStaticMarkup(<PageFailed page="alert" why="the chart broke" keyRole="approver" />);
    expect(html).toContain("This page could not be shown: the chart broke.");
    expect(html).toContain(APPROVALS);
    expect(html).toContain(HISTORY);
  });

  it.each(["reader", "analyst"] as const)("leads the %s key to the alert history only", (role) => {
    const html = renderToStaticMarkup(<PageFailed page="alert" why="the chart broke" keyRole={role} />);
    expect(html).toContain(HISTORY);
    expect(html).not.toContain(APPROVALS);
  });
});
