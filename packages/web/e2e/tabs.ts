// Browser tabs for the end-to-end tests: each a fresh context (its own sessionStorage), signed in by form.
import type { Browser, BrowserContext, Page } from "playwright-core";

/** Polling options for what the system does in the background (the console refreshes every 5 s). */
export const SOON = { timeout: 30_000, interval: 250 };

/** A fresh tab at a desk's width, or a phone's (375 × 800). */
export async function openTab(
  browser: Browser,
  width = 1280,
  height = 900,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height }, locale: "en-US" });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  return { context, page };
}

/** Signs in through the form and waits for the signed-in header. */
export async function signIn(page: Page, apiKey: string): Promise<void> {
  await page.getByLabel("API key").fill(apiKey);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}
