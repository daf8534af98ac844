// Problem documents into ApiError, and where the console finds the API.
import { describe, expect, it } from "vitest";
import { apiBaseUrl } from "./config";
import { ApiError, problemError } from "./problem";

describe("problemError", () => {
  it("reads title, detail and field paths from a problem document", () => {
    const error = problemError(400, {
      title: "Bad Request",
      detail: "invalid body",
      errors: [{ path: "body.decision", message: "expected approve or reject" }],
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe("Bad Request: invalid body");
    expect(error.fields).toEqual([{ path: "body.decision", message: "expected approve or reject" }]);
    expect(error.body.title).toBe("Bad Request");
  });

  it("says the status in words when the body is not a problem document, with or without a reason phrase", () => {
    expect(problemError(503, undefined, "Service Unavailable").title).toBe("Service unavailable");
    expect(problemError(500, "").title).toBe("Internal server error");
    expect(problemError(418, "", "I'm a teapot").title).toBe("I'm a teapot");
    expect(problemError(418, "").title).toBe("HTTP 418");
  });

  it("keeps a plain-text body as the detail, and leaves out a web page's markup", () => {
    expect(problemError(502, "upstream connect error", "Bad Gateway").message).toBe(
      "Bad gateway: upstream connect error",
    );
    // A proxy's or a CDN's error page in front of the API: its markup read as the API's words.
    const page =
      "<!DOCTYPE html><html><head><title>503</title></head><body><h1>503 Service Unavailable</h1></body></html>";
    expect(problemError(503, page, "Service Unavailable").message).toBe("Service unavailable");
    expect(
      problemError(503, `\n  <html><body>busy</body></html>`, "Service Unavailable").detail,
    ).toBeUndefined();
  });
});

describe("apiBaseUrl", () => {
  it("uses the configured URL without trailing slashes, or the console's own origin", () => {
    expect(apiBaseUrl("https://api.example.com/live/")).toBe("https://api.example.com/live");
    expect(apiBaseUrl("")).toBe("");
    expect(apiBaseUrl(undefined)).toBe("");
  });
});
