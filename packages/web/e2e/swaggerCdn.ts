// The CDN the API docs page loads Swagger UI from, as the browser tests stand it in: machines here reach no
// CDN, so a page's requests for the pinned swagger-ui-dist files are answered with the installed package's
// files (the same release, a devDependency). The browser checks them against the page's integrity hashes,
// as it would the CDN's, and refuses a file that differs.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";

const distDir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
/** The installed swagger-ui-dist release. */
export const installedSwaggerUi = JSON.parse(readFileSync(join(distDir, "package.json"), "utf8"))
  .version as string;
const CDN = /^https:\/\/cdn\.jsdelivr\.net\/npm\/swagger-ui-dist@([^/]+)\/([\w.-]+)$/;

/**
 * Answers the page's CDN requests with the installed release's files (`alter` may change one), and
 * refuses any request off `origin` and the CDN; resolves to the list of off-origin URLs asked, filled
 * as the page asks.
 * @example const asked = await serveSwaggerCdn(page, local.system.apiUrl);
 */
export async function serveSwaggerCdn(
  page: Page,
  origin: string,
  alter: (file: string, body: Buffer) => Buffer = (_, body) => body,
): Promise<string[]> {
  const asked: string[] = [];
  await page.route(
    (url) => url.origin !== new URL(origin).origin,
    async (route) => {
      const url = route.request().url();
      asked.push(url);
      const [, version, file] = url.match(CDN) ?? [];
      if (!version || !file) return route.abort();
      expect(version, "the pinned release is the installed one").toBe(installedSwaggerUi);
      const type = file.endsWith(".css") ? "text/css" : "text/javascript";
      await route.fulfill({
        body: alter(file, readFileSync(join(distDir, file))),
        contentType: type,
        headers: { "access-control-allow-origin": "*" },
      });
    },
  );
  return asked;
}
