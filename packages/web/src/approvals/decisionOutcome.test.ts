import { describe, expect, it } from "vitest";
import { ApiError } from "../api/problem";
import { decisionDone, decisionFailed } from "./decisionOutcome";

describe("decision outcomes", () => {
  it("confirms an approval and a rejection differently", () => {
    expect(decisionDone("approve")).toEqual({
      kind: "done",
      message: "Approved. The alert is on its way to subscribers.",
    });
    expect(decisionDone("reject").message).toBe("Rejected. The alert will not be sent.");
  });

  it("names each refusal the API can give", () => {
    expect(decisionFailed(new ApiError(409, "Conflict", "already approved by alice")).message).toBe(
      "This alert was already decided differently (already approved by alice).",
    );
    expect(decisionFailed(new ApiError(410, "Gone")).kind).toBe("expired");
    expect(decisionFailed(new ApiError(403, "Forbidden")).kind).toBe("noRight");
    expect(decisionFailed(new ApiError(404, "Not Found")).kind).toBe("notFound");
    expect(decisionFailed(new ApiError(0, "The API could not be reached")).kind).toBe("failed");
    expect(decisionFailed(new ApiError(500, "Internal Server Error")).message).toBe(
      "The decision was not recorded: Internal Server Error",
    );
  });
});
