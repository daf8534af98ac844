// The retention a stage gives its detection writers: none unless the stage is named, and a value below
// core's least one stops the synth with the stage, the setting and the minimum in one sentence.
import { FUNCTION_TIMEOUT_SECONDS, RECORD_RETENTION } from "@stock-patterns/core/catalog";
import { describe, expect, inject, it } from "vitest";
import { ofType, type SynthGraph } from "../scripts/synth/graph";
import { retentionEnvironment } from "./retention";

const graph: SynthGraph = inject("production");

describe("retentionEnvironment", () => {
  it("gives a named stage its days and any other stage nothing (keep every detection)", () => {
    expect(retentionEnvironment("production", { production: 365 })).toEqual({ RECORD_RETENTION_DAYS: "365" });
    expect(retentionEnvironment("alice", { production: 365 })).toEqual({});
  });

  it("refuses a retention below core's least one, naming the stage", () => {
    expect(() => retentionEnvironment("production", { production: 7 })).toThrow(
      `stage production: RECORD_RETENTION_DAYS: 7 days is below the least retention, ${RECORD_RETENTION.minimumDays} days`,
    );
    expect(() => retentionEnvironment("staging", { staging: 90.5 })).toThrow(
      /^stage staging: RECORD_RETENTION_DAYS: "90.5" is not a whole number of days/,
    );
  });
});

describe("the deployed retention", () => {
  it("keeps every detection in production: no function gets RECORD_RETENTION_DAYS", () => {
    const functions = ofType(graph, "aws:lambda/function:Function");
    expect(functions).toHaveLength(Object.keys(FUNCTION_TIMEOUT_SECONDS).length);
    for (const fn of functions) {
      const variables = (fn.inputs.environment as { variables?: Record<string, string> }).variables ?? {};
      expect(variables, fn.name).not.toHaveProperty(RECORD_RETENTION.variable);
    }
  });
});
