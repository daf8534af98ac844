// JSON bar files read by the column reader: the array of bar objects respelled as the CSV lines of the same
// bars (Date,Open,High,Low,Close,Volume), which the column reader then reads as any CSV file. readJson
// (JSON.parse, then each object's fields) gives the same bars when every object holds only bar keys, each
// once, a time string of plain characters and plain decimals or null: a file with anything else (another
// key, an exponent, a time given as a number, an escape, a nested value...) is left to readJson as before.
// JSON.parse and the bar objects took about a third of a 300,000-bar file's 1.6 s, their garbage as much.
// A file is respelled whole (jsonAsCsv) or a piece at a time as it is read (JsonRows, pieces.ts): read
// whole, the 300,000-bar file's 28 MB and its lines' 16 MB were fresh memory, slow to touch (0.75 s against
// 0.53 s a piece at a time).

import {
  BACKSLASH,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  DOT,
  MINUS,
  NEWLINE,
  NINE,
  OPEN_BRACE,
  OPEN_BRACKET,
  QUOTE,
  SPACE,
  ZERO,
} from "./char-codes";

const LETTER_N = 110;

/** The CSV columns written, in order; `time` and `date` both go to the first (readJson takes either). */
const HEADER = "Date,Open,High,Low,Close,Volume\n";
/** The bar keys with the column each is written in, by length. */
const key = (name: string, column: number): [Buffer, number] => [Buffer.from(name, "latin1"), column];
const FOUR_LETTERS = [key("time", 0), key("date", 0), key("open", 1), key("high", 2)];
const LOW = [key("low", 3)];
const CLOSE_KEY = [key("close", 4)];
const VOLUME_KEY = [key("volume", 5)];
const TIME = 0;
const CLOSE = 4;
const COLUMNS = 6;

/** Where the parse stopped on bytes it does not take. */
const DECLINED = -1;

/**
 * Whether `file`, its text from `start` on (after a byte order mark: textStart), is a JSON array after
 * white space: readSeries reads it as JSON bars.
 *
 * @example
 * startsJsonArray(Buffer.from(' [{"time":"2020-01-02","close":1}]'), 0) // true
 */
export const startsJsonArray = (file: Uint8Array, start: number): boolean =>
  file[jsonSpaceEnd(file, start)] === OPEN_BRACKET;

/**
 * The JSON bars of `file`, its text from `start` on, as CSV lines in `room.piece` (grown as needed), or
 * undefined for a file readJson alone reads right (see the header).
 *
 * @example
 * jsonAsCsv(Buffer.from('[{"time":"2020-01-02","close":1}]'), 0, scratch)?.toString() // "Date,Open,High,Low,Close,Volume\n2020-01-02,,,,1,\n"
 */
export function jsonAsCsv(file: Uint8Array, start: number, room: { piece: Buffer }): Buffer | undefined {
  // Each object of at least a time and a close ({"time":"","close":0}, 22 bytes) becomes at most its own
  // bytes less the keys and braces: the lines fit in the file's length and the header.
  const most = file.length + HEADER.length;
  if (room.piece.length < most) room.piece = Buffer.allocUnsafeSlow(most);
  const rows = new JsonRows();
  const { written } = rows.convert(file.subarray(start), true, room.piece, 0, most);
  return rows.complete ? room.piece.subarray(0, written) : undefined;
}

/**
 * jsonAsCsv in steps, for a file read a piece at a time: `convert` takes the whole bar objects of the text
 * it is given, from where the last call stopped, and writes their lines; the bytes of an object not yet
 * whole are the caller's to give again, with more after them. `refused` once the text is not one
 * jsonAsCsv takes; `complete` once the array has ended, with nothing but white space after it.
 */
export class JsonRows {
  refused = false;
  /** The array's closing bracket was read. */
  private closed = false;
  /** The array's opening bracket was read (and the CSV header written). */
  private opened = false;
  /** An object is expected next (after the opening bracket or a comma), else a comma or the end. */
  private objectNext = true;
  private readonly starts = new Int32Array(COLUMNS);
  private readonly ends = new Int32Array(COLUMNS);

