// The PowerTuningWorkflow steps: read the function's memory, publish a version per size, measure that
// version, clean up, recommend a size. The role may do exactly these calls on the app's functions
// (infra/tuning.ts).

import {
  DeleteFunctionCommand,
  GetFunctionConfigurationCommand,
  InvokeCommand,
  ListVersionsByFunctionCommand,
  PublishVersionCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionUpdated,
} from "@aws-sdk/client-lambda";
import type { Context } from "aws-lambda";
import * as z from "zod";
import { lambda } from "#aws";
import { logger } from "#observability";
import { InvalidWorkflowInput } from "./errors";
import { type Architecture, billedDuration, invocationCost, type Measurement, selectMemory } from "./tuning";
import { invokeWithin, MEASURE_BUDGET_MS, stepBudget, UPDATE_WAIT_MS } from "./tuning-budget";

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

/** Description of every version tuning publishes; clean-up deletes exactly those. */
export const TUNING_VERSION_DESCRIPTION = "power-tuning";

/** The call's time left, as the Lambda context says (a test's call has none). */
type CallTime = Pick<Context, "getRemainingTimeInMillis">;

/**
 * Sets $LATEST's memory and waits until the update is done (polling GetFunctionConfiguration), for as long as
 * the call has time: a wait past its timeout would end in a timeout, not in the waiter's own clear error.
 */
async function setLatestMemory(functionName: string, memoryMB: number, context: CallTime | undefined) {
  await lambda().send(
    new UpdateFunctionConfigurationCommand({ FunctionName: functionName, MemorySize: memoryMB }),
  );
  const waitMs = stepBudget(UPDATE_WAIT_MS, context?.getRemainingTimeInMillis());
  await waitUntilFunctionUpdated(
    { client: lambda(), maxWaitTime: Math.max(1, Math.floor(waitMs / 1000)), minDelay: 1 },
    { FunctionName: functionName },
  );
}

/**
 * PublishMemoryVersion: sets $LATEST to the size and publishes it as a version. When $LATEST equals the
 * last published version, Lambda answers with that version instead of a new one: it is measured all the
 * same (same code, same memory), and clean-up leaves it alone since its description is not tuning's.
 */
export async function tunePublishVersion(event: unknown, context?: CallTime): Promise<{ version: string }> {
  const input = parse(z.object({ functionName: z.string().min(1), memoryMB: memorySchema }), event);
  await setLatestMemory(input.functionName, input.memoryMB, context);
  const published = await lambda().send(
    new PublishVersionCommand({
      FunctionName: input.functionName,
      Description: `${TUNING_VERSION_DESCRIPTION} ${input.memoryMB} MB`,
    }),
  );
  if (!published.Version) throw new Error(`no version published for ${input.functionName}`);
  return { version: published.Version };
}

/** CleanUp / CleanUpAfterFailure: $LATEST gets its memory back; the versions tuning published are deleted. */
export async function tuneCleanUp(
  event: unknown,
  context?: CallTime,
): Promise<{ deletedVersions: string[] }> {
  const input = parse(z.object({ functionName: z.string().min(1), originalMemoryMB: memorySchema }), event);
  await setLatestMemory(input.functionName, input.originalMemoryMB, context);
  const deletedVersions: string[] = [];
  let marker: string | undefined;
  do {
    const page = await lambda().send(
      new ListVersionsByFunctionCommand({ FunctionName: input.functionName, Marker: marker }),
    );
    for (const version of page.Versions ?? []) {
      if (!version.Version || !version.Description?.startsWith(`${TUNING_VERSION_DESCRIPTION} `)) continue;
      await lambda().send(
        new DeleteFunctionCommand({ FunctionName: input.functionName, Qualifier: version.Version }),
      );
      deletedVersions.push(version.Version);
    }
    marker = page.NextMarker;
  } while (marker);
  return { deletedVersions };
}

/**
 * MeasureInvocations: invokes the published version up to `invocations` times, one after another, while
 * the next run fits the measurement's time (tuning-budget.ts), and averages the billed duration. A
 * measurement cut short says how many were asked.
 */
export async function tuneMeasure(
  event: unknown,
  context?: Pick<Context, "getRemainingTimeInMillis">,
): Promise<Measurement> {
  const input = parse(
    z.object({
      functionName: z.string().min(1),
      version: z.string().regex(/^\d+$/, "a published version number"),
      memoryMB: memorySchema,
      payload: z.unknown(),
      invocations: z.number().int().min(1),
      architecture: z.enum(["x86_64", "arm64"]).default("x86_64"),
    }),
    event,
  );
  const invokeOnce = async () => {
    const output = await lambda().send(
      new InvokeCommand({
        FunctionName: input.functionName,
        Qualifier: input.version,
        Payload: Buffer.from(JSON.stringify(input.payload ?? {})),
        LogType: "Tail",
      }),
    );
    if (output.FunctionError) throw new Error(`invocation failed: ${output.FunctionError}`);
    const billed = billedDuration(Buffer.from(output.LogResult ?? "", "base64").toString("utf8"));
    if (billed === undefined) throw new Error("invocation log tail has no billed duration");
    return billed;
  };
  const budgetMs = stepBudget(MEASURE_BUDGET_MS, context?.getRemainingTimeInMillis());
  const runs = await invokeWithin(input.invocations, budgetMs, Date.now, invokeOnce);
  const averageBilledMs = runs.billedMs.reduce((sum, ms) => sum + ms, 0) / runs.billedMs.length;
  if (runs.cutShort)
    logger.warn("Measurement cut short by its time", {
      memoryMB: input.memoryMB,
      asked: input.invocations,
      made: runs.billedMs.length,
      budgetMs,
    });
  return {
    memoryMB: input.memoryMB,
    invocations: runs.billedMs.length,
    ...(runs.cutShort ? { invocationsAsked: input.invocations } : {}),
    averageBilledMs,
    costPerInvocationUsd: invocationCost(input.memoryMB, averageBilledMs, input.architecture),
  };
}

/** RecommendMemorySize: the cheapest size within the speed bound, with every measurement (the report). */
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
            invocationsAsked: z.number().optional(),
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
