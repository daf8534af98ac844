import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ALERT_ID,
  lifecycleEventId,
  PATTERN_ID,
  patternAlertId,
  patternId,
  sha256Hex,
  textPatternAlertId,
  textPatternId,
  textThresholdAlertId,
  thresholdAlertId,
} from "./ids";

const detection = {
  pattern: "HS",
  end: "2024-03-08T00:00:00.000Z",
  detectedAt: "2024-03-12T00:00:00.000Z",
} as const;

describe("sha256Hex", () => {
  it("gives the published SHA-256 test vectors (FIPS 180-2 examples)", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
    expect(sha256Hex("a".repeat(1_000_000))).toBe(
      "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
    );
  });

  it("equals node:crypto's digest of the UTF-8 bytes for any text (seeded)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        expect(sha256Hex(text)).toBe(createHash("sha256").update(text).digest("hex"));
      }),
      { seed: 10, numRuns: 500 },
    );
    // A lone surrogate is not UTF-8: both write U+FFFD's bytes in its place.
    expect(sha256Hex("a\ud800b")).toBe(createHash("sha256").update("a\ud800b").digest("hex"));
  });
});

describe("ids", () => {
  // Ids written by the node:crypto implementation before it moved here: stored records keep theirs.
  it("are byte-identical to the ids already stored", () => {
    expect(patternId("AAPL", "1d", detection)).toBe("pat_e42c158b7d69d196e8a09c92cb5da7a5");
    expect(patternAlertId("AAPL", "1d", detection)).toBe("alr_ac95c7dc14731872aeb0b5ae8b2a4bd6");
    expect(patternId("BRK.B€", "1m", { ...detection, pattern: "DTOP" })).toBe(
      "pat_7b3458966a24516d6e3660a0ddc49d27",
    );
    expect(lifecycleEventId("alr_x", "breakout")).toBe("lce_9e5241d8837cb9614a5bb3165c65a9ad");
    expect(thresholdAlertId("MSFT", "1h", "volumeSpike", "2024-01-02T00:00:00.000Z")).toBe(
      "alr_0482b2590bee6b5ceacebace047447d5",
    );
    expect(sha256Hex("sk_live_example")).toBe(
      "edc0244907453860f53b31a05089a2a9f0fdb349e3610b2ab88a36fd9719d7fa",
    );
  });

  it("differ when any part differs, and a pattern's alert id is not its pattern id", () => {
    const base = patternId("AAPL", "1d", detection);
    expect(patternId("AAPL", "1h", detection)).not.toBe(base);
    expect(patternId("AAPL", "1d", { ...detection, detectedAt: "2024-03-13T00:00:00.000Z" })).not.toBe(base);
    expect(patternAlertId("AAPL", "1d", detection).slice(4)).not.toBe(base.slice(4));
  });

  it("are the same for every spelling of one instant, and differ for another instant", () => {
    const spellings = [
      { end: "2024-03-08", detectedAt: "2024-03-12" },
      { end: "2024-03-08T00:00:00Z", detectedAt: "2024-03-12 00:00" },
      { end: "1709856000", detectedAt: "1710201600000" },
      { end: "2024-03-07T19:00:00-05:00", detectedAt: "2024-03-12T05:30:00+05:30" },
    ];
    for (const times of spellings) {
      const respelled = { ...detection, ...times };
      expect(patternId("AAPL", "1d", respelled)).toBe(patternId("AAPL", "1d", detection));
      expect(patternAlertId("AAPL", "1d", respelled)).toBe(patternAlertId("AAPL", "1d", detection));
    }
    expect(thresholdAlertId("MSFT", "1h", "volumeSpike", "1704153600")).toBe(
      thresholdAlertId("MSFT", "1h", "volumeSpike", "2024-01-02T00:00:00.000Z"),
    );
    expect(patternId("AAPL", "1d", { ...detection, detectedAt: "1710201601" })).not.toBe(
      patternId("AAPL", "1d", detection),
    );
  });

  // The alert id 04e93d9^ gave a detection of daily dates (its times' text hashed), which its stored alert keeps.
  it("give the alert id of the releases before instant ids where the times are not written as ISO UTC", () => {
    const dates = { ...detection, end: "2024-03-08", detectedAt: "2024-03-12" };
    expect(textPatternAlertId("AAPL", "1d", dates)).toBe("alr_bf6e49686bd725136fd678e0380ac463");
    expect(textPatternAlertId("AAPL", "1d", dates)).not.toBe(patternAlertId("AAPL", "1d", dates));
    expect(textPatternAlertId("AAPL", "1d", detection)).toBeUndefined();
    expect(textThresholdAlertId("MSFT", "1d", "priceMove", "2024-01-02")).toBe(
      "alr_4d469186f233b89d8a59c33f8c71dd71",
    );
    expect(textThresholdAlertId("MSFT", "1d", "priceMove", "2024-01-02T00:00:00.000Z")).toBeUndefined();
  });

  // The id 04e93d9^'s patternId gave a detection of daily dates, which the detection it stored keeps.
  it("give the detection id of the releases before instant ids where the times are not written as ISO UTC", () => {
    const dates = { ...detection, end: "2024-03-08", detectedAt: "2024-03-12" };
    expect(textPatternId("AAPL", "1d", dates)).toBe("pat_e03c02f000602b5b681b96658b35f973");
    expect(textPatternId("AAPL", "1d", dates)).not.toBe(patternId("AAPL", "1d", dates));
    expect(textPatternId("AAPL", "1d", { ...detection, end: "2024-03-08" })).toBeDefined();
    expect(textPatternId("AAPL", "1d", detection)).toBeUndefined();
  });

  it("all have the shape a cursor is checked against (PATTERN_ID, ALERT_ID), of any parts", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (symbol, interval, text) => {
        const dates = { ...detection, end: text, detectedAt: "2024-03-12" };
        for (const id of [patternId(symbol, interval, detection), textPatternId(symbol, interval, dates)])
          expect(id === undefined || PATTERN_ID.test(id), id).toBe(true);
        for (const id of [
          patternAlertId(symbol, interval, detection),
          textPatternAlertId(symbol, interval, dates),
          thresholdAlertId(symbol, interval, text, "2024-01-02"),
          textThresholdAlertId(symbol, interval, text, "2024-01-02"),
        ])
          expect(id === undefined || ALERT_ID.test(id), id).toBe(true);
      }),
      { seed: 7, numRuns: 200 },
    );
    expect(PATTERN_ID.test("pat_zz")).toBe(false);
    expect(ALERT_ID.test("zzz")).toBe(false);
  });
});
