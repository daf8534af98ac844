// A system asked for recovery timings the functions refuse (SWEEP_GRACE_SECONDS and the others take whole
// seconds from 1 to 30 days) is refused before it starts, naming the timing: the functions would otherwise
// throw on every alert they route, and the system would never empty its queues, saying nothing.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startSystem } from "./start-system";

const dir = mkdtempSync(join(tmpdir(), "timing-check-"));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("startSystem's recovery timings", () => {
  it.each([
    [{ sweepGraceSeconds: 0 }, /sweepGraceSeconds \(SWEEP_GRACE_SECONDS\): .*1/],
    [{ claimLeaseSeconds: 0.5 }, /claimLeaseSeconds \(ALERT_CLAIM_LEASE_SECONDS\): must be a whole number/],
    [{ approvalTtlSeconds: 31 * 86_400 }, /approvalTtlSeconds \(APPROVAL_TTL_SECONDS\)/],
  ])("refuses %o before anything starts", async (timing, reason) => {
    const outDir = join(dir, String(Object.values(timing)[0]));
    await expect(startSystem({ outDir, port: 0, timing })).rejects.toThrow(reason);
    // Refused before the out directory was taken: nothing of a system was made.
    expect(existsSync(join(outDir, "logs"))).toBe(false);
  });
});
