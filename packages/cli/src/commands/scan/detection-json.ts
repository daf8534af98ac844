// A detection's JSON line written straight into bytes: the bytes JSON.stringify gives for
// { symbol, ...detection } (with its outcome from scanOutcomes as PATTERNS.md writes it, detectionRecord),
// with no string made for the line.
// biome-ignore-all lint/style/noNonNullAssertion: indices stay below the arrays' lengths.

import { type Detection, detectionRecord, type Extremum, type FollowedDetection } from "@stock-patterns/core";
import { CLOSE_BRACE, COMMA, NEWLINE } from "../../bars/char-codes";
import {
  asciiBytes,
  CHARACTER_BYTES,
  keysOf,
  NUMBER_BYTES,
  writeBytes,
  writeNumber,
  writeString,
} from "./json-bytes";
import { outcomeBytes, writeOutcome, writesOutcomeAsJson } from "./outcome-json";

/** The keys of the scan's records in the order its literals make them: the order JSON.stringify writes. */
const DETECTION_KEYS = "pattern,start,end,detectedAt,extrema,confidence";
const EXTREMUM_KEYS = "time,price,kind";

const PATTERN = asciiBytes(',"pattern":');
const START = asciiBytes(',"start":');
const END = asciiBytes(',"end":');
const DETECTED_AT = asciiBytes(',"detectedAt":');
const EXTREMA = asciiBytes(',"extrema":[');
const TIME = asciiBytes('{"time":');
const PRICE = asciiBytes(',"price":');
const KIND = asciiBytes(',"kind":');
const CONFIDENCE = asciiBytes('],"confidence":');
const OUTCOME = asciiBytes(',"outcome":');

/** Bytes of a line past its head and its strings' characters and numbers: keys, quotes, brackets. */
const DETECTION_FIXED =
  PATTERN.length + START.length + END.length + DETECTED_AT.length + EXTREMA.length + CONFIDENCE.length + 12;
const EXTREMUM_FIXED = TIME.length + PRICE.length + KIND.length + 6;

/** A detection's outcome, from scanOutcomes (scanBars' detections have none). */
const outcomeOf = (d: Detection) => (d as Partial<FollowedDetection>).outcome;

/**
 * Whether a detection's records have the keys this writer writes, in its order (checked on a scan's
 * first detection: one scan's records all come from the same literals).
 *
 * @example
 * writesAsJson(scanBars(bars)[0]) // true
 */
export function writesAsJson(d: Detection): boolean {
  const outcome = outcomeOf(d);
  const keys = outcome === undefined ? DETECTION_KEYS : `${DETECTION_KEYS},outcome`;
  if (keysOf(d) !== keys) return false;
  if (outcome !== undefined && !writesOutcomeAsJson(outcome)) return false;
  return d.extrema.every((e) => keysOf(e) === EXTREMUM_KEYS);
}

/**
 * The record JSON.stringify writes for a detection: one from scanOutcomes as PATTERNS.md writes it
 * (detectionRecord), any other as it is. For detections writesAsJson does not take.
 *
 * @example
 * JSON.stringify(jsonRecord(scanOutcomes(bars)[0])) // '{"pattern":"IHS",...,"returns":{"1":...}}}'
 */
export function jsonRecord(d: Detection): Detection {
  return outcomeOf(d) === undefined ? d : detectionRecord(d as FollowedDetection);
}

/** The most bytes writeDetection may take for `d` (and its outcome) after a head of `head` bytes. */
export function detectionBytes(head: number, d: Detection): number {
  const { extrema } = d;
  const outcome = outcomeOf(d);
  let characters = d.pattern.length + d.start.length + d.end.length + d.detectedAt.length;
  for (let i = 0; i < extrema.length; i++) {
    const e = extrema[i]!;
    characters += e.time.length + e.kind.length;
  }
  return (
    head +
    DETECTION_FIXED +
    extrema.length * (EXTREMUM_FIXED + NUMBER_BYTES) +
    NUMBER_BYTES +
    CHARACTER_BYTES * characters +
    (outcome === undefined ? 0 : OUTCOME.length + outcomeBytes(outcome))
  );
}

/** Extrema whose JSON the cache remembers: a detection's are mostly among its last few neighbours'. */
const REMEMBERED = 8;

