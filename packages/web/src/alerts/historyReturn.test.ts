import { describe, expect, it } from "vitest";
import { historyAddress } from "./historyReturn";

describe("historyAddress", () => {
  it("keeps a history page's filters and cursors", () => {
    expect(historyAddress("#/alerts?severity=HIGH&cursor=c1&cursor=c2")).toBe(
      "#/alerts?severity=HIGH&cursor=c1&cursor=c2",
    );
  });

  it("leads to page 1 when nothing was kept, or what was kept is no history page", () => {
    expect(historyAddress(undefined)).toBe("#/alerts");
    expect(historyAddress("#/approvals")).toBe("#/alerts");
    expect(historyAddress("javascript:alert(1)")).toBe("#/alerts");
  });
});
