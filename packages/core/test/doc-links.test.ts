// The README and docs/*.md link each other and the code by relative paths and #anchors: a moved file or a
// renamed heading would leave a new user a dead link, so each one must resolve.

import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { PAGES, ROOT } from "./doc-pages";

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to dashes. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");

/** The anchors of a page's headings (outside code blocks), a repeated one numbered as GitHub numbers it. */
function anchors(page: string): Set<string> {
  const text = readFileSync(join(ROOT, page), "utf8").replace(/```[\s\S]*?```/g, "");
  const seen = new Map<string, number>();
  const found = new Set<string>();
  for (const [, heading = ""] of text.matchAll(/^#{1,6}\s+(.*)$/gm)) {
    const anchor = anchorOf(heading);
    const times = seen.get(anchor) ?? 0;
    seen.set(anchor, times + 1);
    found.add(times ? `${anchor}-${times}` : anchor);
  }
  return found;
}

describe("the README's and docs' relative links", () => {
  it("name files that exist and headings those pages have", () => {
    const dead: string[] = [];
    let links = 0;
    for (const page of PAGES) {
      for (const [, href = ""] of readFileSync(join(ROOT, page), "utf8").matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z][a-z+.-]*:/i.test(href)) continue;
        links += 1;
        const [path = "", anchor] = href.split("#");
        const target = path ? join(dirname(page), path) : page;
        if (!existsSync(join(ROOT, target))) dead.push(`${page}: ${href} (no such file)`);
        else if (anchor && target.endsWith(".md") && !anchors(target).has(anchor))
          dead.push(`${page}: ${href} (no such heading)`);
      }
    }
    expect(links).toBeGreaterThan(20);
    expect(dead).toEqual([]);
  });
});
