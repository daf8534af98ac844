// Getting bars in: parsing, validation, time ordering.
export { parseBarsCsv } from "./csv";
export { BarsError } from "./errors";
export { parseBarsJson } from "./json";
export { timeValue } from "./time";
export { validateBars } from "./validate";
