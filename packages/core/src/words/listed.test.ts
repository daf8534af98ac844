import { describe, expect, it } from "vitest";
import { listed } from "./listed";

describe("listed", () => {
  it("joins words with commas and the conjunction before the last", () => {
    expect(listed([])).toBe("");
    expect(listed(["symbol"])).toBe("symbol");
    expect(listed(["status", "symbol"])).toBe("status and symbol");
    expect(listed(["YYYY", "MM", "DD"])).toBe("YYYY, MM and DD");
    expect(listed(["reader", "analyst", "approver"], "or")).toBe("reader, analyst or approver");
  });
});
