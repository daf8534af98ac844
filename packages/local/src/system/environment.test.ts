// The retention `npm start --retention-days` hands the functions: the days as they read them, empty (every
// detection kept) without the flag, whatever this process inherited, and refused below core's least. And the
// runtime's environment, which keeps none of a developer's AWS settings.

import { devNull } from "node:os";
import { RECORD_RETENTION } from "@stock-patterns/core/catalog";
import { retentionDaysOfStage } from "@stock-patterns/functions/src/config/retention";
import { describe, expect, it } from "vitest";
import { retentionEnvironment, runtimeEnvironment } from "./environment";

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

describe("runtimeEnvironment", () => {
  it("keeps none of the shell's AWS settings and points the SDK's files at the null device", () => {
    const shell = {
      PATH: "/usr/bin",
      HOME: "/home/dev",
      AWS_PROFILE: "production",
      AWS_REGION: "eu-west-1",
      AWS_ACCESS_KEY_ID: "AKIAREALLOOKING00000",
      AWS_SECRET_ACCESS_KEY: "real/looking/secret",
      AWS_SESSION_TOKEN: "token",
      AWS_ENDPOINT_URL: "https://aws.example.invalid",
      AWS_ENDPOINT_URL_SSM: "https://ssm.example.invalid",
      AWS_CONFIG_FILE: "/home/dev/.aws/config",
      AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://169.254.170.2/creds",
    };
    const functions = {
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
      AWS_ENDPOINT_URL_DYNAMODB: "http://127.0.0.1:4567",
      POWERTOOLS_SERVICE_NAME: "stock-patterns",
    };
    expect(runtimeEnvironment(shell, functions)).toEqual({
      PATH: "/usr/bin",
      HOME: "/home/dev",
      AWS_CONFIG_FILE: devNull,
      AWS_SHARED_CREDENTIALS_FILE: devNull,
      ...functions,
    });
  });
});
