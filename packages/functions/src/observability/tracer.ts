// One X-Ray tracer: subsegments around detection and every AWS call (disabled outside Lambda by env).

import { Tracer } from "@aws-lambda-powertools/tracer";

/** The shared Powertools tracer. */
export const tracer = new Tracer({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? "stock-patterns" });

/**
 * Runs `work` inside a subsegment named `name` when tracing is on; otherwise just runs it.
 *
 * @example
 * const detections = await traced("detect.triangle", async () => scanBars(bars));
 */
export async function traced<T>(name: string, work: () => Promise<T> | T): Promise<T> {
  const parent = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
  if (!parent) return await work();
  const segment = parent.addNewSubsegment(name);
  tracer.setSegment(segment);
  try {
    return await work();
  } catch (error) {
    segment.addError(error as Error);
    throw error;
  } finally {
    segment.close();
    tracer.setSegment(parent);
  }
}
