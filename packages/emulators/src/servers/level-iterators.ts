// dynalite 4.0 ends each read stream (every Scan and Query, and the lookups behind GetItem's indexes) by
// calling its iterator's `return()`, which abstract-level 3's iterators do not have: they have `close()`.
// So no iterator was ever closed, and each stayed in its database's open resources with its range keys,
// about 4 KB a Scan or Query for as long as the emulator ran (3,000 Scans of a 20-item table kept 11.7 MB;
// an idle `npm start` grew 0.8 MB a minute from its status line's scans). Given `return()`, they close.

import { createRequire } from "node:module";

/** abstract-level as dynalite's stores load it (memory-level in memory, classic-level on disk). */
const fromDynalite = createRequire(createRequire(import.meta.url).resolve("dynalite"));
const abstractLevel = createRequire(fromDynalite.resolve("memory-level"))("abstract-level") as {
  AbstractValueIterator: { prototype: object };
};

/** The prototype every abstract-level iterator shares (keys, values, entries). */
const iterators = Object.getPrototypeOf(abstractLevel.AbstractValueIterator.prototype) as {
  close(): Promise<void>;
  return?: () => Promise<{ done: true; value: undefined }>;
};

/**
 * Gives abstract-level's iterators the `return()` dynalite ends them with, once per process: it closes the
 * iterator. Does nothing where they have one (a release of either that fixed it).
 *
 * @example
 * closeIteratorsOnReturn(); // then dynalite({ ... })
 */
export function closeIteratorsOnReturn(): void {
  if (typeof iterators.return === "function") return;
  Object.defineProperty(iterators, "return", {
    configurable: true,
    writable: true,
    value: async function closeOnReturn(this: { close(): Promise<void> }) {
      await this.close();
      return { done: true, value: undefined };
    },
  });
}
