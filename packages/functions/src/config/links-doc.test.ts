// docs/api.md's Configuration tells someone running the handlers outside SST which SST_RESOURCE_<Name>
// variables to set: every link the handlers read through `linked` must be there, with the field read.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("..", import.meta.url));
const doc = readFileSync(new URL("../../../../docs/api.md", import.meta.url), "utf8");

/** Each `linked("Name", "field")` in the functions' sources, as "Name.field". */
function linksRead(): string[] {
  const sources = readdirSync(SRC, { recursive: true, encoding: "utf8" }).filter(
    (file) => file.endsWith(".ts") && !file.endsWith(".test.ts"),
  );
  const read = sources.flatMap((file) =>
    [...readFileSync(join(SRC, file), "utf8").matchAll(/\blinked\("(\w+)", "(\w+)"\)/g)].map(
      ([, name, field]) => `${name}.${field}`,
    ),
  );
  return [...new Set(read)].sort();
}

/** The "**SST links.**" list: "- tables `A`, `B` use `{ name }`;" as "A.name", "B.name". */
function linksDocumented(): string[] {
  const start = doc.indexOf("**SST links.**");
  expect(start).toBeGreaterThan(-1);
  const list = doc.slice(start, doc.indexOf("\n\n", doc.indexOf("\n- ", start)));
  return list
    .split("\n- ")
    .slice(1)
    .flatMap((bullet) => {
      const field = /`\{ (\w+) \}`/.exec(bullet)?.[1];
      const names = [...bullet.replace(/`\{[^}]*\}`/g, "").matchAll(/`(\w+)`/g)].map(([, name]) => name);
      return names.map((name) => `${name}.${field}`);
    })
    .sort();
}

describe("docs/api.md's SST links", () => {
  it("are the links the handlers read, each with the field read", () => {
    const read = linksRead();
    expect(read.length).toBeGreaterThan(10);
    expect(linksDocumented()).toEqual(read);
  });
});
