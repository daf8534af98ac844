// Test helper: a real HTTP server on loopback answering the console's API calls, so the console's own
// fetch code runs unchanged; and the open outcome the bars-after-detection tests start from.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Outcome } from "../api/types";

/** An answer: JSON with status 200, or a problem+json with another status. */
export interface LoopbackAnswer {
  status?: number;
  body: unknown;
}

/**
 * Serves `answer(url)` for every request on 127.0.0.1; `close` in afterAll.
 * @example const api = await loopbackApi(() => ({ body: { items: [] } })); // api.baseUrl
 */
export async function loopbackApi(
  answer: (url: URL) => LoopbackAnswer,
): Promise<{ baseUrl: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    const { status = 200, body } = answer(new URL(request.url ?? "", "http://x"));
    response.writeHead(status, {
      "content-type": status === 200 ? "application/json" : "application/problem+json",
    });
    response.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An outcome still waiting for its breakout: range 120 to 140. */
export const OPEN_OUTCOME: Outcome = {
  ceiling: 140,
  floor: 120,
  status: "open",
  breakout: null,
  target: null,
  resolvedAt: null,
  returns: {},
};
