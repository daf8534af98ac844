import { describe, expect, it } from "vitest";
import { LEAST_STORED_MAGNITUDE, withoutUnderflows } from "./number-underflow";

describe("withoutUnderflows", () => {
  it("writes a number below DynamoDB's least magnitude as 0, at any depth, and keeps the rest", () => {
    const item = { symbol: "SPX", ks: { D: 0.41, p: 1e-200 }, lows: [-5e-131, 2e-130, 0, -0.5], at: 1e30 };
    expect(withoutUnderflows({ Item: item })).toEqual({
      Item: { symbol: "SPX", ks: { D: 0.41, p: 0 }, lows: [0, 2e-130, 0, -0.5], at: 1e30 },
    });
    expect(withoutUnderflows(LEAST_STORED_MAGNITUDE)).toBe(LEAST_STORED_MAGNITUDE);
    expect(withoutUnderflows(Number.MIN_VALUE)).toBe(0);
    expect(withoutUnderflows(new Set([1, 1e-140]))).toEqual(new Set([1, 0]));
  });

  it("never changes the caller's values, and gives them back as they are when nothing underflows", () => {
    const evidence = { horizons: { 5: { ks: { p: 1e-300 } }, 10: { ks: { p: 0.2 } } } };
    const stored = withoutUnderflows({ Item: { evidence } });
    expect(evidence.horizons[5].ks.p).toBe(1e-300);
    expect(stored.Item.evidence.horizons[5].ks.p).toBe(0);
    // Only the path to the changed number is copied.
    expect(stored.Item.evidence.horizons[10]).toBe(evidence.horizons[10]);
    const plain = { Key: { patternId: "pat_1" }, ExpressionAttributeValues: { ":n": 3, ":s": ["a"] } };
    expect(withoutUnderflows(plain)).toBe(plain);
  });

  it("leaves the SDK's own values alone (binary attributes, class instances)", () => {
    const bytes = new Uint8Array([1, 2]);
    const item = { Item: { body: bytes } };
    expect(withoutUnderflows(item).Item.body).toBe(bytes);
  });
});
