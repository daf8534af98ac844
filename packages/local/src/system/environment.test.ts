// The retention `npm start --retention-days` hands the functions: the days as they read them, empty (every
// detection kept) without the flag, whatever this process inherited, and refused below core's least.
import { RECORD_RETENTION } from "@stock-patterns/core/catalog";
import { retentionDaysOfStage } from "@stock-patterns/functions/src/config/retention";
import { describe, expect, it } from "vitest";
import { retentionEnvironment } from "./environment";

describe("retentionEnvironment", () => {
  it("gives the functions the days, which they read back", () => {
    const env = retentionEnvironment(90);
    expect(env).toEqual({ RECORD_RETENTION_DAYS: "90" });
    expect(retentionDaysOfStage(env)).toBe(90);
  });

  it("sets the variable empty without a retention, so an inherited one does not apply and all is kept", () => {
    const inherited = { RECORD_RETENTION_DAYS: "45" };
    const env = { ...inherited, ...retentionEnvironment(undefined) };
    expect(env).toEqual({ RECORD_RETENTION_DAYS: "" });
    expect(retentionDaysOfStage(env)).toBeUndefined();
  });

  it("refuses a retention below core's least one before the system starts", () => {
    expect(() => retentionEnvironment(RECORD_RETENTION.minimumDays - 1)).toThrow(
      `RECORD_RETENTION_DAYS: ${RECORD_RETENTION.minimumDays - 1} days is below the least retention`,
    );
  });
});
