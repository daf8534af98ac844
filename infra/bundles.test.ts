// What each function's bundle holds beside its own code: the AWS SDK clients of the services it calls and
// no others, since every byte of the bundle is compiled at each cold start (docs/benchmarks.md, cold start).
import { FUNCTION_TIMEOUT_SECONDS } from "@stock-patterns/core/catalog";
import { describe, expect, inject, it } from "vitest";
import type { SynthGraph } from "../scripts/synth/graph";
import { COMMAND_ACTIONS } from "../scripts/synth/resource-calls";

const graph: SynthGraph = inject("production");

/** The client package that sends each service's calls (the IAM action's prefix). */
const CLIENT_OF_SERVICE: Readonly<Record<string, string>> = {
  dynamodb: "@aws-sdk/client-dynamodb",
  sqs: "@aws-sdk/client-sqs",
  sns: "@aws-sdk/client-sns",
  states: "@aws-sdk/client-sfn",
  lambda: "@aws-sdk/client-lambda",
};

/** The services a function's own code calls: its commands, less those its dependencies construct. */
function servicesCalled(build: SynthGraph["functions"][number]): string[] {
  const foreign = new Set((build.foreign ?? []).map((call) => call.split(" ")[0]));
  const services = (build.commands ?? [])
    .filter((command) => !foreign.has(command))
    .flatMap((command) => COMMAND_ACTIONS[command]?.split(":")[0] ?? []);
  return [...new Set(services)].sort();
}

describe("function bundles", () => {
  it("holds a bundle of each function of core's catalog", () => {
    expect(graph.functions.map((f) => f.functionID).sort()).toEqual(
      Object.keys(FUNCTION_TIMEOUT_SECONDS).sort(),
    );
  });

  it.each(graph.functions.map((f) => [f.functionID, f] as const))(
    "%s bundles the AWS SDK client of each service its code calls, and no other",
    (name, build) => {
      const services = servicesCalled(build);
      expect(services.length, name).toBeGreaterThan(0);
      const expected = services.map((service) => CLIENT_OF_SERVICE[service] ?? `a client for ${service}`);
      expect(build.clients, name).toEqual(expected.sort());
    },
  );
});
