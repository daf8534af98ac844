// Bounded concurrency for fan-out AWS calls: fast, without opening hundreds of requests at once.

/**
 * Maps `items` through `work` with at most `limit` calls in flight; results keep the input order.
 * The first failure rejects; calls already started finish on their own, and no further one starts (a
 * throttled table is not asked for the rest of a read whose answer is already a failure).
 *
 * @example
 * const raised = await mapLimit(alerts, 8, raiseAlert);
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  // One iterator shared by every worker: each takes the next item still untaken.
  const queue = items.entries();
  let failed = false;
  const worker = async () => {
    for (const [index, item] of queue) {
      if (failed) return;
      try {
        results[index] = await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
