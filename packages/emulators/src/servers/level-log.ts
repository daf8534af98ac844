// A LevelDB store's write-ahead logs (its `NNNNNN.log` files), each record checked against its checksum.
// LevelDB, opening a store, replays the records of its logs and passes over one whose checksum fails,
// without an error (a byte overwritten inside a record lost that record's writes, found only by reading
// them back). Read here first, such a record is found and the store mended as one LevelDB cannot open.
// The format (LevelDB's doc/log_format.md): 32 KiB blocks of records, each a 7-byte header (a masked
// CRC-32C of the type and data, little-endian; the data's length, 2 bytes; the type) and its data; fewer
// than 7 bytes left in a block are zeros.

import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const BLOCK = 32 * 1024;
const HEADER = 7;
/** The types of a record: the whole of a write, or its first, middle or last part. */
const LAST_TYPE = 4;

/** CRC-32C's table (the Castagnoli polynomial, reflected), as LevelDB's checksums use it. */
const TABLE = Uint32Array.from({ length: 256 }, (_, byte) => {
  let crc = byte;
  for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  return crc;
});

/** CRC-32C of `bytes`. */
function crc32c(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (TABLE[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A CRC as LevelDB stores it, masked (a CRC of data holding CRCs is then no weaker). */
const masked = (crc: number) => ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;

/**
 * Where the first record of a log whose checksum fails starts (its byte offset), or undefined when every
 * whole record holds. A record cut short at the end (a write a killed process left unfinished) is no
 * damage: LevelDB ends the log there, as the write was never done. Nor are the zeros a log is padded with.
 *
 * @example
 * damagedRecordAt(readFileSync(".data/dynamodb/000005.log")) // undefined for a sound log
 */
export function damagedRecordAt(log: Uint8Array): number | undefined {
  const view = new DataView(log.buffer, log.byteOffset, log.byteLength);
  let at = 0;
  while (at + HEADER <= log.length) {
    const left = BLOCK - (at % BLOCK);
    if (left < HEADER) {
      at += left;
      continue;
    }
    const length = view.getUint16(at + 4, true);
    const type = log[at + 6] as number;
    // Zeros where a record would be: the rest of the block is padding.
    if (type === 0 && length === 0) {
      at += left;
      continue;
    }
    const end = at + HEADER + length;
    if (end > log.length) return undefined;
    if (HEADER + length > left || type > LAST_TYPE) return at;
    if (masked(crc32c(log.subarray(at + 6, end))) !== view.getUint32(at, true)) return at;
    at = end;
  }
  return undefined;
}

/**
 * The first damaged record among the logs of the store in `directory`, as LevelDB would word it and say
 * where ("Corruption: checksum mismatch in 000005.log at byte 35"); undefined when there is none.
 */
export function damagedLog(directory: string): string | undefined {
  const logs = readdirSync(directory)
    .filter((name) => /^\d+\.log$/.test(name))
    .sort();
  for (const name of logs) {
    const at = damagedRecordAt(readFileSync(join(directory, name)));
    if (at !== undefined) return `Corruption: checksum mismatch in ${name} at byte ${at}`;
  }
  return undefined;
}
