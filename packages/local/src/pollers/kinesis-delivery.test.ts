// Lambda's Kinesis error handling as the local mapping applies it: bisect, partial failures, retry limits.

import type { KinesisStreamEvent, KinesisStreamRecord } from "aws-lambda";
import { describe, expect, it } from "vitest";
import { batchOutcome } from "./batch-response";
import { deliverKinesisBatch } from "./kinesis-delivery";

const record = (n: number): KinesisStreamRecord =>
  ({
    kinesis: { sequenceNumber: String(1000 + n), data: Buffer.from(`bar ${n}`).toString("base64") },
  }) as KinesisStreamRecord;
const batch = (size: number) => Array.from({ length: size }, (_, n) => record(n));
const ids = (event: KinesisStreamEvent) => event.Records.map((r) => Number(r.kinesis.sequenceNumber) - 1000);
const policy = { bisectOnError: true, maxRetries: 3 };

describe("batchOutcome", () => {
  it("reads Lambda's partial batch responses", () => {
    expect(batchOutcome(undefined, ["a"])).toEqual({ kind: "success" });
    expect(batchOutcome({ batchItemFailures: [] }, ["a"])).toEqual({ kind: "success" });
    expect(batchOutcome({ batchItemFailures: [{ itemIdentifier: "b" }] }, ["a", "b"])).toEqual({
      kind: "partial",
      failed: ["b"],
    });
    expect(batchOutcome({ batchItemFailures: [{ itemIdentifier: "" }] }, ["a"]).kind).toBe("failure");
    expect(batchOutcome({ batchItemFailures: [{ itemIdentifier: "zz" }] }, ["a"]).kind).toBe("failure");
    expect(batchOutcome("ok", ["a"]).kind).toBe("failure");
  });
});

describe("deliverKinesisBatch", () => {
  it("delivers a healthy batch once", async () => {
    const seen: number[][] = [];
    const discarded = await deliverKinesisBatch(
      batch(5),
      async (event) => void seen.push(ids(event)),
      policy,
    );
    expect(seen).toEqual([[0, 1, 2, 3, 4]]);
    expect(discarded).toEqual([]);
  });

  it("bisects around a record that makes the function throw, then discards only that record", async () => {
    const processed = new Set<number>();
    const discarded = await deliverKinesisBatch(
      batch(8),
      async (event) => {
        if (ids(event).includes(5)) throw new Error("cannot parse bar 5");
        for (const id of ids(event)) processed.add(id);
      },
      policy,
    );
    expect([...processed].sort()).toEqual([0, 1, 2, 3, 4, 6, 7]);
    expect(discarded.map((d) => d.records.map((r) => r.kinesis.sequenceNumber))).toEqual([["1005"]]);
    expect(discarded[0]?.reason).toContain("cannot parse bar 5");
  });

  it("retries from the lowest reported failure and gives up after maxRetries", async () => {
    const invocations: number[][] = [];
    const discarded = await deliverKinesisBatch(
      batch(6),
      async (event) => {
        invocations.push(ids(event));
        return {
          batchItemFailures: event.Records.filter((r) => r.kinesis.sequenceNumber === "1003").map((r) => ({
            itemIdentifier: r.kinesis.sequenceNumber,
          })),
        };
      },
      policy,
    );
    expect(invocations).toEqual([
      [0, 1, 2, 3, 4, 5],
      [3, 4, 5],
      [3, 4, 5],
      [3, 4, 5],
    ]);
    // Lambda moves past all three, but 4 and 5 succeeded in every attempt: only 3 is set aside.
    expect(discarded[0]?.records.map((r) => r.kinesis.sequenceNumber)).toEqual(["1003"]);
  });

  it("counts as set aside only the records that failed, not the batch they came in (issue 14: 1 of 100)", async () => {
    const applied = new Set<number>();
    const discarded = await deliverKinesisBatch(
      batch(100),
      async (event) => {
        for (const id of ids(event)) if (id !== 0) applied.add(id);
        return {
          batchItemFailures: event.Records.slice(0, 1).map((r) => ({
            itemIdentifier: r.kinesis.sequenceNumber,
          })),
        };
      },
      policy,
    );
    expect(applied.size).toBe(99);
    expect(discarded.flatMap((d) => d.records.map((r) => r.kinesis.sequenceNumber))).toEqual(["1000"]);
  });

  it("succeeds when a transient failure clears on retry", async () => {
    let calls = 0;
    const discarded = await deliverKinesisBatch(
      batch(1),
      async () => {
        calls += 1;
        if (calls < 3) throw new Error("DynamoDB throttled");
      },
      policy,
    );
    expect(calls).toBe(3);
    expect(discarded).toEqual([]);
  });
});
