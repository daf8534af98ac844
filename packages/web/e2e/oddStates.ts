// What every file of the console's odd states starts in its hooks, each its own as every e2e file does
// (vitest.config.ts): the local system with the sample's SPX analysed, whose CRITICAL double top waits for a
// decision behind an approve link, and a headless Chromium.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchBrowser } from "./browser";
import { startTestSystem, type TestSystem } from "./testSystem";

/** What the tests of one file share. */
export interface OddStates {
  local: TestSystem;
  browser: Browser;
  /** The approve link of the CRITICAL double top in the sample's 2000. */
  link: string;
}

/**
 * Starts the system and the browser before the file's tests and stops them after. The fields are set once
 * the file's beforeAll has run: read them inside a test.
 *
 * @example
 * const odd = oddStates();
 * it("opens the link", async () => (await openTab(odd.browser)).page.goto(odd.link));
 */
export function oddStates(): OddStates {
  const started = {} as OddStates;
  beforeAll(async () => {
    started.local = await startTestSystem();
    started.browser = await launchBrowser();
    await started.local.analyse("SPX");
    started.link = await started.local.linkFor("SPX");
  });
  afterAll(async () => {
    await started.browser?.close();
    await started.local?.stop();
  });
  return started;
}