  /** The array ended, with white space only after it, and nothing was refused. */
  get complete(): boolean {
    return this.closed && !this.refused;
  }

  /**
   * Writes into `out` from `at` on the lines of the whole objects of `text` (the header first), while
   * another object's bytes fit in `room`; `ended` when no text follows. Returns the bytes of `text` taken
   * (the rest to be given again) and of `out` written.
   */
  convert(
    text: Uint8Array,
    ended: boolean,
    out: Buffer,
    at: number,
    room: number,
  ): { taken: number; written: number } {
    const { starts, ends } = this;
    const limit = at + room;
    let write = at;
    let read = 0;
    // Bytes up to the last closing brace hold whole objects only, in any file jsonAsCsv takes: a brace
    // inside a value is in a time string, which the column reader then declines anyway.
    const whole = ended ? text.length : text.lastIndexOf(CLOSE_BRACE) + 1;
    const objects = whole === text.length ? text : text.subarray(0, whole);
    while (!this.refused) {
      read = jsonSpaceEnd(text, read);
      if (read === text.length) break;
      const byte = text[read];
      if (this.closed) return this.refuse(read, write - at);
      if (!this.opened) {
        if (byte !== OPEN_BRACKET || limit - write < HEADER.length) return this.refuse(read, write - at);
        write += out.write(HEADER, write, "latin1");
        this.opened = true;
        read++;
        continue;
      }
      if (!this.objectNext) {
        if (byte === CLOSE_BRACKET) this.closed = true;
        else if (byte !== COMMA) return this.refuse(read, write - at);
        this.objectNext = true;
        read++;
        continue;
      }
      // An empty array, or a comma before the closing bracket: readJson's to refuse.
      if (byte === CLOSE_BRACKET) return this.refuse(read, write - at);
      // The rest of an object not yet whole comes with the next text.
      if (read >= whole) break;
      const end = barAt(objects, read, starts, ends);
      if (end === DECLINED) return this.refuse(read, write - at);
      // A line is shorter than its object: one that may not fit waits for more room.
      if (limit - write < end - read + 1) break;
      for (let column = 0; column < COLUMNS; column++) {
        if (column > 0) out[write++] = COMMA;
        const start = starts[column] as number;
        const stop = ends[column] as number;
        if (start >= 0) for (let i = start; i < stop; i++) out[write++] = text[i] as number;
      }
      out[write++] = NEWLINE;
      this.objectNext = false;
      read = end;
    }
    // The text ended before the array did.
    if (ended && read === text.length && !this.closed) this.refused = true;
    return { taken: read, written: write - at };
  }

  private refuse(taken: number, written: number): { taken: number; written: number } {
    this.refused = true;
    return { taken, written };
  }
}

/**
 * Reads the bar object at `from`, setting each column's value bytes [starts, ends) (-1 when absent or
 * null); returns where the object ends, or DECLINED.
 */
