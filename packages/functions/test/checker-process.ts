// One scheduled ThresholdChecker run in a process of its own, with the heap it is given (node
// --max-old-space-size), as its Lambda sandbox runs it: prints the answer, the wall time and the peak heap and resident memory.
//   node --max-old-space-size=256 --import tsx test/checker-process.ts
// The environment (links, endpoints) is the parent's.

import { lambdaContext, scheduledEvent } from "./aws";
import { measuredRun } from "./peak-memory";

const { handler } = await import("#handlers/threshold-checker");
const report = await measuredRun(() => handler(scheduledEvent(), lambdaContext("ThresholdChecker")));
// The SDK's kept-alive sockets would hold the process open.
process.stdout.write(JSON.stringify(report), () => process.exit(0));
