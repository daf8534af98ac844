// A data directory's store found damaged was copied aside and mended (repaired, or opened passing over a
// damaged log record) before its emulator started (emulators' level-stores.ts): npm start says so, and when
// it was DynamoDB's, whose repair may have lost detections the stream's checkpoints say are stored, the
// stream is read again from its oldest record (the pipeline stores each detection once, so what the store
// kept is not doubled): into emptied series windows when the stream holds every record put on it, else
// saying what that cannot bring back.

import { existsSync, renameSync } from "node:fs";
import { basename, join } from "node:path";
import type { StoreRepair } from "@stock-patterns/emulators";
import type { PollerReport } from "../pollers/poller";

/**
 * What reading the stream again does after DynamoDB's store was mended. Into the series' windows emptied,
 * each bar is applied again and every detection the repair lost is stored again (data-dir.test.ts: 66 of
 * 66). Into windows kept as they were, a window takes the bars read again for ones it applied (harmless
 * resends), so a detection lost while its window was kept is not found again (65 of 66): the windows are
 * emptied only when the stream holds every record put on it (holdsEveryRecord), as they alone keep the bars
 * of records it has let go.
 */
const readAgain = (windowsEmptied: boolean) =>
  windowsEmptied
    ? "; the stream, which holds every record put on it, is read again from its oldest record into emptied series windows: every bar is applied again and what the repair lost is stored again (each detection once)"
    : "; the stream is read again from its oldest record, which stores again what was lost of a series whose window was lost with it, " +
      "but not a detection of a series whose window was kept (it takes the bars read again for ones it applied; " +
      "the windows are kept, as the stream may have let go records older than its retention, whose bars they alone keep): " +
      "replay the series into a new data directory to have every detection";

/** What was found of a store and done with it. */
const mended = ({ inLog, damage }: StoreRepair) =>
  inLog
    ? `holds a damaged record in its log (${damage}), which LevelDB would have passed over unsaid: opened passing over it and the rest of its 32 KiB block`
    : `could not be opened (${damage}) and was mended by LevelDB's repair, which keeps every record it can read`;

/** Whether DynamoDB's store is among the `repairs`: what the stream's consumer stored may be lost. */
export const dynamoDbRepaired = (repairs: readonly StoreRepair[]): boolean =>
  repairs.some((repair) => repair.service === "DynamoDB");

/**
 * Reports each repair as a PollerReport ("! DynamoDB (store): …"), and moves `checkpointFile` into the copy
 * of a repaired DynamoDB store, kept there with the store it described, so the stream is read again from
 * its oldest record; `windowsEmptied` says whether the series' windows were emptied for it (readAgain).
 *
 * @example
 * reportStoreRepairs(services.repairedStores, join(dataDir, "kinesis-checkpoints.json"), true, onReport);
 */
export function reportStoreRepairs(
  repairs: readonly StoreRepair[],
  checkpointFile: string,
  windowsEmptied: boolean,
  onReport: (report: PollerReport) => void,
): void {
  for (const repair of repairs) {
    const dynamo = repair.service === "DynamoDB";
    if (dynamo && existsSync(checkpointFile))
      renameSync(checkpointFile, join(repair.keptAs, basename(checkpointFile)));
    onReport({
      source: "store",
      functionName: repair.service,
      message:
        `${repair.directory} ${mended(repair)}; the store as found is kept in ${repair.keptAs}` +
        (dynamo ? readAgain(windowsEmptied) : ""),
    });
  }
}
