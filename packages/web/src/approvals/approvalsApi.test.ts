// Where a decision is sent: the link's token route when the approver came by the link, else the id route;
// one approval read by its id, and the pending list read page by page from a real loopback server, saying when pages were left unread.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "../api/problem";
import type { Approval } from "../api/types";
import { decisionPath, getApprovalById, listPendingApprovals, oldestFirst } from "./approvalsApi";
import { pendingCount } from "./PendingApprovals";

// Answers GET /approvals with 100 approvals a page; a key named "k-pages-N" has N pages of them.
let server: Server;
let baseUrl: string;
let requests = 0;
/** The query of each request, without its cursor. */
const queries: string[] = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    requests++;
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    // One approval by id: "a…" is known, "b…" is not (404), "c…" meets a server error.
    const byId = /^\/approvals\/(\w+)\/decision$/.exec(url.pathname)?.[1];
    if (byId !== undefined) {
      const status = { a: 200, b: 404, c: 503 }[byId[0] as "a" | "b" | "c"];
      response.writeHead(status, {
        "content-type": status === 200 ? "application/json" : "application/problem+json",
      });
      response.end(
        JSON.stringify(status === 200 ? { id: byId, status: "REJECTED" } : { status, title: "x" }),
      );
      return;
    }
    queries.push(url.search.replace(/&cursor=[^&]*/, ""));
    const pages = Number(String(request.headers["x-api-key"]).replace("k-pages-", ""));
    const page = Number(url.searchParams.get("cursor") ?? "0");
    const items = Array.from({ length: 100 }, (_, i) => ({
      id: `p${page}-${i}`,
      createdAt: new Date(Date.UTC(2026, 10, 25, 14) - (page * 100 + i) * 1000).toISOString(),
    }));
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ items, cursor: page + 1 < pages ? String(page + 1) : null }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe("approval calls", () => {
  it("send a decision by the link's token when there is one, else by the approval's id", () => {
    expect(decisionPath({ id: "ab12", token: "t_1-x" })).toBe("/approve/t_1-x");
    expect(decisionPath({ id: "ab12" })).toBe("/approvals/ab12/decision");
  });

  it("read one approval by its id, in any status; none when the API knows no such id", async () => {
    const known = "a".repeat(64);
    expect(await getApprovalById("k", known, undefined, baseUrl)).toEqual({ id: known, status: "REJECTED" });
    expect(await getApprovalById("k", "b".repeat(64), undefined, baseUrl)).toBeUndefined();
    // Any other failure is the caller's to show (with its Try again), not "no such approval".
    const failed = await getApprovalById("k", "c".repeat(64), undefined, baseUrl).catch((error) => error);
    expect(failed).toBeInstanceOf(ApiError);
    expect((failed as ApiError).status).toBe(503);
  });

  it("list approvals oldest first", () => {
    const at = (createdAt: string) => ({ createdAt }) as Approval;
    const sorted = oldestFirst([
      at("2026-11-25T14:10:00Z"),
      at("2026-11-25T13:59:00Z"),
      at("2026-11-25T14:00:00Z"),
    ]);
    expect(sorted.map((approval) => approval.createdAt)).toEqual([
      "2026-11-25T13:59:00Z",
      "2026-11-25T14:00:00Z",
      "2026-11-25T14:10:00Z",
    ]);
  });

  it("read every pending page, and say when more wait than the console reads at once", async () => {
    requests = 0;
    const all = await listPendingApprovals("k-pages-3", undefined, baseUrl);
    expect([all.approvals.length, all.complete, requests]).toEqual([300, true, 3]);
    expect(all.approvals[0]?.id).toBe("p2-99");
    expect(pendingCount(all.approvals.length, all.complete)).toBe("300 approvals wait for a decision.");

    requests = 0;
    const cut = await listPendingApprovals("k-pages-25", undefined, baseUrl);
    expect([cut.approvals.length, cut.complete, requests]).toEqual([2000, false, 20]);
    expect(pendingCount(cut.approvals.length, cut.complete)).toBe(
      "2000 or more approvals wait for a decision.",
    );
  });

  it("read only the pages that hold the approvals wanted, and say the count is a floor", async () => {
    requests = 0;
    const shown = await listPendingApprovals("k-pages-25", undefined, baseUrl, 100);
    expect([shown.approvals.length, shown.complete, requests]).toEqual([100, false, 1]);
    expect(pendingCount(shown.approvals.length, shown.complete)).toBe(
      "100 or more approvals wait for a decision.",
    );
    // Only those that can still be decided: the API leaves out the lapsed ones that lead its list.
    expect(queries.at(-1)).toBe("?status=PENDING&decidable=true&limit=100");
    requests = 0;
    const more = await listPendingApprovals("k-pages-25", undefined, baseUrl, 150);
    expect([more.approvals.length, more.complete, requests]).toEqual([200, false, 2]);
    // Fewer than wanted: every page read, the count exact.
    requests = 0;
    const all = await listPendingApprovals("k-pages-1", undefined, baseUrl, 200);
    expect([all.approvals.length, all.complete, requests]).toEqual([100, true, 1]);
  });
});
