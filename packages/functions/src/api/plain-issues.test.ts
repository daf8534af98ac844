// zod's own messages in plain words, on issues zod itself makes from the API's schemas.
import { analysisRequestSchema, decisionRequestSchema } from "@stock-patterns/core/contracts";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { plainIssues } from "./plain-issues";

const issuesOf = (schema: z.ZodType, sent: unknown) => {
  const result = schema.safeParse(sent);
  if (result.success) throw new Error("expected the schema to refuse it");
  return plainIssues(sent, result.error.issues).map(({ path, message }) => ({
    path: path?.join("."),
    message,
  }));
};

describe("plainIssues", () => {
  it("says a field left out is required, and a value of another kind what it is", () => {
    expect(issuesOf(analysisRequestSchema, { symbol: 5, bars: "2020-01-01,1" })).toEqual([
      { path: "symbol", message: "symbol must be text, not the number 5" },
      { path: "interval", message: "interval is required" },
      // zod also measured the text against the bars' minimum: a field of the wrong kind is told that alone.
      { path: "bars", message: 'bars must be a list, not the text "2020-01-01,1"' },
    ]);
    expect(issuesOf(z.object({ close: z.number() }), { close: "12.5" })).toEqual([
      { path: "close", message: 'close must be a number, not the text "12.5"' },
    ]);
    expect(issuesOf(z.object({ close: z.number() }), { close: "12\u202e5\n" })).toEqual([
      { path: "close", message: 'close must be a number, not the text "12\\u202e5\\n"' },
    ]);
    expect(issuesOf(z.object({ close: z.number() }), [])).toEqual([
      { path: "", message: "the body must be an object, not a list" },
    ]);
  });

  it("names the options of a list, and the one meant when it is near", () => {
    expect(issuesOf(decisionRequestSchema, { decision: "APPROVE" })).toEqual([
      { path: "decision", message: "decision must be one of approve or reject (did you mean approve?)" },
    ]);
    // A letter or two off, as core's nearMiss reads a mistyped name.
    expect(issuesOf(decisionRequestSchema, { decision: "rejcet" })).toEqual([
      { path: "decision", message: "decision must be one of approve or reject (did you mean reject?)" },
    ]);
    expect(issuesOf(decisionRequestSchema, { decision: "aprove" })).toEqual([
      { path: "decision", message: "decision must be one of approve or reject (did you mean approve?)" },
    ]);
    expect(issuesOf(decisionRequestSchema, { decision: "yes" })).toEqual([
      { path: "decision", message: "decision must be one of approve or reject" },
    ]);
  });

  it("says how long a text or a list is beside the length it may have, not in zod's words", () => {
    expect(issuesOf(decisionRequestSchema, { decision: "reject", comment: "x".repeat(1001) })).toEqual([
      { path: "comment", message: "comment is 1,001 characters; at most 1,000" },
    ]);
    expect(
      issuesOf(z.object({ tags: z.array(z.string()).max(2), name: z.string().min(3) }), {
        tags: ["a", "b", "c"],
        name: "",
      }),
    ).toEqual([
      { path: "tags", message: "tags has 3 items; at most 2" },
      { path: "name", message: "name is 0 characters; at least 3" },
    ]);
  });

  it("keeps the messages a schema wrote itself", () => {
    const sent = { symbol: "SPX", interval: "daily", bars: [] };
    expect(issuesOf(analysisRequestSchema, sent).map(({ message }) => message)).toEqual([
      "interval must look like 1m, 15m, 1h, 1d, 1wk or 1mo",
      "at least 38 bars are needed to hold a pattern",
    ]);
  });
});
