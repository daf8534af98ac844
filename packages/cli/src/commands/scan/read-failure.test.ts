// Why a file could not be read, in words: a path mistyped by a letter or two, or in another case, names
// the path meant, in a folder of real files.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFailure } from "./read-failure";

let root: string;
const missing = (file: string) => readFailure(file, Object.assign(new Error("ENOENT"), { code: "ENOENT" }));

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "read-failure-"));
  mkdirSync(join(root, "data"));
  for (const name of ["spx.csv", "BTOP.csv", "TTOP.csv"]) writeFileSync(join(root, "data", name), "");
  symlinkSync(join(root, "data", "old.csv"), join(root, "data", "link.csv"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("readFailure of a file that is not there", () => {
  it("names the path meant when one part is a letter or two off, or in another case", () => {
    const at = (path: string) => join(root, path);
    expect(missing(at("data/SPX.CSV"))).toBe(
      `cannot read ${at("data/SPX.CSV")}: no such file (did you mean ${at("data/spx.csv")}?)`,
    );
    expect(missing(at("dat/spx.csv"))).toBe(
      `cannot read ${at("dat/spx.csv")}: no such file (did you mean ${at("data/spx.csv")}?)`,
    );
    expect(missing(at("data/spz.csv"))).toMatch(/\(did you mean .*\/data\/spx\.csv\?\)$/);
    // As near to two: both named.
    expect(missing(at("data/TOP.csv"))).toMatch(
      /\(did you mean .*\/data\/BTOP\.csv or .*\/data\/TTOP\.csv\?\)$/,
    );
  });

  it("names none when nothing is that near, or the part put right leads nowhere", () => {
    expect(missing(join(root, "data/nothing.csv"))).toBe(
      `cannot read ${join(root, "data/nothing.csv")}: no such file`,
    );
    // "dat" is one letter from "data", but data/nothing.csv is not there either.
    expect(missing(join(root, "dat/nothing.csv"))).toMatch(/: no such file$/);
    expect(missing("-")).toBe("cannot read -: no such file");
  });

  it("tells a link to a file that is not there from a file that is not there", () => {
    expect(missing(join(root, "data/link.csv"))).toMatch(
      /: it is a link to .*old\.csv, which does not exist$/,
    );
  });
});
