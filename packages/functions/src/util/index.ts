// The small utilities' face (#util): bounded concurrency for fan-out calls, one value read ahead.

export { mapLimit } from "./map-limit";
export { readAhead } from "./read-ahead";
