// What npm start says of a store it mended, and what it does with the stream's checkpoints: after
// DynamoDB's, the stream is read again from its oldest record, into emptied windows when the stream holds
// every record put on it (every lost detection stored again), else into the windows kept, saying what that
// cannot bring back and what to do.

import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StoreRepair } from "@stock-patterns/emulators";
import { afterAll, describe, expect, it } from "vitest";
import type { PollerReport } from "../pollers/poller";
import { dynamoDbRepaired, reportStoreRepairs } from "./store-repairs";

const dir = mkdtempSync(join(tmpdir(), "store-repairs-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A data directory with checkpoints, and the repairs of its stores (their copies made). */
function repaired(name: string, services: StoreRepair["service"][], inLog = false) {
  const dataDir = join(dir, name);
  mkdirSync(dataDir);
  const checkpointFile = join(dataDir, "kinesis-checkpoints.json");
  writeFileSync(checkpointFile, "{}");
  const repairs = services.map((service): StoreRepair => {
    const folder = service === "DynamoDB" ? "dynamodb" : "kinesis";
    const keptAs = join(dataDir, `${folder}.damaged-20261207T120000Z`);
    mkdirSync(keptAs);
    return {
      service,
      directory: join(dataDir, folder),
      damage: "Corruption: checksum mismatch",
      inLog,
      keptAs,
    };
  });
  return { checkpointFile, repairs };
}

const said = (repairs: StoreRepair[], checkpointFile: string, windowsEmptied: boolean) => {
  const reports: PollerReport[] = [];
  reportStoreRepairs(repairs, checkpointFile, windowsEmptied, (report) => reports.push(report));
  return reports.map((report) => `${report.functionName}: ${report.message}`);
};

describe("a mended store, said", () => {
  it("DynamoDB's, the windows emptied: read again, every bar applied again, the checkpoints kept with the copy", () => {
    const { checkpointFile, repairs } = repaired("emptied", ["DynamoDB"]);
    expect(dynamoDbRepaired(repairs)).toBe(true);
    expect(said(repairs, checkpointFile, true)).toEqual([
      expect.stringMatching(
        /^DynamoDB: .*\/dynamodb could not be opened \(Corruption: checksum mismatch\) and was mended by LevelDB's repair, .*; the store as found is kept in .*; the stream, which holds every record put on it, is read again from its oldest record into emptied series windows: every bar is applied again and what the repair lost is stored again \(each detection once\)$/,
      ),
    ]);
    expect(existsSync(checkpointFile)).toBe(false);
    expect(existsSync(join(repairs[0]?.keptAs ?? "", "kinesis-checkpoints.json"))).toBe(true);
  });

  it("DynamoDB's log, the windows kept (a stream that has let records go): what is not found again, and to replay", () => {
    const { checkpointFile, repairs } = repaired("kept", ["DynamoDB"], true);
    expect(said(repairs, checkpointFile, false)).toEqual([
      expect.stringMatching(
        /^DynamoDB: .*\/dynamodb holds a damaged record in its log \(Corruption: checksum mismatch\), which LevelDB would have passed over unsaid: .*; the stream is read again from its oldest record, .* but not a detection of a series whose window was kept .*: replay the series into a new data directory to have every detection$/,
      ),
    ]);
    expect(existsSync(checkpointFile)).toBe(false);
  });

  it("Kinesis's alone: said, the checkpoints left as they are, nothing read again", () => {
    const { checkpointFile, repairs } = repaired("kinesis", ["Kinesis"]);
    expect(dynamoDbRepaired(repairs)).toBe(false);
    expect(said(repairs, checkpointFile, false)).toEqual([
      expect.stringMatching(
        /^Kinesis: .*\/kinesis could not be opened .*; the store as found is kept in \S+$/,
      ),
    ]);
    expect(existsSync(checkpointFile)).toBe(true);
  });
});
