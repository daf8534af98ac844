// A run in a process of its own, timed, its memory sampled while it runs: for the processes benches spawn.

/** What a run answered, its wall time and the most memory its process held meanwhile (MiB). */
export interface MeasuredRun<T> {
  answer: T;
  ms: number;
  peakHeapMB: number;
  peakExternalMB: number;
  peakRssMB: number;
}

/**
 * Runs `run`, sampling the process's memory every millisecond between its awaits (each call, each page):
 * what it holds across them. Not resourceUsage().maxRSS: Linux carries it over from the parent that forked
 * the process (there, the emulators and their tables), so it grew with the tables though the run did not.
 *
 * @example
 * const { answer, ms, peakHeapMB } = await measuredRun(() => sweepStranded(new Date(), timing));
 */
export async function measuredRun<T>(run: () => Promise<T>): Promise<MeasuredRun<T>> {
  let peakHeap = 0;
  let peakExternal = 0;
  let peakRss = 0;
  const sample = () => {
    const { heapUsed, external, rss } = process.memoryUsage();
    peakHeap = Math.max(peakHeap, heapUsed);
    peakExternal = Math.max(peakExternal, external);
    peakRss = Math.max(peakRss, rss);
  };
  sample();
  const sampling = setInterval(sample, 1);
  const started = performance.now();
  const answer = await run();
  const ms = performance.now() - started;
  clearInterval(sampling);
  sample();
  const mb = (bytes: number) => bytes / 2 ** 20;
  return { answer, ms, peakHeapMB: mb(peakHeap), peakExternalMB: mb(peakExternal), peakRssMB: mb(peakRss) };
}
