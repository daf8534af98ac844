// The DynamoDB helpers' face (#repositories): batch reads and writes, conditional writes, cursor paging.

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
export { scanAll } from "./scan";
