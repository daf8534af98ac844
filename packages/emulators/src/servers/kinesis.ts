// Kinesis on one machine: kinesalite, in memory or (with a data directory) in LevelDB on disk.

/// <reference path="./modules.d.ts" />

import { join } from "node:path";
import kinesalite from "kinesalite";
import { answerBeforeClose } from "./answer-before-close";
import { refuseBrowsers } from "./browser-guard";
import type { Emulator } from "./dynamodb";
import { listen } from "./listen";

/**
 * Start kinesalite. Streams are ACTIVE as soon as they are created.
 *
 * @param dataDir keep streams and records in `<dataDir>/kinesis` across runs; omitted: in memory.
 * @param port where to listen; 0: any free port.
 * @example
 * const kinesis = await startKinesis();
 */
export async function startKinesis(dataDir?: string, port = 0): Promise<Emulator> {
  const server = kinesalite({
    createStreamMs: 0,
    deleteStreamMs: 0,
    updateStreamMs: 0,
    ...(dataDir ? { path: join(dataDir, "kinesis") } : {}),
  });
  // kinesalite closes its store first: on disk (LevelDB), a GetRecords still in progress would then ask the
  // closed store for an iterator, which throws out of a callback. So it answers what it had begun first.
  const stop = answerBeforeClose(refuseBrowsers(server));
  const endpoint = await listen(server, port);
  return { endpoint, stop };
}
