// A folder of a test file's own for the bar files it writes, removed once its tests are done.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";

/**
 * Makes the folder (under the system's temp folder, named after `purpose`) and removes it after the file's
 * tests; `write` puts a file there and answers its path.
 * @example
 * const { dir, write } = scratchFolder("vendors");
 * const file = write("SPX.csv", "Date,Close\n2020-01-02,3257.85\n");
 */
export function scratchFolder(purpose: string): {
  dir: string;
  write: (name: string, text: string) => string;
} {
  const dir = mkdtempSync(join(tmpdir(), `patterns-${purpose}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    write: (name, text) => {
      const file = join(dir, name);
      writeFileSync(file, text);
      return file;
    },
  };
}
