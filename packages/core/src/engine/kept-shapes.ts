// Objects kept for the process's life so that their shapes stay: V8 drops an object shape (map) with the
// last object of that shape, and a full collection then discards the optimized code built on it. A scan
// makes some objects per call (a BarReader); with none left between two scans, every scan after a full
// collection compiled its record code again (--trace-deopt: "weak objects").

const kept: object[] = [];

/**
 * Keeps `example` alive for good, and with it its shape: code optimized for objects of that shape survives
 * the time between two calls that make them. For small per-call objects of a class, not for data.
 *
 * @example
 * keepShape(new BarReader([], [], new Float64Array(1)));
 */
export function keepShape<T extends object>(example: T): T {
  kept.push(example);
  return example;
}
