// Runs axe-core, the accessibility rules engine, on the page as it stands, in the test's own Chromium.
import axe from "axe-core";
import type { Page } from "playwright-core";

/**
 * Every axe rule the page breaks now, one line each ("page-has-heading-one (moderate): html"), at any
 * impact; [] when it breaks none. The engine is put in through the DevTools protocol, which the console's
 * Content-Security-Policy (scripts from 'self' only) does not govern.
 * @example expect(await axeViolations(page)).toEqual([]);
 */
export async function axeViolations(page: Page): Promise<string[]> {
  // Once per document: hash changes and viewport changes keep it, a load starts a new one. Compiling the
  // engine's 600 kB again for each check of the same document only cost time.
  const loaded = () => typeof (window as unknown as { axe?: typeof axe }).axe?.run === "function";
  if (!(await page.evaluate(loaded))) await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const { violations } = await (window as unknown as { axe: typeof axe }).axe.run(document, {
      resultTypes: ["violations"],
    });
    return violations.map(
      (rule) => `${rule.id} (${rule.impact}): ${rule.nodes.map((node) => node.target.join(" ")).join(", ")}`,
    );
  });
}
