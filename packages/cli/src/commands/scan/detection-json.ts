// A detection's JSON line written straight into bytes: the bytes JSON.stringify gives for
// { symbol, ...detection } (with its outcome, from scanOutcomes), with no string made for the line.
// biome-ignore-all lint/style/noNonNullAssertion: indices stay below the arrays' lengths.

import type { Detection, DetectionWithOutcome, Extremum, Outcome } from "@stock-patterns/core";
import {
  asciiBytes,
  CHARACTER_BYTES,
  NUMBER_BYTES,
  writeBytes,
  writeNumber,
  writeString,
} from "./json-bytes";

/** The keys of the scan's records in the order its literals make them: the order JSON.stringify writes. */
const DETECTION_KEYS = "pattern,start,end,detectedAt,extrema,confidence";
const EXTREMUM_KEYS = "time,price,kind";
const OUTCOME_KEYS = "ceiling,floor,status,breakout,target,resolvedAt,returns";
const BREAKOUT_KEYS = "time,direction";

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
const CEILING = asciiBytes('{"ceiling":');
const FLOOR = asciiBytes(',"floor":');
const STATUS = asciiBytes(',"status":');
const BREAKOUT = asciiBytes(',"breakout":');
const DIRECTION = asciiBytes(',"direction":');
const TARGET = asciiBytes(',"target":');
const RESOLVED_AT = asciiBytes(',"resolvedAt":');
const RETURNS = asciiBytes(',"returns":{');
const NULL = asciiBytes("null");

const COMMA = 0x2c;
const COLON = 0x3a;
const CLOSE_BRACE = 0x7d;
const NEWLINE = 0x0a;

/** Bytes of a line past its head and its strings' characters and numbers: keys, quotes, brackets. */
const DETECTION_FIXED =
  PATTERN.length + START.length + END.length + DETECTED_AT.length + EXTREMA.length + CONFIDENCE.length + 12;
const EXTREMUM_FIXED = TIME.length + PRICE.length + KIND.length + 6;
const OUTCOME_FIXED =
  OUTCOME.length +
  CEILING.length +
  FLOOR.length +
  STATUS.length +
  BREAKOUT.length +
  TIME.length +
  DIRECTION.length +
  TARGET.length +
  RESOLVED_AT.length +
  RETURNS.length +
  16;
/** A return's quotes, colon and comma. */
const RETURN_FIXED = 4;

const keysOf = (record: object | null) => (record === null ? "" : Object.keys(record).join());

/**
 * Whether a detection's records have the keys this writer writes, in its order (checked on a scan's
 * first detection: one scan's records all come from the same literals; a breakout of a later one is
 * held to it by the tests that compare lines with JSON.stringify).
 *
 * @example
 * writesAsJson(scanBars(bars)[0]) // true
 */
export function writesAsJson(d: Detection): boolean {
  const { outcome } = d as DetectionWithOutcome;
  const keys = outcome === undefined ? DETECTION_KEYS : `${DETECTION_KEYS},outcome`;
  if (keysOf(d) !== keys) return false;
  if (d.extrema.some((e) => keysOf(e) !== EXTREMUM_KEYS)) return false;
  if (outcome === undefined) return true;
  return (
    keysOf(outcome) === OUTCOME_KEYS &&
    (outcome.breakout === null || keysOf(outcome.breakout) === BREAKOUT_KEYS)
  );
}

/** The most bytes writeDetection may take for `d` after a head of `head` bytes. */
export function detectionBytes(head: number, d: Detection): number {
  const { extrema } = d;
  let characters = d.pattern.length + d.start.length + d.end.length + d.detectedAt.length;
  for (let i = 0; i < extrema.length; i++) {
    const e = extrema[i]!;
    characters += e.time.length + e.kind.length;
  }
  const { outcome } = d as DetectionWithOutcome;
  return (
    head +
    DETECTION_FIXED +
    extrema.length * (EXTREMUM_FIXED + NUMBER_BYTES) +
    NUMBER_BYTES +
    CHARACTER_BYTES * characters +
    (outcome === undefined ? 0 : outcomeBytes(outcome))
  );
}

function outcomeBytes(outcome: Outcome): number {
  const { breakout, resolvedAt, returns } = outcome;
  let characters = outcome.status.length + (resolvedAt?.length ?? 0);
  if (breakout !== null) characters += breakout.time.length + breakout.direction.length;
  let bytes = OUTCOME_FIXED + 3 * NUMBER_BYTES;
  for (const horizon in returns) bytes += RETURN_FIXED + CHARACTER_BYTES * horizon.length + NUMBER_BYTES;
  return bytes + CHARACTER_BYTES * characters;
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

  clear(): void {
    this.records.fill(undefined);
  }
}

/** Writes an extremum's JSON, or copies it from where `recent` says it was written in `out`. */
function writeExtremum(out: Buffer, at: number, e: Extremum, recent: RecentExtrema): number {
  const { records } = recent;
  for (let slot = 0; slot < REMEMBERED; slot++) {
    if (records[slot] !== e) continue;
    let to = at;
    // Bytes written before `at` in the same chunk: the copy never reads what it writes.
    for (let i = recent.from[slot]!, end = recent.to[slot]!; i < end; i++) out[to++] = out[i]!;
    return to;
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

function writeOutcome(out: Buffer, at: number, outcome: Outcome): number {
  const { breakout, target, resolvedAt, returns } = outcome;
  let to = writeBytes(out, at, CEILING);
  to = writeNumber(out, to, outcome.ceiling);
  to = writeBytes(out, to, FLOOR);
  to = writeNumber(out, to, outcome.floor);
  to = writeBytes(out, to, STATUS);
  to = writeString(out, to, outcome.status);
  to = writeBytes(out, to, BREAKOUT);
  if (breakout === null) to = writeBytes(out, to, NULL);
  else {
    to = writeBytes(out, to, TIME);
    to = writeString(out, to, breakout.time);
    to = writeBytes(out, to, DIRECTION);
    to = writeString(out, to, breakout.direction);
    out[to++] = CLOSE_BRACE;
  }
  to = writeBytes(out, to, TARGET);
  to = target === null ? writeBytes(out, to, NULL) : writeNumber(out, to, target);
  to = writeBytes(out, to, RESOLVED_AT);
  to = resolvedAt === null ? writeBytes(out, to, NULL) : writeString(out, to, resolvedAt);
  to = writeBytes(out, to, RETURNS);
  let first = true;
  // In the order JSON.stringify takes them: horizons are integer keys, ascending.
  for (const horizon in returns) {
    const value = returns[horizon as keyof typeof returns];
    // JSON.stringify leaves out a key whose value is undefined.
    if (value === undefined) continue;
    if (!first) out[to++] = COMMA;
    first = false;
    to = writeString(out, to, horizon);
    out[to++] = COLON;
    to = writeNumber(out, to, value);
  }
  out[to++] = CLOSE_BRACE;
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
  const { outcome } = d as DetectionWithOutcome;
  if (outcome !== undefined) {
    to = writeBytes(out, to, OUTCOME);
    to = writeOutcome(out, to, outcome);
  }
  out[to++] = CLOSE_BRACE;
  out[to++] = NEWLINE;
  return to;
}
