// An outcome's JSON written straight into bytes: the bytes JSON.stringify gives for its PATTERNS.md
// record (outcomeRecord), the forward returns keyed by horizon from the list scanOutcomes keeps them in.
// biome-ignore-all lint/style/noNonNullAssertion: a return's index stays below HORIZONS.length.

import { type FollowedOutcome, HORIZONS } from "@stock-patterns/core";
import { CLOSE_BRACE, COMMA } from "../../bars/char-codes";
import {
  asciiBytes,
  CHARACTER_BYTES,
  keysOf,
  NUMBER_BYTES,
  writeBytes,
  writeNumber,
  writeString,
} from "./json-bytes";

/** The keys of scanOutcomes' records in the order its literals make them: the order JSON.stringify writes. */
const OUTCOME_KEYS = "ceiling,floor,status,breakout,target,resolvedAt,returns";
const BREAKOUT_KEYS = "time,direction";

const CEILING = asciiBytes('{"ceiling":');
const FLOOR = asciiBytes(',"floor":');
const STATUS = asciiBytes(',"status":');
const BREAKOUT = asciiBytes(',"breakout":');
const TIME = asciiBytes('{"time":');
const DIRECTION = asciiBytes(',"direction":');
const TARGET = asciiBytes(',"target":');
const RESOLVED_AT = asciiBytes(',"resolvedAt":');
const RETURNS = asciiBytes(',"returns":{');
const NULL = asciiBytes("null");
/** `"1":`, `,"5":`, ...: each horizon's key, after a comma for all but the first. */
const RETURN_KEYS = HORIZONS.map((h, i) => asciiBytes(`${i === 0 ? "" : ","}"${h}":`));

/**
 * Bytes of an outcome's JSON past its strings' characters and its returns: keys, the three numbers
 * (ceiling, floor, target), the four strings' quotes, the return keys and the closing braces.
 */
const OUTCOME_FIXED =
  CEILING.length +
  FLOOR.length +
  STATUS.length +
  BREAKOUT.length +
  TIME.length +
  DIRECTION.length +
  TARGET.length +
  RESOLVED_AT.length +
  RETURNS.length +
  RETURN_KEYS.reduce((sum, key) => sum + key.length, 0) +
  3 * NUMBER_BYTES +
  4 * 2 +
  3;

/**
 * Whether an outcome (and its breakout) has the keys writeOutcome writes, in its order, and its returns
 * as a list (checked on a scan's first detection: one scan's records all come from the same literals).
 *
 * @example
 * writesOutcomeAsJson(scanOutcomes(bars)[0].outcome) // true
 */
export function writesOutcomeAsJson(outcome: FollowedOutcome): boolean {
  if (keysOf(outcome) !== OUTCOME_KEYS || !Array.isArray(outcome.returns)) return false;
  return outcome.breakout === null || keysOf(outcome.breakout) === BREAKOUT_KEYS;
}

/** The most bytes writeOutcome may take for `outcome`. */
export function outcomeBytes(outcome: FollowedOutcome): number {
  const { breakout, resolvedAt } = outcome;
  const characters =
    outcome.status.length +
    (breakout === null ? 0 : breakout.time.length + breakout.direction.length) +
    (resolvedAt === null ? 0 : resolvedAt.length);
  return OUTCOME_FIXED + CHARACTER_BYTES * characters + NUMBER_BYTES * outcome.returns.length;
}

/**
 * Writes the JSON of `outcome`'s PATTERNS.md record into `out` at `at`, which has outcomeBytes(outcome)
 * bytes of room; returns where it ends.
 *
 * @example
 * writeOutcome(out, 0, d.outcome) // out: {"ceiling":1409.17,...,"returns":{"1":-0.0082,"5":0.0497,...}}
 */
export function writeOutcome(out: Buffer, at: number, outcome: FollowedOutcome): number {
  let to = writeBytes(out, at, CEILING);
  to = writeNumber(out, to, outcome.ceiling);
  to = writeBytes(out, to, FLOOR);
  to = writeNumber(out, to, outcome.floor);
  to = writeBytes(out, to, STATUS);
  to = writeString(out, to, outcome.status);
  to = writeBytes(out, to, BREAKOUT);
  const { breakout, target, resolvedAt, returns } = outcome;
  if (breakout === null) to = writeBytes(out, to, NULL);
  else {
    to = writeBytes(out, to, TIME);
    to = writeString(out, to, breakout.time);
    to = writeBytes(out, to, DIRECTION);
    to = writeString(out, to, breakout.direction);
    out[to++] = CLOSE_BRACE;
  }
  to = writeBytes(out, to, TARGET);
  // The target and the returns are quotients with all 17 digits, past writeNumber's short decimals: left
  // to JSON.stringify, the returns in one call for the list.
  to = target === null ? writeBytes(out, to, NULL) : writeNumberText(out, to, JSON.stringify(target));
  to = writeBytes(out, to, RESOLVED_AT);
  to = resolvedAt === null ? writeBytes(out, to, NULL) : writeString(out, to, resolvedAt);
  to = writeBytes(out, to, RETURNS);
  to = writeKeyedReturns(out, to, JSON.stringify(returns));
  out[to++] = CLOSE_BRACE;
  out[to++] = CLOSE_BRACE;
  return to;
}

/**
 * Writes `text`, a number's JSON (ASCII), into `out` at `at`; returns where it ends. A character at a time:
 * Buffer's write is a call into C++ per number (a 17-digit number: ~300 ns so, ~120-230 ns here, micro).
 */
function writeNumberText(out: Buffer, at: number, text: string): number {
  let to = at;
  for (let i = 0; i < text.length; i++) out[to++] = text.charCodeAt(i);
  return to;
}

/** Writes the values of `list`, the JSON of a list of numbers ("[r1,r5]"), each after its horizon's key. */
function writeKeyedReturns(out: Buffer, at: number, list: string): number {
  if (list.length === 2) return at;
  let to = writeBytes(out, at, RETURN_KEYS[0]!);
  let i = 0;
  // A number's JSON has no comma: each comma starts the next horizon's value.
  for (let k = 1; k < list.length - 1; k++) {
    const code = list.charCodeAt(k);
    if (code === COMMA) to = writeBytes(out, to, RETURN_KEYS[++i]!);
    else out[to++] = code;
  }
  return to;
}