/**
 * Where the JSON of the extrema written last lies in the chunk being written: the scan shares an
 * extremum's record among the detections that name it (3.7 each in the 300k bench series, mostly
 * neighbours), so its bytes are copied from where they were written rather than written again.
 * Cleared when the lines move to another chunk (or write over this one).
 *
 * @example
 * const recent = new RecentExtrema();
 * writeDetection(out, 0, head, d, recent);
 */
export class RecentExtrema {
  readonly records: (Extremum | undefined)[] = new Array(REMEMBERED).fill(undefined);
  readonly from = new Int32Array(REMEMBERED);
  readonly to = new Int32Array(REMEMBERED);
  /** The slot the next extremum written takes (the oldest). */
  next = 0;
  /** `viewOf`, the chunk the extrema were written into, read and written 4 bytes at a time (copies). */
  viewOf: Buffer = Buffer.alloc(0);
  view: DataView = new DataView(new ArrayBuffer(0));

  clear(): void {
    this.records.fill(undefined);
  }
}

/**
 * Copies the bytes of `out` from `from` to `end` (all before `at`: the copy never reads what it writes) to
 * `at`; returns where they end. Four at a time through a DataView: a 52-byte extremum took 47 ns a byte at
 * a time, 25 ns so (the 300k bench series' output copies 171k extrema, and writes 66k).
 */
function copyBack(out: Buffer, at: number, from: number, end: number, recent: RecentExtrema): number {
  if (recent.viewOf !== out) {
    recent.viewOf = out;
    recent.view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  }
  const { view } = recent;
  let to = at;
  let i = from;
  for (; i + 4 <= end; i += 4, to += 4) view.setUint32(to, view.getUint32(i));
  while (i < end) out[to++] = out[i++]!;
  return to;
}

/** Writes an extremum's JSON, or copies it from where `recent` says it was written in `out`. */
function writeExtremum(out: Buffer, at: number, e: Extremum, recent: RecentExtrema): number {
  const { records } = recent;
  for (let slot = 0; slot < REMEMBERED; slot++) {
    if (records[slot] !== e) continue;
    // Written before `at` in the same chunk.
    return copyBack(out, at, recent.from[slot]!, recent.to[slot]!, recent);
  }
  const to = writeNewExtremum(out, at, e);
  const slot = recent.next;
  records[slot] = e;
  recent.from[slot] = at;
  recent.to[slot] = to;
  recent.next = slot === REMEMBERED - 1 ? 0 : slot + 1;
  return to;
}

function writeNewExtremum(out: Buffer, at: number, e: Extremum): number {
  let to = writeBytes(out, at, TIME);
  to = writeString(out, to, e.time);
  to = writeBytes(out, to, PRICE);
  to = writeNumber(out, to, e.price);
  to = writeBytes(out, to, KIND);
  to = writeString(out, to, e.kind);
  out[to++] = CLOSE_BRACE;
  return to;
}

/**
 * Writes the line of `d` (the bytes of `head`, `{"symbol":"SPX"` say, then its keys and a line feed)
 * into `out` at `at`, which has detectionBytes(head.length, d) bytes of room; returns where it ends.
 * For a detection writesAsJson takes; `recent` remembers where its extrema were written in `out`.
 *
 * @example
 * writeDetection(out, 0, asciiBytes('{"symbol":"SPX"'), d, new RecentExtrema()) // out: {"symbol":"SPX","pattern":"HS",...}\n
 */
export function writeDetection(
  out: Buffer,
  at: number,
  head: Uint8Array,
  d: Detection,
  recent: RecentExtrema,
): number {
  let to = writeBytes(out, at, head);
  to = writeBytes(out, to, PATTERN);
  to = writeString(out, to, d.pattern);
  to = writeBytes(out, to, START);
  to = writeString(out, to, d.start);
  to = writeBytes(out, to, END);
  to = writeString(out, to, d.end);
  to = writeBytes(out, to, DETECTED_AT);
  to = writeString(out, to, d.detectedAt);
  to = writeBytes(out, to, EXTREMA);
  const { extrema } = d;
  for (let i = 0; i < extrema.length; i++) {
    if (i > 0) out[to++] = COMMA;
    to = writeExtremum(out, to, extrema[i]!, recent);
  }
  to = writeBytes(out, to, CONFIDENCE);
  to = writeNumber(out, to, d.confidence);
  const outcome = outcomeOf(d);
  if (outcome !== undefined) {
    to = writeBytes(out, to, OUTCOME);
    to = writeOutcome(out, to, outcome);
  }
  out[to++] = CLOSE_BRACE;
  out[to++] = NEWLINE;
  return to;
}
