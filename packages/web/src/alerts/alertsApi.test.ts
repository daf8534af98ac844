// The history's paging against a real loopback server: how many rows each request asks for, as
// docs/console.md's table of API calls says.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loopbackApi } from "../testing/loopbackApi";
import { HISTORY_PAGE_SIZE, HISTORY_REQUESTS_PER_PAGE, listAlerts } from "./alertsApi";

/** The limit of each GET /alerts the server saw. */
const limits: number[] = [];
let api: Awaited<ReturnType<typeof loopbackApi>>;

beforeAll(async () => {
  // A filter that matches little: each request's stretch holds 3 matches, and more remain.
  let served = 0;
  api = await loopbackApi((url) => {
    const limit = Number(url.searchParams.get("limit"));
    limits.push(limit);
    const items = Array.from({ length: Math.min(3, limit) }, () => ({ alertId: `alr_${served++}` }));
    return { body: { items, cursor: `c${served}` } };
  });
  vi.stubEnv("VITE_API_URL", api.baseUrl);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await api.close();
});

describe("a history page", () => {
  it("asks first for a page of rows, then only for the rows it still lacks", async () => {
    const page = await listAlerts("k-1", { symbol: "RARE" });
    expect(limits).toEqual([20, 17, 14, 11, 8]);
    expect(limits).toHaveLength(HISTORY_REQUESTS_PER_PAGE);
    expect(page.items).toHaveLength(15);
    expect(page.cursor).toBe("c15");
  });

  it("is what docs/console.md's table of API calls says", () => {
    const doc = readFileSync(new URL("../../../../docs/console.md", import.meta.url), "utf8");
    const row = doc.split("\n").find((line) => line.startsWith("| history |"));
    expect(row).toBe(
      `| history | \`GET /alerts?status&severity&symbol&limit&cursor\`: \`limit\` ${HISTORY_PAGE_SIZE} for a page's first request, then the rows it still lacks, up to ${HISTORY_REQUESTS_PER_PAGE} requests a page |`,
    );
  });
});