function barAt(file: Uint8Array, from: number, starts: Int32Array, ends: Int32Array): number {
  if (file[from] !== OPEN_BRACE) return DECLINED;
  starts.fill(-1);
  let seen = 0;
  let at = jsonSpaceEnd(file, from + 1);
  for (;;) {
    if (file[at] !== QUOTE) return DECLINED;
    // A byte loop: keys are a few letters, and a native search per key took 60 ms of 300,000 bars' 250.
    let keyEnd = at + 1;
    while (keyEnd < file.length && file[keyEnd] !== QUOTE) keyEnd++;
    if (keyEnd === file.length) return DECLINED;
    const column = fieldOf(file, at + 1, keyEnd);
    // Another key, or one of these written with an escape: readJson's.
    if (column < 0) return DECLINED;
    // A key twice, or a time and a date: readJson's.
    if ((seen & (1 << column)) !== 0) return DECLINED;
    seen |= 1 << column;
    at = jsonSpaceEnd(file, keyEnd + 1);
    if (file[at] !== COLON) return DECLINED;
    at = jsonSpaceEnd(file, at + 1);
    const end = column === TIME ? timeEnd(file, at) : numberEnd(file, at);
    if (end === DECLINED) return DECLINED;
    if (end > 0) {
      starts[column] = column === TIME ? at + 1 : at;
      ends[column] = column === TIME ? end - 1 : end;
    } else at = -end;
    // A null close: readJson's to refuse.
    if (end < 0 && column === CLOSE) return DECLINED;
    at = jsonSpaceEnd(file, Math.abs(end));
    if (file[at] === CLOSE_BRACE) break;
    if (file[at] !== COMMA) return DECLINED;
    at = jsonSpaceEnd(file, at + 1);
  }
  // A time and a close, each given.
  if (starts[TIME] === -1 || starts[CLOSE] === -1) return DECLINED;
  return at + 1;
}

/** The column of the key in file[from, to), or -1 for another key (told by its length and first letter). */
function fieldOf(file: Uint8Array, from: number, to: number): number {
  const first = file[from];
  const names =
    to - from === 4 ? FOUR_LETTERS : to - from === 3 ? LOW : to - from === 5 ? CLOSE_KEY : VOLUME_KEY;
  for (const [name, column] of names) {
    if (name.length !== to - from || name[0] !== first) continue;
    let i = 1;
    while (i < name.length && name[i] === file[from + i]) i++;
    if (i === name.length) return column;
  }
  return -1;
}

/**
 * Where the time string at `at` ends (after its closing quote), or DECLINED: one of plain printable ASCII
 * without a comma, a quote or a backslash, and no space first or last (a CSV reader may trim one).
 */
function timeEnd(file: Uint8Array, at: number): number {
  if (file[at] !== QUOTE) return DECLINED;
  let i = at + 1;
  for (; i < file.length; i++) {
    const byte = file[i] as number;
    if (byte === QUOTE) break;
    if (byte < SPACE || byte > 126 || byte === COMMA || byte === BACKSLASH) return DECLINED;
  }
  if (i >= file.length || i === at + 1 || file[at + 1] === SPACE || file[i - 1] === SPACE) return DECLINED;
  return i + 1;
}

/**
 * Where the number at `at` ends: a plain decimal (-?digits, a fraction or not, no exponent); -(where
 * `null` ends) for null; DECLINED otherwise.
 */
function numberEnd(file: Uint8Array, at: number): number {
  if (file[at] === LETTER_N) {
    // null
    const isNull = file[at + 1] === 117 && file[at + 2] === 108 && file[at + 3] === 108;
    return isNull ? -(at + 4) : DECLINED;
  }
  let i = file[at] === MINUS ? at + 1 : at;
  const digits = i;
  while (i < file.length && (file[i] as number) >= ZERO && (file[i] as number) <= NINE) i++;
  // JSON has no leading zero but for "0" itself.
  if (i === digits || (file[digits] === ZERO && i - digits > 1)) return DECLINED;
  if (file[i] === DOT) {
    const fraction = ++i;
    while (i < file.length && (file[i] as number) >= ZERO && (file[i] as number) <= NINE) i++;
    if (i === fraction) return DECLINED;
  }
  // An exponent (e, E) or anything else glued on: readJson's.
  const next = file[i];
  if (next !== undefined && next !== COMMA && next !== CLOSE_BRACE && !isSpace(next)) return DECLINED;
  return i;
}

const isSpace = (byte: number) => byte === SPACE || byte === NEWLINE || byte === 9 || byte === 13;

/** The index of the first byte at or after `at` that is not JSON white space (or the length). */
export function jsonSpaceEnd(file: Uint8Array, at: number): number {
  let i = at;
  while (i < file.length && isSpace(file[i] as number)) i++;
  return i;
}
