// End to end: the console gets the API's answers compressed, as API Gateway sends them on AWS (docs/api.md,
// "Compressed answers"): the browser asks with its own Accept-Encoding, the history page's answer comes
// gzipped and reads the same; a short answer comes as it is.
import { MIN_COMPRESSED_ANSWER_BYTES } from "@stock-patterns/core/contracts";
import type { Response } from "playwright-core";
import { describe, expect, it } from "vitest";
import { HISTORY_PAGE_SIZE } from "../src/alerts/alertsApi";
import { historyAlert, seededAlertId, seededHistory } from "./seededHistory";
import { openTab, SOON, signIn } from "./tabs";

const history = Array.from({ length: HISTORY_PAGE_SIZE }, (_, i) =>
  historyAlert(i, { alertId: seededAlertId("d0", i), symbol: "SPX", severity: "HIGH" }),
);
const seeded = seededHistory(history);

describe("compressed answers", () => {
  it("takes a page of the history gzipped, a fraction of its bytes on the wire, and shows every row", async () => {
    const { context, page } = await openTab(seeded.browser);
    const apiOrigin = new URL(seeded.local.system.apiUrl).origin;
    const answers: Response[] = [];
    page.on("response", (response) => {
      if (response.url().startsWith(apiOrigin) && response.request().method() === "GET")
        answers.push(response);
    });
    await page.goto(`${seeded.local.system.consoleUrl}#/alerts`);
    await signIn(page, seeded.local.system.apiKeys.reader);
    const rows = page.locator("table.alert-list tbody tr");
    await expect.poll(() => rows.count(), SOON).toBe(HISTORY_PAGE_SIZE);

    const historyPage = answers.find((answer) => new URL(answer.url()).pathname === "/alerts");
    expect(historyPage, "the history page's GET /alerts").toBeDefined();
    if (!historyPage) return;
    const asked = await historyPage.request().allHeaders();
    expect(asked["accept-encoding"]).toContain("gzip");
    expect((await historyPage.allHeaders())["content-encoding"]).toBe("gzip");
    const text = await historyPage.text();
    expect((JSON.parse(text) as { items: unknown[] }).items).toHaveLength(HISTORY_PAGE_SIZE);
    const onTheWire = (await historyPage.request().sizes()).responseBodySize;
    expect(Buffer.byteLength(text)).toBeGreaterThan(MIN_COMPRESSED_ANSWER_BYTES);
    expect(onTheWire).toBeLessThan(Buffer.byteLength(text) / 3);

    // Who the key belongs to: a short answer, under the minimum, sent as it is.
    const keyAnswer = answers.find((answer) => new URL(answer.url()).pathname === "/keys/me");
    expect(keyAnswer, "the sign-in's GET /keys/me").toBeDefined();
    if (!keyAnswer) return;
    expect(Buffer.byteLength(await keyAnswer.text())).toBeLessThan(MIN_COMPRESSED_ANSWER_BYTES);
    expect((await keyAnswer.allHeaders())["content-encoding"]).toBeUndefined();
    await context.close();
  });
});
