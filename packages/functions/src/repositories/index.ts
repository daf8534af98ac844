// The DynamoDB helpers' face (#repositories): batch reads and writes, conditional writes, cursor paging
// (of one key value, or merged over several), whole reads, and the rule for an item past its TTL value.

export { type BatchRead, batchRead, getMany, KEYS_A_ROUND, readTogether } from "./batch";
export { isConditionFailure, putIf, updateIf } from "./conditional";
export { type MergedQuery, readMergedPage } from "./merged-paging";
export {
  type CursorShape,
  cursorShape,
  decodeCursor,
  encodeCursor,
  epochSecondsKey,
  idKey,
  instantKey,
  keyText,
  type Page,
  readPage,
} from "./paging";
export { queryInOrder, queryPages } from "./query";
export { scanAll } from "./scan";
export { keptFilter, pastTtl } from "./ttl";
