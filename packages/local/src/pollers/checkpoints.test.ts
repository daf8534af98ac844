// The checkpoint file: replaced whole on every save, and a file cut short by an earlier run is said, not
// fatal, with every shard read again from its oldest record.

import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Checkpoints } from "./checkpoints";

const dir = mkdtempSync(join(tmpdir(), "checkpoints-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SHARD = "shardId-000000000000";
const OTHER = "shardId-000000000001";
const POSITION = "49662542612563813837466341785346567098536327530633920514";

/** The bytes a reader that opened `file` before a save reads through that handle afterwards. */
function readThrough(fd: number): string {
  const buffer = Buffer.alloc(4096);
  return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0)).toString("utf8");
}

describe("the Kinesis checkpoint file", () => {
  it("is replaced whole on each save: a reader of the old file still reads it complete, no stray is left", () => {
    const file = join(dir, "whole", "kinesis-checkpoints.json");
    const checkpoints = new Checkpoints(file);
    checkpoints.save(SHARD, "1");
    const before = readFileSync(file, "utf8");
    const fd = openSync(file, "r");
    try {
      // Written in place, the save would truncate the very file the reader holds.
      checkpoints.save(OTHER, POSITION);
      expect(readThrough(fd)).toBe(before);
    } finally {
      closeSync(fd);
    }
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ [SHARD]: "1", [OTHER]: POSITION });
    expect(readdirSync(join(dir, "whole"))).toEqual(["kinesis-checkpoints.json"]);
    expect(new Checkpoints(file).get(OTHER)).toBe(POSITION);
  });

  it.each([
    ["cut short", `{\n  "${SHARD}": "${POSITION.slice(0, 20)}`, /is not valid/],
    ["empty", "", /is empty/],
    ["of another shape", `["${POSITION}"]`, /not an object of shard ids to sequence numbers/],
  ])("read %s, says so and starts every shard at its oldest record", (_, text, reason) => {
    const file = join(dir, "kinesis-checkpoints.json");
    writeFileSync(file, text);
    const checkpoints = new Checkpoints(file);
    expect(checkpoints.unreadable).toMatch(reason);
    expect(checkpoints.unreadable).toContain(file);
    expect(checkpoints.get(SHARD)).toBeUndefined();
    checkpoints.save(SHARD, POSITION);
    expect(new Checkpoints(file)).toMatchObject({ unreadable: undefined });
    expect(new Checkpoints(file).get(SHARD)).toBe(POSITION);
  });

  it("absent, is a first run: nothing to say", () => {
    expect(new Checkpoints(join(dir, "none", "kinesis-checkpoints.json")).unreadable).toBeUndefined();
  });

  it("that cannot be written fails no batch: the position is kept and told, the refusal said once, then its end", () => {
    const file = join(dir, "refused", "kinesis-checkpoints.json");
    // A folder where the file goes: the rename onto it is refused (EISDIR), as a file made read-only or a
    // full disk would refuse the write.
    mkdirSync(file, { recursive: true });
    const told: [string, string][] = [];
    const said: (string | undefined)[] = [];
    const checkpoints = new Checkpoints(
      file,
      (shard, position) => told.push([shard, position]),
      {},
      (why) => said.push(why),
    );
    checkpoints.save(SHARD, "1");
    checkpoints.save(SHARD, "2");
    expect(checkpoints.get(SHARD)).toBe("2");
    expect(told).toEqual([
      [SHARD, "1"],
      [SHARD, "2"],
    ]);
    expect(said).toEqual([expect.stringContaining("EISDIR")]);
    rmSync(file, { recursive: true });
    checkpoints.save(SHARD, "3");
    expect(said).toEqual([expect.stringContaining("EISDIR"), undefined]);
    expect(JSON.parse(readFileSync(file, "utf8"))).toEqual({ [SHARD]: "3" });
  });
});
