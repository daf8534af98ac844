// A write the machine refuses, told apart from other errors: the emulators' LevelDB errors (dynalite's and
// kinesalite's words, as a full disk and a file size limit gave them here) and Node's own.

import { describe, expect, it } from "vitest";
import { StorageFailure, stoppedFor, storageFailure } from "./storage-failure";

/** An error as Node's fs gives one. */
function fsError(code: string, path?: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: failed, write`), {
    code,
    syscall: "write",
    ...(path ? { path } : {}),
  });
}

describe("storageFailure", () => {
  it("reads the file and the reason out of LevelDB's IO errors, in our words", () => {
    // dynalite on a full tmpfs (its code), kinesalite under `ulimit -f` (levelup's WriteError).
    const full = Object.assign(new Error("IO error: /d/dynamodb/000003.log: No space left on device"), {
      code: "LEVEL_IO_ERROR",
    });
    const limit = Object.assign(new Error("IO error: /d/kinesis/000003.log: File too large"), {
      name: "WriteError",
    });
    expect(storageFailure(full)?.message).toBe(
      "cannot write /d/dynamodb/000003.log: no space left on device",
    );
    expect(storageFailure(limit)?.message).toBe(
      "cannot write /d/kinesis/000003.log: file too large for this process's limit (ulimit -f)",
    );
    // Another IO error of a store (its files removed under it) is still the store's file, used not written.
    expect(
      storageFailure(new Error("IO error: /d/kinesis/000005.ldb: No such file or directory"))?.message,
    ).toBe("cannot use /d/kinesis/000005.ldb: No such file or directory");
  });

  it("takes Node's refused writes that name their file, and nothing else", () => {
    expect(storageFailure(fsError("ENOSPC", "/o/logs/functions.log"))?.message).toBe(
      "cannot write /o/logs/functions.log: no space left on device",
    );
    expect(storageFailure(fsError("EDQUOT", "/o/outputs.json"))?.reason).toBe("disk quota exceeded");
    expect(storageFailure(fsError("EROFS", "/o/outputs.json"))?.reason).toBe("read-only file system");
    // A descriptor's write names no file: the writer says which (StorageFailure.of).
    expect(storageFailure(fsError("ENOSPC"))).toBeUndefined();
    expect(storageFailure(fsError("EACCES", "/o/outputs.json"))).toBeUndefined();
    expect(storageFailure(new Error("IO error somewhere"))).toBeUndefined();
    expect(storageFailure("IO error: /d/x.log: No space left on device")).toBeUndefined();
    expect(storageFailure(undefined)).toBeUndefined();
  });

  it("keeps a StorageFailure thrown as one", () => {
    const failure = StorageFailure.of("/d/kinesis-checkpoints.json", fsError("ENOSPC"));
    expect(failure).toBeInstanceOf(StorageFailure);
    expect(storageFailure(failure)).toBe(failure);
    expect(StorageFailure.of("/d/kinesis-checkpoints.json", fsError("EACCES"))).toBeUndefined();
  });
});

describe("stoppedFor", () => {
  const failure = new StorageFailure("/d/dynamodb/000003.log", "no space left on device");

  it("says what a data directory keeps and how to go on", () => {
    expect(stoppedFor(failure, "/d")).toBe(
      "cannot write /d/dynamodb/000003.log: no space left on device. What the system acknowledged before is " +
        "kept in /d: once the file can be written, npm start again with the same --data-dir, and the stream " +
        "is read again from its checkpoints (the replay sends its file again; a feed sends again what the " +
        "stream did not acknowledge)",
    );
  });

  it("says that tables in memory went with the system", () => {
    expect(stoppedFor(failure, undefined)).toBe(
      "cannot write /d/dynamodb/000003.log: no space left on device. Its tables were in memory (no --data-dir) " +
        "and went with it; npm start again once the file can be written",
    );
  });
});
