import { beforeEach, describe, expect, it, vi } from "vitest";
import { HS_PIVOTS, plantedCsv } from "../../../test/series";
import type { CliIo } from "../../io";
import { runCli } from "../../run";
import { LONG_FILE_BYTES } from "./one-thread";
import { inThread } from "./runner";

// Whether the scan set V8's threads for one thread; the real setting is process-wide, so it is not made here.
// The machine's load is this test's to say (otherCoresFree: true unless a test says otherwise).
const { scanOnOneThread, otherCoresFree } = vi.hoisted(() => ({
  scanOnOneThread: vi.fn(),
  otherCoresFree: vi.fn(() => true),
}));
vi.mock("./one-thread", async (actual) => ({ ...(await actual<object>()), scanOnOneThread, otherCoresFree }));

const csv = plantedCsv(HS_PIVOTS);

/**
 * `patterns scan ARGS` over in-memory files (those whose name ends in long.csv said to be LONG_FILE_BYTES long, the others their
 * text's); `workers`: the io of a process that can start them, on a machine of `cores` cores.
 */
function scan(args: string[], workers: boolean, cores = 2) {
  const io: CliIo = {
    read: async () => Buffer.from(csv, "utf8"),
    list: async (path) => (path === "dir" ? ["A-long.csv", "B.csv", "C.csv"] : undefined),
    stdout: () => true,
    stderr: () => undefined,
    workers: workers
      ? {
          cores,
          size: async (file) => (file.endsWith("long.csv") ? LONG_FILE_BYTES : csv.length),
          runner: () => inThread(io),
        }
      : undefined,
  };
  return runCli(["scan", ...args], io);
}

describe("V8's threads set for a scan on this thread alone", () => {
  beforeEach(() => {
    scanOnOneThread.mockClear();
    otherCoresFree.mockClear();
  });

  it("sets them for one long file in a process that could start workers, asking the load for 2 cores", async () => {
    expect(await scan(["long.csv", "--json"], true)).toBe(0);
    expect(scanOnOneThread).toHaveBeenCalledTimes(1);
    expect(otherCoresFree).toHaveBeenCalledWith(2);
  });

  it("leaves them when another process has held the other core of late", async () => {
    otherCoresFree.mockReturnValueOnce(false);
    expect(await scan(["long.csv", "--json"], true)).toBe(0);
    expect(scanOnOneThread).not.toHaveBeenCalled();
  });

  it("leaves them for a shorter file, for several files on one thread (--jobs 1) and for standard input", async () => {
    expect(await scan(["a.csv", "--json"], true)).toBe(0);
    expect(await scan(["dir", "--jobs", "1"], true)).toBe(0);
    expect(await scan(["-"], true)).toBe(0);
    expect(scanOnOneThread).not.toHaveBeenCalled();
  });

  it("leaves them for files spread over workers, a machine of more cores and an io without threads (a test's)", async () => {
    expect(await scan(["dir"], true)).toBe(0);
    expect(await scan(["long.csv"], true, 4)).toBe(0);
    expect(await scan(["long.csv"], false)).toBe(0);
    expect(scanOnOneThread).not.toHaveBeenCalled();
  });
});
