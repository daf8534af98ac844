// A local system on a data directory in a process of its own, replaying bars into its stream, so a test can
// kill it whole (SIGKILL of its process group: the emulators and the functions' runtime at once) mid-stream
// and start it again on the same directory. Started by killed-system.test.ts:
//   node --import tsx replaying-system.ts <dataDir> <outDir> <symbol> <barsPerSecond> <bars.json>
// Prints "put <n>" once the first n bars are on the stream (kinesalite answered their PutRecords).

import { readFileSync } from "node:fs";
import type { Bar } from "@stock-patterns/core";
import { QUICK_POLLING } from "../runtime/config";
import { startSystem } from "./start-system";

const [dataDir, outDir, symbol, pace, barsFile] = process.argv.slice(2);
if (!dataDir || !outDir || !symbol || !pace || !barsFile)
  throw new Error("usage: replaying-system.ts <dataDir> <outDir> <symbol> <barsPerSecond> <bars.json>");
const bars = JSON.parse(readFileSync(barsFile, "utf8")) as Bar[];
const system = await startSystem({
  port: 0,
  dataDir,
  outDir,
  timing: QUICK_POLLING,
});
process.stdout.write("ready\n");
await system.replay(bars, {
  symbol,
  interval: "1d",
  barsPerSecond: Number(pace),
  onProgress: (sent) => process.stdout.write(`put ${sent}\n`),
});
process.stdout.write("replayed\n");
