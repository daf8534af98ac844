// End to end: GET /docs in a real headless Chromium. The page loads Swagger UI from a CDN, pinned to one
// swagger-ui-dist release with Subresource Integrity; the CDN is stood in by the installed package's files.
import { TOPICS } from "@stock-patterns/core/catalog";
import { API_ROUTES } from "@stock-patterns/core/contracts";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, screenshot } from "./browser";
import { installedSwaggerUi as installed, serveSwaggerCdn } from "./swaggerCdn";
import { openTab, SOON } from "./tabs";
import { startTestSystem, type TestSystem } from "./testSystem";

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

/** The operation ids the OpenAPI document has, as Swagger UI lists them. */
const operations = API_ROUTES.map((route) => route.operationId);

describe("the API's interactive docs", () => {
  it("load the pinned Swagger UI and show every operation", async () => {
    const { context, page } = await openTab(browser);
    const asked = await serveSwaggerCdn(page, local.system.apiUrl);
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
    // Every operation, and a webhook per topic (the messages the topics publish).
    await expect.poll(() => shown.count(), SOON).toBe(API_ROUTES.length + TOPICS.length);
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
    await serveSwaggerCdn(page, local.system.apiUrl, (file, body) =>
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
