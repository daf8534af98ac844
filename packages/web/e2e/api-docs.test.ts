// End to end: GET /docs in a real headless Chromium. The page loads Swagger UI from a CDN, pinned to one
// swagger-ui-dist release with Subresource Integrity. Machines here reach no CDN, so the test answers the
// page's CDN requests with the installed package's files (the same release, a devDependency): the browser
// checks them against the page's hashes, as it would the CDN's, and refuses a file that differs.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { API_ROUTES } from "@stock-patterns/core/contracts";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot } from "./browser";
import { openTab, SOON } from "./tabs";
import { startTestSystem, type TestSystem } from "./testSystem";

const distDir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
const installed = JSON.parse(readFileSync(join(distDir, "package.json"), "utf8")).version as string;
const CDN = /^https:\/\/cdn\.jsdelivr\.net\/npm\/swagger-ui-dist@([^/]+)\/([\w.-]+)$/;

let local: TestSystem;
let browser: Browser;

beforeAll(async () => {
  local = await startTestSystem();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await local?.stop();
});

/**
 * Answers the page's CDN requests with the installed release's files (`alter` may change one), and
 * refuses any other off-origin request; answers what was asked.
 */
async function serveCdn(page: Page, alter: (file: string, body: Buffer) => Buffer = (_, body) => body) {
  const asked: string[] = [];
  await page.route(
    (url) => url.origin !== new URL(local.system.apiUrl).origin,
    async (route) => {
      const url = route.request().url();
      asked.push(url);
      const [, version, file] = url.match(CDN) ?? [];
      if (!version || !file) return route.abort();
      expect(version, "the pinned release is the installed one").toBe(installed);
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

/** The operation ids the OpenAPI document has, as Swagger UI lists them. */
const operations = API_ROUTES.map((route) => route.operationId);

describe("the API's interactive docs", () => {
  it("load the pinned Swagger UI and show every operation", async () => {
    const { context, page } = await openTab(browser);
    const asked = await serveCdn(page);
    const errors: string[] = [];
    page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
    // Collected in the page from its first script on, so a violation before Swagger UI runs counts too.
    await page.addInitScript(() => {
      const seen: string[] = [];
      Object.assign(window, { cspViolations: seen });
      document.addEventListener("securitypolicyviolation", (event) =>
        seen.push(`${event.effectiveDirective} ${event.blockedURI}`),
      );
    });
    const answer = await page.goto(`${local.system.apiUrl}/docs`);
    expect(answer?.headers()["content-security-policy"]).toMatch(/default-src 'none'/);
    const shown = page.locator(".opblock");
    await expect.poll(() => shown.count(), SOON).toBe(API_ROUTES.length);
    const ids = await page.locator(".opblock").evaluateAll((blocks) => blocks.map((b) => b.id));
    for (const id of operations) expect(ids.some((shownId) => shownId.includes(id))).toBe(true);
    expect(asked.sort()).toEqual(
      ["swagger-ui-bundle.js", "swagger-ui.css"].map(
        (file) => `https://cdn.jsdelivr.net/npm/swagger-ui-dist@${installed}/${file}`,
      ),
    );
    expect(errors).toEqual([]);
    expect(
      await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations),
    ).toEqual([]);
    await screenshot(page, "50-api-docs");
    await context.close();
  });

  it("refuses a script the CDN altered", async () => {
    const { context, page } = await openTab(browser);
    await serveCdn(page, (file, body) =>
      file.endsWith(".js") ? Buffer.concat([body, Buffer.from("\n;window.altered = true;")]) : body,
    );
    const refused: string[] = [];
    page.on("console", (message) => message.type() === "error" && refused.push(message.text()));
    await page.goto(`${local.system.apiUrl}/docs`);
    await expect.poll(() => refused.join("\n"), SOON).toMatch(/integrity/i);
    expect(await page.evaluate(() => "altered" in window || "SwaggerUIBundle" in window)).toBe(false);
    expect(await page.locator(".opblock").count()).toBe(0);
    await context.close();
  });
});
