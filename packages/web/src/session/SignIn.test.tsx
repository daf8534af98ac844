// The sign-in form and the words for a refused key.

import { WAF_BLOCK_PROBLEMS } from "@stock-patterns/core/contracts";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ApiError } from "../api/problem";
import { labelledControls } from "../testing/labelledControls";
import { SignInForm, signInError } from "./SignIn";

describe("sign-in form", () => {
  it("has a labelled key field that is never shown in clear", () => {
    const html = renderToStaticMarkup(<SignInForm busy={false} onSubmit={() => {}} />);
    expect(labelledControls(html)).toEqual(["API key"]);
    expect(html).toContain('type="password"');
    expect(html).toMatch(/autocomplete="off"/i);
  });

  it("explains a refused key as an alert", () => {
    const html = renderToStaticMarkup(
      <SignInForm busy={false} error="This key is not recognised." onSubmit={() => {}} />,
    );
    expect(html).toContain('<p role="alert" class="error">This key is not recognised.</p>');
  });
});

describe("sign-in errors", () => {
  it("explain a refused key, a blocked request and an unreachable API", () => {
    expect(signInError(new ApiError(401, "Unauthorized"))).toBe(
      "This key is not recognised. Check it and try again.",
    );
    // Every known key may ask GET /keys/me, so a 403 there is a block in front of the app, not the key's role.
    const { status, title, detail } = WAF_BLOCK_PROBLEMS.CountryRefused;
    expect(signInError(new ApiError(status, title, detail))).toBe(
      `The API answered 403: ${title}: requests from this country are not served`,
    );
    const block = WAF_BLOCK_PROBLEMS.TooManyRequests;
    const blocked = new ApiError(
      block.status,
      block.title,
      block.detail,
      [],
      {},
      {
        ms: 330_000,
        at: Date.UTC(2026, 11, 5, 9, 45, 30),
      },
    );
    expect(signInError(blocked)).toBe(
      `The API answered 429: Too many requests: ${block.detail}. The API asked to wait 5 min 30 s before trying again (until 09:45:30 UTC).`,
    );
    expect(signInError(new ApiError(0, "unreachable", "fetch failed"))).toBe(
      "The API could not be reached (fetch failed).",
    );
  });
});
