// The small utilities' face (#util): bounded concurrency for fan-out calls.

export { mapLimit } from "./map-limit";
