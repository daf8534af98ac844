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

  it("falls back to the status text when the body is not a problem document", () => {
    expect(problemError(503, undefined, "Service Unavailable").title).toBe("Service Unavailable");
    expect(problemError(500, "").title).toBe("HTTP 500");
  });
});

describe("apiBaseUrl", () => {
  it("uses the configured URL without trailing slashes, or the console's own origin", () => {
    expect(apiBaseUrl("https://api.example.com/live/")).toBe("https://api.example.com/live");
    expect(apiBaseUrl("")).toBe("");
    expect(apiBaseUrl(undefined)).toBe("");
  });
});
