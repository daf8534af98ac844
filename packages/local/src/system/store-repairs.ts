// A data directory's store found damaged was copied aside and repaired before its emulator started
// (emulators' level-stores.ts): npm start says so, and when it was DynamoDB's, whose repair may have lost
// detections the stream's checkpoints say are stored, the stream is read again from its oldest record (the
// pipeline stores each detection once, so what the store kept is not doubled), and what that cannot bring
// back is said.

import { existsSync, renameSync } from "node:fs";
import { basename, join } from "node:path";
import type { StoreRepair } from "@stock-patterns/emulators";
import type { PollerReport } from "../pollers/poller";

/**
 * What reading the stream again does after DynamoDB's store was mended: it stores again what was lost of a
 * series whose window was lost with it; a series' window kept as it was takes the bars read again for ones
 * it applied (harmless resends), so a detection lost while its window was kept is not found again
 * (data-dir.test.ts, a damaged log record: 65 of 66 detections a minute after the start).
 */
const READ_AGAIN =
  "; the stream is read again from its oldest record, which stores again what was lost of a series whose window was lost with it, " +
  "but not a detection of a series whose window was kept (it takes the bars read again for ones it applied): " +
  "replay the series into a new data directory to have every detection";

/** What was found of a store and done with it. */
const mended = ({ inLog, damage }: StoreRepair) =>
  inLog
    ? `holds a damaged record in its log (${damage}), which LevelDB would have passed over unsaid: opened passing over it and the rest of its 32 KiB block`
    : `could not be opened (${damage}) and was mended by LevelDB's repair, which keeps every record it can read`;

/**
 * Reports each repair as a PollerReport ("! DynamoDB (store): …"), and moves `checkpointFile` into the copy
 * of a repaired DynamoDB store, kept there with the store it described.
 *
 * @example
 * reportStoreRepairs(services.repairedStores, join(dataDir, "kinesis-checkpoints.json"), onReport);
 */
export function reportStoreRepairs(
  repairs: StoreRepair[],
  checkpointFile: string,
  onReport: (report: PollerReport) => void,
): void {
  for (const repair of repairs) {
    let readAgain = "";
    if (repair.service === "DynamoDB" && existsSync(checkpointFile)) {
      renameSync(checkpointFile, join(repair.keptAs, basename(checkpointFile)));
      readAgain = READ_AGAIN;
    }
    onReport({
      source: "store",
      functionName: repair.service,
      message:
        `${repair.directory} ${mended(repair)}; ` +
        `the store as found is kept in ${repair.keptAs}${readAgain}`,
    });
  }
}
