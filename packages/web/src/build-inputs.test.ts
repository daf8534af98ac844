// The console is rebuilt (npm start's prestart, the browser tests' setup) when what goes into it changed:
// core's sources go into the bundle too, so a change to them alone must make a new build.

import { describe, expect, it } from "vitest";
import { sourceFiles } from "../scripts/build-console";

describe("the console build's inputs", () => {
  const files = sourceFiles();

  it("hold the console's sources and core's, whose words and rules the bundle takes in", () => {
    expect(files).toContain("src/main.tsx");
    expect(files).toContain("../core/src/vocabulary.ts");
    expect(files).toContain("../core/src/evidence/lift-interval.ts");
  });

  it("leave the tests out", () => {
    expect(files.filter((file) => /\.test\.tsx?$/.test(file))).toEqual([]);
  });
});
