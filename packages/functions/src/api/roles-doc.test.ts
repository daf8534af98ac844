// docs/api.md's role table says what core's route list says: each keyed route in the row of the role it
// needs, and in no other, so a route moved to another role (POST /patterns, reader to analyst) cannot
// leave the table behind.

import { readFileSync } from "node:fs";
import { API_KEY_ROLES, API_ROUTES } from "@stock-patterns/core/contracts";
import { describe, expect, it } from "vitest";

const doc = readFileSync(new URL("../../../../docs/api.md", import.meta.url), "utf8");

/** The table under "## Authentication": each role's row, by role. */
function roleRows(): Map<string, string> {
  const section = doc.slice(
    doc.indexOf("## Authentication"),
    doc.indexOf("\n## ", doc.indexOf("## Authentication") + 1),
  );
  return new Map(
    [...section.matchAll(/^\| `(\w+)` \| (.*) \|$/gm)].map(([, role = "", may = ""]) => [role, may]),
  );
}

describe("docs/api.md's role table", () => {
  it("has a row for each role, least first", () => {
    expect([...roleRows().keys()]).toEqual([...API_KEY_ROLES]);
  });

  it("lists each keyed route in the row of the role it needs, and only there", () => {
    const rows = roleRows();
    for (const route of API_ROUTES) {
      if (!("role" in route)) continue;
      const name = `\`${route.method} ${route.path}\``;
      const listedUnder = [...rows].filter(([, may]) => may.includes(name)).map(([role]) => role);
      expect(listedUnder, name).toEqual([route.role]);
    }
  });
});
