import { describe, expect, it } from "vitest";
import { meantPaths, type PathLookup } from "./meant-path";

/** A file system of the paths given (files and the folders above them), the working folder "." */
function lookupOf(files: string[]): PathLookup {
  const there = new Set<string>(["/", "."]);
  for (const file of files) {
    const parts = file.split("/");
    for (let i = 1; i <= parts.length; i++) there.add(parts.slice(0, i).join("/") || "/");
  }
  return {
    exists: (path) => there.has(path),
    names: (folder) => {
      if (!there.has(folder)) throw new Error(`ENOENT: ${folder}`);
      const prefix = folder === "." ? "" : folder === "/" ? "/" : `${folder}/`;
      const names = new Set<string>();
      for (const path of there) {
        if (path === folder || !path.startsWith(prefix) || path === ".") continue;
        const name = path.slice(prefix.length).split("/")[0];
        if (name) names.add(name);
      }
      return [...names];
    },
  };
}

describe("meantPaths", () => {
  const lookup = lookupOf(["data/spx.csv", "data/ndx.csv", "/srv/bars/spy.csv", "notes.txt"]);

  it("puts right the first part not there by its near misses in its folder", () => {
    expect(meantPaths("data/SPX.CSV", lookup)).toEqual(["data/spx.csv"]);
    expect(meantPaths("dat/spx.csv", lookup)).toEqual(["data/spx.csv"]);
    expect(meantPaths("/srv/bar/spy.csv", lookup)).toEqual(["/srv/bars/spy.csv"]);
    expect(meantPaths("note.txt", lookup)).toEqual(["notes.txt"]);
  });

  it("names every path as near, and none that the change alone does not make real", () => {
    // px.csv is one edit from spx.csv and two from ndx.csv: only the nearer is named.
    expect(meantPaths("data/px.csv", lookup)).toEqual(["data/spx.csv"]);
    expect(meantPaths("data/xdx.csv", lookup)).toEqual(["data/ndx.csv"]);
    // dat/ -> data/, but data/qqq.csv is not there either.
    expect(meantPaths("dat/qqq.csv", lookup)).toEqual([]);
    const two = lookupOf(["data/spx.csv", "data/spy.csv"]);
    expect(meantPaths("data/spz.csv", two)).toEqual(["data/spx.csv", "data/spy.csv"]);
  });

  it("finds none when nothing is near, or the file is there", () => {
    expect(meantPaths("data/qqq.csv", lookup)).toEqual([]);
    expect(meantPaths("data/spx.csv", lookup)).toEqual([]);
    expect(meantPaths("zzz/spx.csv", lookup)).toEqual([]);
  });
});
