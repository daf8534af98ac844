// One scheduled ThresholdChecker run in a process of its own, with the heap it is given (node
// --max-old-space-size), as its Lambda sandbox runs it: prints the answer, the wall time and the peak heap and resident memory.
//   node --max-old-space-size=256 --import tsx test/checker-process.ts
// The environment (links, endpoints) is the parent's.

import { lambdaContext, scheduledEvent } from "./aws";

const { handler } = await import("#handlers/threshold-checker");
let peakHeap = 0;
let peakExternal = 0;
let peakRss = 0;
// Sampled between the run's awaits (each Scan page, each write): what it holds across them. Not
// resourceUsage().maxRSS: Linux carries it over from the parent that forked this process (there, the
// emulators and their tables), so it grew with the table though this process did not.
const sample = () => {
  const { heapUsed, external, rss } = process.memoryUsage();
  peakHeap = Math.max(peakHeap, heapUsed);
  peakExternal = Math.max(peakExternal, external);
  peakRss = Math.max(peakRss, rss);
};
sample();
const sampling = setInterval(sample, 1);
const started = performance.now();
const answer = await handler(scheduledEvent(), lambdaContext("ThresholdChecker"));
const ms = performance.now() - started;
clearInterval(sampling);
sample();
const report = {
  answer,
  ms,
  peakHeapMB: peakHeap / 2 ** 20,
  peakExternalMB: peakExternal / 2 ** 20,
  peakRssMB: peakRss / 2 ** 20,
};
// The SDK's kept-alive sockets would hold the process open.
process.stdout.write(JSON.stringify(report), () => process.exit(0));
