// A 404 names the path it found no route for, in words a reader sees as they are: the path Hono decoded
// may hold what a terminal acts on or what shows nothing, which the message escapes.

import { describe, expect, it } from "vitest";
import { call } from "#test/http";

/** Each path is answered 404 with its detail. */
async function expectDetails(cases: readonly (readonly [path: string, detail: string])[]): Promise<void> {
  for (const [path, detail] of cases) {
    const { status, json } = await call(path);
    expect([path, status, json.detail]).toEqual([path, 404, detail]);
  }
}

describe("a path no route serves", () => {
  it("is named as sent when plain, and quoted with each control, format or invisible character escaped", async () => {
    // Each was answered as decoded: NUL, ESC (a terminal clears the screen), the 8-bit CSI U+009B (JSON
    // leaves C1 as it is), an override showing "exe.png" as "gnp.exe" reversed, a zero-width space.
    const cases = [
      ["/nothing/here", "no route for GET /nothing/here"],
      ["/x%00y", 'no route for GET "/x\\u0000y"'],
      ["/x%1b[2J", 'no route for GET "/x\\u001b[2J"'],
      ["/x%C2%9B2K", 'no route for GET "/x\\u009b2K"'],
      ["/report%E2%80%AEgnp.exe", 'no route for GET "/report\\u202egnp.exe"'],
      // The zero-width space is no letter of a name: the route meant is named too.
      ["/ale%E2%80%8Brts", 'no route for GET "/ale\\u200brts" (did you mean /alerts?)'],
      ["/two%20words", 'no route for GET "/two words"'],
    ] as const;
    await expectDetails(cases);
  });

  it("names the route it was most likely meant for: a near miss of each named part, any value for a parameter", async () => {
    const cases = [
      ["/alert", "no route for GET /alert (did you mean /alerts?)"],
      ["/alerts/", "no route for GET /alerts/ (did you mean /alerts?)"],
      ["/Alerts/abc", "no route for GET /Alerts/abc (did you mean /alerts/{alertId}?)"],
      ["/approval/some-token", "no route for GET /approval/some-token (did you mean /approvals/{token}?)"],
      ["/statistics", "no route for GET /statistics"],
      ["/alerts/abc/more", "no route for GET /alerts/abc/more"],
    ] as const;
    await expectDetails(cases);
  });
});
