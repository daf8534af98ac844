// With tracing on (as in Lambda), detection work and every AWS call land in their own X-Ray subsegments.

import { ListTopicsCommand } from "@aws-sdk/client-sns";
import { ListQueuesCommand } from "@aws-sdk/client-sqs";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import xray from "aws-xray-sdk-core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { tracer as disabledTracer } from "./tracer";

/** The parts of a recorded (sub)segment these tests read. */
interface TraceNode {
  name: string;
  in_progress?: boolean;
  cause?: { exceptions?: { message: string }[] };
  aws?: { operation?: string };
  subsegments?: TraceNode[];
}

interface Traced {
  traced: typeof import("./tracer").traced;
  clients: typeof import("#aws");
}

/**
 * Loads the tracer and the AWS clients afresh with tracing on, runs `work` under a root subsegment
 * (the part Lambda's facade segment plays) and answers what was recorded beneath it.
 */
async function traceOf(work: (modules: Traced) => Promise<unknown>): Promise<TraceNode[]> {
  vi.stubEnv("AWS_EXECUTION_ENV", "AWS_Lambda_nodejs22.x");
  vi.stubEnv("POWERTOOLS_TRACE_ENABLED", "true");
  vi.resetModules();
  // The tests' setup loads the X-Ray SDK in manual mode (tracing-off.ts); on Lambda it starts automatic.
  xray.enableAutomaticMode();
  const { tracer, traced } = await import("./tracer");
  const clients = await import("#aws");
  expect(tracer.isTracingEnabled()).toBe(true);
  // Outside Lambda nothing opens a segment; the disabled tracer's detached stand-in has the right class.
  const Subsegment = (disabledTracer.getSegment() as object).constructor as new (name: string) => TraceNode;
  const root = new Subsegment("handler");
  // The trace the root belongs to: the SDK patch reads its id for the X-Amzn-Trace-Id header it adds.
  Object.assign(root, { segment: { trace_id: "1-5759e988-bd862e3fe1be46a994272793" } });
  await tracer.provider.getNamespace().runAndReturn(async () => {
    tracer.setSegment(root as never);
    await work({ traced, clients });
  });
  return root.subsegments ?? [];
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("tracing", () => {
  it("wraps detection in a named subsegment, closed, with the error when it throws", async () => {
    const nodes = await traceOf(async ({ traced }) => {
      expect(await traced("detect.triangle", () => [1, 2, 3])).toEqual([1, 2, 3]);
      await expect(
        traced("detect.double", () => {
          throw new Error("bars out of order");
        }),
      ).rejects.toThrow("bars out of order");
    });
    expect(nodes.map((node) => [node.name, node.in_progress ?? false])).toEqual([
      ["detect.triangle", false],
      ["detect.double", false],
    ]);
    expect(nodes[1]?.cause?.exceptions?.[0]?.message).toBe("bars out of order");
  });

  it("records each AWS call as a closed subsegment named by its service, with the operation", async () => {
    const nodes = await traceOf(async ({ clients }) => {
      await clients.dynamo().send(new GetCommand({ TableName: "Alerts", Key: { alertId: "alr_none" } }));
      await clients.sqs().send(new ListQueuesCommand({}));
      await clients.sns().send(new ListTopicsCommand({}));
    });
    expect(nodes.map((node) => [node.name, node.aws?.operation, node.in_progress ?? false])).toEqual([
      ["DynamoDB", "GetItem", false],
      ["SQS", "ListQueues", false],
      ["SNS", "ListTopics", false],
    ]);
  });

  it("instruments every client the handlers use, Step Functions and Lambda included", async () => {
    await traceOf(async ({ clients }) => {
      for (const client of [
        clients.dynamo(),
        clients.sqs(),
        clients.sns(),
        clients.sfn(),
        clients.lambda(),
      ]) {
        expect(client.middlewareStack.identify().join(" ")).toContain("XRaySDKInstrumentation");
      }
    });
  });
});
