// The emulators' stores on disk (a data directory's `dynamodb` and `kinesis`, LevelDB both) are opened
// and read whole once before the emulators start. A store LevelDB finds damaged (a CURRENT, MANIFEST or
// table file cut short, overwritten or gone: a disk that failed, a copy made while it was written, a hand;
// a damaged table file had stopped the running system at the first read of it, naming no file) would otherwise fail
// every request of its emulator, dynalite's as "Database is closed" with the cause left out; one whose log
// holds a record damaged inside would be opened with that record passed over, said nowhere (level-log.ts).
// Such a store is copied aside as found, then mended with LevelDB's own repair, which keeps every record it
// can read, or, for a damaged log record, opened passing over it, now said.

import { cpSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { damagedLog } from "./level-log";

/** A LevelDB store as its emulator's own LevelDB binding opens and repairs it. */
interface LevelBinding {
  /**
   * Opens the store, reads every entry (so that LevelDB reads each of its table files, not only CURRENT,
   * MANIFEST and the log) and closes it; rejects with LevelDB's error if it cannot be opened or read.
   */
  readWhole(directory: string): Promise<void>;
  repair(directory: string): Promise<void>;
}

const here = createRequire(import.meta.url);

/** dynalite's: `level` (classic-level on disk), whose failed open carries LevelDB's error as its cause. */
function dynaliteLevel(): LevelBinding {
  const fromDynalite = createRequire(here.resolve("dynalite"));
  type Level = {
    open(): Promise<void>;
    close(): Promise<void>;
    keys(options: { fillCache: boolean }): AsyncIterable<unknown>;
  };
  const { Level } = fromDynalite("level") as { Level: new (directory: string) => Level };
  const { ClassicLevel } = createRequire(fromDynalite.resolve("level"))("classic-level") as {
    ClassicLevel: { repair(directory: string): Promise<void> };
  };
  return {
    async readWhole(directory) {
      const store = new Level(directory);
      await store.open();
      try {
        for await (const _ of store.keys({ fillCache: false }));
      } finally {
        await store.close();
      }
    },
    repair: (directory) => ClassicLevel.repair(directory),
  };
}

/** kinesalite's: leveldown 5, with callbacks. */
function kinesaliteLevel(): LevelBinding {
  type Callback = (error?: Error | null) => void;
  type Iterator = {
    next(callback: (error?: Error | null, key?: unknown) => void): void;
    end(callback: Callback): void;
  };
  const leveldown = createRequire(here.resolve("kinesalite"))("leveldown") as ((directory: string) => {
    open(callback: Callback): void;
    close(callback: Callback): void;
    iterator(options: { keys: boolean; values: boolean; fillCache: boolean }): Iterator;
  }) & { repair(directory: string, callback: Callback): void };
  const settled = (call: (callback: Callback) => void) =>
    new Promise<void>((resolve, reject) => call((error) => (error ? reject(error) : resolve())));
  /** The next key of `entries`, or undefined at their end. */
  const nextKey = (entries: Iterator) =>
    new Promise<unknown>((resolve, reject) =>
      entries.next((error, key) => (error ? reject(error) : resolve(key))),
    );
  return {
    async readWhole(directory) {
      const store = leveldown(directory);
      await settled((callback) => store.open(callback));
      try {
        const entries = store.iterator({ keys: true, values: false, fillCache: false });
        try {
          while ((await nextKey(entries)) !== undefined);
        } finally {
          await settled((callback) => entries.end(callback));
        }
      } finally {
        await settled((callback) => store.close(callback));
      }
    },
    repair: (directory) => settled((callback) => leveldown.repair(directory, callback)),
  };
}

/** The stores of a data directory: each emulator's folder in it, by the service it keeps. */
const STORES = [
  { service: "DynamoDB", folder: "dynamodb", binding: dynaliteLevel },
  { service: "Kinesis", folder: "kinesis", binding: kinesaliteLevel },
] as const;

/** The service whose store a data directory's folder is. */
export type StoreService = (typeof STORES)[number]["service"];

/** A store found damaged and mended: where, what LevelDB said of it, and where it is kept as found. */
export interface StoreRepair {
  service: StoreService;
  directory: string;
  /** LevelDB's words for the damage, e.g. "Corruption: checksum mismatch". */
  damage: string;
  /**
   * Whether the damage is a record of a log (level-log.ts): the store is opened passing over that record
   * and the rest of its block, as LevelDB would have unsaid, rather than repaired (a store it could not open).
   */
  inLog: boolean;
  /** The copy of the store as it was found, beside it. */
  keptAs: string;
}

/** A damaged store LevelDB's repair could not make openable: the emulator cannot start on it. */
export class StoreBeyondRepair extends Error {
  override name = "StoreBeyondRepair";
  constructor(
    readonly repair: StoreRepair,
    reason: string,
  ) {
    super(
      `${repair.service}'s store ${repair.directory} cannot be opened (${repair.damage}) and LevelDB's repair ` +
        `did not mend it (${reason}). It is kept as found in ${repair.keptAs}; move ${repair.directory} aside ` +
        `to start with an empty one`,
    );
  }
}

/** LevelDB's own error behind `error` (classic-level wraps it as the cause of "Database failed to open"). */
function levelError(error: unknown): Error | undefined {
  let inner = error;
  while (inner instanceof Error && inner.cause instanceof Error) inner = inner.cause;
  return inner instanceof Error ? inner : undefined;
}

/**
 * Whether LevelDB's words say the store is damaged (rather than the machine refusing it: a permission, a
 * full disk): a corruption it found, or the MANIFEST that CURRENT names missing.
 */
function damaged(said: string): boolean {
  return (
    said.startsWith("Corruption: ") || /^IO error: .*MANIFEST-\d+: No such file or directory$/.test(said)
  );
}

/** A name for the copy of `directory` as found: beside it, stamped with the time to the second. */
function copyName(directory: string, at: Date): string {
  return `${directory}.damaged-${at.toISOString().replace(/[-:]|\.\d+/g, "")}`;
}

/**
 * Opens each emulator's store kept in `dataDir` (those not there yet are left for their emulator to make),
 * and mends one LevelDB finds damaged, or whose log holds a damaged record: copied aside as found, then
 * repaired (or opened passing over the record: StoreRepair's inLog). Resolves with the repairs made
 * (none: every store opened). Rejects with StoreBeyondRepair when a repaired store still does not open,
 * and with LevelDB's own error when a store cannot be opened for another reason (its message names the
 * file and the machine's reason, as a full disk's or a permission's).
 *
 * @example
 * const repairs = await mendDamagedStores(".data"); // [] when each store opened
 */
export async function mendDamagedStores(dataDir: string): Promise<StoreRepair[]> {
  const repairs: StoreRepair[] = [];
  for (const { service, folder, binding } of STORES) {
    const directory = join(dataDir, folder);
    if (!existsSync(directory)) continue;
    const level = binding();
    // Before it is opened: opening replays the logs, passing over a damaged record for good.
    const spoilt = damagedLog(directory);
    const refusal =
      spoilt === undefined
        ? await level.readWhole(directory).then(
            () => undefined,
            (error: unknown) => levelError(error) ?? new Error(String(error)),
          )
        : new Error(spoilt);
    if (refusal === undefined) continue;
    if (!damaged(refusal.message)) throw refusal;
    const repair: StoreRepair = {
      service,
      directory,
      damage: refusal.message,
      inLog: spoilt !== undefined,
      keptAs: copyName(directory, new Date()),
    };
    cpSync(directory, repair.keptAs, { recursive: true, errorOnExist: true, force: false });
    const open = () => level.readWhole(directory);
    // A damaged log record: LevelDB's own open passes over it and the rest of its 32 KiB block (as it
    // would have, unsaid); its repair keeps the record's bytes as they are, damage and all (LevelDB 1.20's
    // repair.cc reads logs without their checksums), so it is left for a store the open still refuses.
    const mended = repair.inLog
      ? open().catch(() => level.repair(directory).then(open))
      : level.repair(directory).then(open);
    const stillRefused = await mended.then(
      () => undefined,
      (error: unknown) => levelError(error)?.message ?? String(error),
    );
    if (stillRefused !== undefined) throw new StoreBeyondRepair(repair, stillRefused);
    repairs.push(repair);
  }
  return repairs;
}
