// The DynamoDB helpers' face (#repositories): batch reads and writes, conditional writes, cursor paging
// (of one key value, or merged over several), whole reads.

export { type BatchRead, batchRead, getMany, readTogether } from "./batch";
export { isConditionFailure, putIf, updateIf } from "./conditional";
export { type MergedQuery, readMergedPage } from "./merged-paging";
export {
  type CursorShape,
  cursorShape,
  decodeCursor,
  encodeCursor,
  keyText,
  type Page,
  readPage,
} from "./paging";
export { queryAll } from "./query";
export { scanAll } from "./scan";
