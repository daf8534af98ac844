// The list a batch scan gathers its records into, kept from scan to scan: growing a fresh array to a
// million bars' 173,208 detections copied it about 25 times into fresh large-object pages (page faults
// and fills: 3 to 4% of scanBars' samples); the result is now one exact copy of the kept list.

/** What a scan appends to (the shape of DetectionSink), then hands over as an array of its own. */
export interface GatheredList<T> {
  push(item: T): unknown;
}

/** Holds the slots past the last gathered item, so the list never keeps a caller's record alive. */
const EMPTY = Object.freeze({});

class KeptList {
  items: unknown[] = [];
  count = 0;
  push(item: unknown): void {
    this.items[this.count++] = item;
  }
}

const kept = new KeptList();
let inUse = false;

/**
 * Runs `gather` with a list to push onto and returns what it pushed, as a fresh array of exactly that
 * length. The list's memory is kept for the next call (emptied); a call inside another gets its own.
 *
 * @example
 * const detections = gathered<Detection>((list) => scanCloses(closes, {}, (e, codes, w) => ...list.push(d)));
 */
export function gathered<T>(gather: (list: GatheredList<T>) => void): T[] {
  if (inUse) {
    const own: T[] = [];
    gather(own);
    return own;
  }
  inUse = true;
  try {
    gather(kept);
    return kept.items.slice(0, kept.count) as T[];
  } finally {
    // Let go of the caller's records; the capacity stays.
    kept.items.fill(EMPTY, 0, kept.count);
    kept.count = 0;
    inUse = false;
  }
}
