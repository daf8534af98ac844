// The DynamoDB helpers' face (#repositories): batch reads and writes, conditional writes, cursor paging,
// whole reads.

export { type BatchRead, batchRead, getMany, readTogether } from "./batch";
export { isConditionFailure, putIf, updateIf } from "./conditional";
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
