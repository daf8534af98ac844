// The words for a failed request, where a 429 or 503 said when to ask again.
import { GATEWAY_PROBLEMS, LOCAL_PROBLEMS, WAF_BLOCK_PROBLEMS } from "@stock-patterns/core/contracts";
import { describe, expect, it } from "vitest";
import { ApiError } from "../api/problem";
import { describeError } from "./errorWords";

/** An answer that arrived at 09:40:00 UTC asking to wait `seconds`. */
const refused = (
  { status, title, detail }: { status: number; title: string; detail: string },
  seconds: number,
) =>
  new ApiError(
    status,
    title,
    detail,
    [],
    {},
    {
      ms: seconds * 1000,
      at: Date.UTC(2026, 11, 5, 9, 40) + seconds * 1000,
    },
  );

describe("describeError", () => {
  it("says how long the API asked to wait before trying again, and until when", () => {
    const block = WAF_BLOCK_PROBLEMS.TooManyRequests;
    expect(describeError(refused(block, block.retryAfterSeconds))).toBe(
      `The API answered 429: Too many requests: ${block.detail}. The API asked to wait 5 min 30 s before trying again (until 09:45:30 UTC).`,
    );
    expect(describeError(refused(LOCAL_PROBLEMS.STARTING, 1))).toBe(
      "The API answered 503: Service Unavailable: The local system is starting. The API asked to wait 1 s before trying again (until 09:40:01 UTC).",
    );
  });

  it("says nothing of waiting when the API did not say, or said now", () => {
    const block = WAF_BLOCK_PROBLEMS.TooManyRequests;
    const unsaid = new ApiError(block.status, block.title, block.detail);
    expect(describeError(unsaid)).toBe(`The API answered 429: Too many requests: ${block.detail}`);
    expect(describeError(refused(block, 0))).toBe(`The API answered 429: Too many requests: ${block.detail}`);
  });
});

describe("a refusal (403)", () => {
  it("gives the API's reason, which need not be the key's: a firewall's block is not the key's role", () => {
    const country = WAF_BLOCK_PROBLEMS.CountryRefused;
    const firewall = GATEWAY_PROBLEMS.WAF_FILTERED;
    expect(describeError(new ApiError(country.status, country.title, country.detail))).toBe(
      "The API refused this: requests from this country are not served.",
    );
    expect(describeError(new ApiError(firewall.status, firewall.title, firewall.detail))).toBe(
      "The API refused this: the request was refused by the API's firewall.",
    );
    // The app's own 403: a key whose role was changed while the tab stayed open.
    expect(
      describeError(new ApiError(403, "Forbidden", "this needs an approver key; yours is a reader key")),
    ).toBe("The API refused this: this needs an approver key; yours is a reader key.");
    expect(describeError(new ApiError(403, "Forbidden"))).toBe("Your key may not see this.");
  });
});
