import { beforeEach, describe, expect, it, vi } from "vitest";
import { HS_PIVOTS, plantedCsv } from "../../../test/series";
import type { CliIo } from "../../io";
import { runCli } from "../../run";
import { inThread } from "./runner";

// Whether the scan set V8's threads for one thread; the real setting is process-wide, so it is not made here.
const { scanOnOneThread } = vi.hoisted(() => ({ scanOnOneThread: vi.fn() }));
vi.mock("./one-thread", () => ({ scanOnOneThread }));

const csv = plantedCsv(HS_PIVOTS);

/** `patterns scan ARGS` over in-memory files; `workers`: the io of a process that can start them. */
function scan(args: string[], workers: boolean) {
  const io: CliIo = {
    read: async () => Buffer.from(csv, "utf8"),
    list: async (path) => (path === "dir" ? ["A.csv", "B.csv", "C.csv"] : undefined),
    stdout: () => true,
    stderr: () => undefined,
    workers: workers ? { cores: 2, size: async () => csv.length, runner: () => inThread(io) } : undefined,
  };
  return runCli(["scan", ...args], io);
}

describe("V8's threads set for a scan on this thread alone", () => {
  beforeEach(() => scanOnOneThread.mockClear());

  it("sets them for one file in a process that could start workers", async () => {
    expect(await scan(["a.csv", "--json"], true)).toBe(0);
    expect(scanOnOneThread).toHaveBeenCalledTimes(1);
  });

  it("sets them for several files kept on one thread (--jobs 1)", async () => {
    expect(await scan(["dir", "--jobs", "1"], true)).toBe(0);
    expect(scanOnOneThread).toHaveBeenCalledTimes(1);
  });

  it("leaves them for files spread over workers, and for an io without threads (a test's)", async () => {
    expect(await scan(["dir"], true)).toBe(0);
    expect(await scan(["a.csv"], false)).toBe(0);
    expect(scanOnOneThread).not.toHaveBeenCalled();
  });
});
