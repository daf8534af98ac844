// How Lambda reads a partial batch response (ReportBatchItemFailures) from a stream or queue handler.

/** The outcome of one invocation for its batch. */
export type BatchOutcome =
  | { kind: "success" }
  | { kind: "partial"; failed: string[] }
  | { kind: "failure"; reason: string };

/**
 * Interpret a handler's return value for a batch whose items are identified by `ids` (Kinesis
 * sequence numbers, SQS message ids), with Lambda's rules: no response, an empty or null
 * `batchItemFailures` mean success; an item identifier that is empty, null or not in the batch, or a
 * response that is not an object, fails the whole batch.
 *
 * @example
 * batchOutcome({ batchItemFailures: [{ itemIdentifier: "m-2" }] }, ["m-1", "m-2"]); // partial ["m-2"]
 */
export function batchOutcome(response: unknown, ids: readonly string[]): BatchOutcome {
  if (response === undefined || response === null) return { kind: "success" };
  if (typeof response !== "object" || Array.isArray(response)) {
    return { kind: "failure", reason: "the response is not a batch response object" };
  }
  const failures = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return { kind: "success" };
  if (!Array.isArray(failures)) return { kind: "failure", reason: "batchItemFailures is not a list" };
  if (failures.length === 0) return { kind: "success" };
  const known = new Set(ids);
  const failed: string[] = [];
  for (const failure of failures) {
    const id = (failure as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== "string" || !known.has(id)) {
      return { kind: "failure", reason: `invalid itemIdentifier ${JSON.stringify(id)}` };
    }
    failed.push(id);
  }
  return { kind: "partial", failed };
}
