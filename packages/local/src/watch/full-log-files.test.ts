// The handlers' log and the set-aside log on a disk that is full (/dev/full refuses every write with
// ENOSPC): each failure is said, naming the file, and what the logs would have carried is still reported.

import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { PollerReport } from "../pollers/poller";
import { watchHandlerLogs } from "./handler-logs";
import { setAsideLog } from "./set-aside-log";

const FULL = "/dev/full";
const warning = (message: string) =>
  JSON.stringify({ level: "WARN", message, function_name: "KinesisConsumer" });

describe("log files on a full disk", () => {
  it("says once that the handlers' log cannot be written, and goes on reporting their warnings", async () => {
    const reports: PollerReport[] = [];
    const stdout = new PassThrough();
    watchHandlerLogs([stdout], FULL, (report) => reports.push(report));
    stdout.write(`${warning("first")}\n`);
    await expect.poll(() => reports.length).toBe(2);
    stdout.write(`${warning("second")}\n${warning("third")}\n`);
    stdout.end();
    await expect.poll(() => reports.length).toBe(4);
    expect(reports.map((report) => `${report.source}: ${report.message}`)).toEqual([
      "log: WARN first",
      "logs: cannot write /dev/full: no space left on device: the handlers' log lines are not kept from here on (their warnings and errors are still said here)",
      "log: WARN second",
      "log: WARN third",
    ]);
  });

  it("says, after a report with records, that the set-aside log misses them", () => {
    const said: PollerReport[] = [];
    const record = setAsideLog(FULL, false, (report) => said.push(report));
    record({
      source: "kinesis:MarketDataStream/shardId-0",
      functionName: "KinesisConsumer",
      message: "none",
    });
    expect(said).toEqual([]);
    record({
      source: "kinesis:MarketDataStream/shardId-0",
      functionName: "KinesisConsumer",
      message: "2 record(s) set aside after 3 retries: boom",
      items: ['{"symbol":"A"}', '{"symbol":"B"}'],
    });
    expect(said).toEqual([
      {
        source: "set-aside",
        functionName: "KinesisConsumer",
        message:
          "cannot write /dev/full: no space left on device: the 2 record(s) of the report above are not kept in it",
      },
    ]);
  });
});
