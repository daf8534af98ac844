// The PowerTuningWorkflow steps: read the function's memory, set a size, measure invocations, choose a size.

import {
  GetFunctionConfigurationCommand,
  InvokeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionUpdated,
} from "@aws-sdk/client-lambda";
import { z } from "zod";
import { lambda } from "../aws/clients";
import { InvalidWorkflowInput } from "./errors";
import { type Architecture, billedDuration, invocationCost, type Measurement, selectMemory } from "./tuning";

function parse<T extends z.ZodType>(schema: T, event: unknown): z.infer<T> {
  const result = schema.safeParse(event);
  if (!result.success) throw InvalidWorkflowInput.fromZod(result.error);
  return result.data;
}

const memorySchema = z.number().int().min(128).max(10_240);

/** The tuning request with defaults filled in, and the function's memory before tuning. */
export interface TuningPlan {
  functionName: string;
  payload: unknown;
  invocations: number;
  speedBoundPct: number;
  memorySizes: number[];
  originalMemoryMB: number;
  architecture: Architecture;
}

/** InitializeTuning: fills defaults (5 invocations, 10 % speed bound) and records the current memory. */
export async function tuneInitialize(event: unknown): Promise<TuningPlan> {
  const input = parse(
    z.object({
      request: z.object({
        functionName: z.string().min(1),
        payload: z.unknown().default({}),
        invocations: z.number().int().min(1).max(50).default(5),
        speedBoundPct: z.number().min(0).max(1000).default(10),
      }),
      memorySizes: z.array(memorySchema).min(1),
    }),
    event,
  );
  const config = await lambda().send(
    new GetFunctionConfigurationCommand({ FunctionName: input.request.functionName }),
  );
  return {
    ...input.request,
    memorySizes: input.memorySizes,
    originalMemoryMB: config.MemorySize ?? 128,
    architecture: config.Architectures?.[0] === "arm64" ? "arm64" : "x86_64",
  };
}

/**
 * SetMemorySize / ApplyMemorySize / RestoreOriginalMemory: sets the memory and waits for the update
 * (polling GetFunctionConfiguration, the one read permission tuning is given).
 */
export async function tuneSetMemory(event: unknown): Promise<{ memoryMB: number }> {
  const input = parse(z.object({ functionName: z.string().min(1), memoryMB: memorySchema }), event);
  await lambda().send(
    new UpdateFunctionConfigurationCommand({ FunctionName: input.functionName, MemorySize: input.memoryMB }),
  );
  await waitUntilFunctionUpdated(
    { client: lambda(), maxWaitTime: 120, minDelay: 1 },
    { FunctionName: input.functionName },
  );
  return { memoryMB: input.memoryMB };
}

/** MeasureInvocations: invokes the function `invocations` times and averages the billed duration. */
export async function tuneMeasure(event: unknown): Promise<Measurement> {
  const input = parse(
    z.object({
      functionName: z.string().min(1),
      memoryMB: memorySchema,
      payload: z.unknown(),
      invocations: z.number().int().min(1),
      architecture: z.enum(["x86_64", "arm64"]).default("x86_64"),
    }),
    event,
  );
  let totalBilled = 0;
  for (let i = 0; i < input.invocations; i++) {
    const output = await lambda().send(
      new InvokeCommand({
        FunctionName: input.functionName,
        Payload: Buffer.from(JSON.stringify(input.payload ?? {})),
        LogType: "Tail",
      }),
    );
    if (output.FunctionError) throw new Error(`invocation failed: ${output.FunctionError}`);
    const billed = billedDuration(Buffer.from(output.LogResult ?? "", "base64").toString("utf8"));
    if (billed === undefined) throw new Error("invocation log tail has no billed duration");
    totalBilled += billed;
  }
  const averageBilledMs = totalBilled / input.invocations;
  return {
    memoryMB: input.memoryMB,
    invocations: input.invocations,
    averageBilledMs,
    costPerInvocationUsd: invocationCost(input.memoryMB, averageBilledMs, input.architecture),
  };
}

/** SelectMemorySize: the cheapest size within the speed bound (with every measurement, for the record). */
export function tuneSelect(
  event: unknown,
): Measurement & { speedBoundPct: number; measurements: Measurement[] } {
  const input = parse(
    z.object({
      speedBoundPct: z.number().min(0),
      measurements: z
        .array(
          z.object({
            memoryMB: memorySchema,
            invocations: z.number(),
            averageBilledMs: z.number(),
            costPerInvocationUsd: z.number(),
          }),
        )
        .min(1),
    }),
    event,
  );
  return {
    ...selectMemory(input.measurements, input.speedBoundPct),
    speedBoundPct: input.speedBoundPct,
    measurements: input.measurements,
  };
}
