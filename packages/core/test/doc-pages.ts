// The pages a new user reads: the README and every docs/*.md, by their path from the repository's root.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root, where the pages' paths start. */
export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** README.md, then each docs/*.md in name order. */
export const PAGES = [
  "README.md",
  ...readdirSync(join(ROOT, "docs"))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => `docs/${name}`),
];
