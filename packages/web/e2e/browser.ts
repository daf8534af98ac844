// Launches the headless Chromium that ships inside @sparticuz/chromium through playwright-core (no download),
// as the web project's global setup unpacked it (unpack-chromium.ts).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import chromium from "@sparticuz/chromium";
import { type Browser, type Page, chromium as playwright } from "playwright-core";
import { BROWSER_EXECUTABLE } from "./unpack-chromium";

/** Where each page's screenshot is kept (gitignored). */
export const ARTIFACTS = join(import.meta.dirname, "..", "test-artifacts");

/**
 * The package's GPU flags: a GPU emulated on the CPU (SwiftShader behind ANGLE), for Lambda's WebGL. The
 * console draws no WebGL; with the emulation the page composited and rastered through it, and the docs page
 * with everything open took about a quarter more CPU than Chromium's own software path (`--disable-gpu`).
 */
const EMULATED_GPU = new Set([
  "--ignore-gpu-blocklist",
  "--in-process-gpu",
  "--use-gl=angle",
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
]);

/**
 * The package's flags minus `--single-process` (made for Lambda: with it the browser dies when its first
 * context closes, and each test here uses a fresh context) and minus its emulated GPU, plus flags that keep
 * it off the network.
 */
export function browserArgs(): string[] {
  return [
    ...chromium.args.filter((arg) => arg !== "--single-process" && !EMULATED_GPU.has(arg)),
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ];
}

/**
 * Starts a headless Chromium; close it in afterAll. The package's flags turn the same-origin policy off
 * (`--disable-web-security`), which a page on one origin reading another's answers needs on:
 * `{ sameOriginPolicy: true }` keeps it, as every user's browser has it.
 */
export async function launchBrowser(options: { sameOriginPolicy?: boolean } = {}): Promise<Browser> {
  const args = browserArgs();
  return playwright.launch({
    executablePath: BROWSER_EXECUTABLE,
    args: options.sameOriginPolicy ? args.filter((arg) => arg !== "--disable-web-security") : args,
    headless: true,
  });
}

/** Saves a full-page screenshot as test-artifacts/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  // The pointer is left where the last click was; over the chart it would draw a crosshair into the picture.
  await page.mouse.move(0, 0);
  await page.screenshot({ path, fullPage: true });
  return path;
}
