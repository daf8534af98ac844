import { basename, extname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { inputsOf } from "./inputs";

describe("a directory's files", () => {
  const names = ["b.csv", "A.CSV", "notes.md", "c.d.json", ".csv", "x.txt", "...csv", "e.Csv", "f."];

  it.each(["data", "data/", "./data", "data//x/..", ".", "./", "/", "../data", "a/./b/"])(
    "names each file as join and basename do (%s)",
    async (path) => {
      const { inputs } = await inputsOf([path], { list: async () => ({ files: names }) });
      const expected = names
        .filter(
          (name) => !name.startsWith(".") && [".csv", ".json", ".txt"].includes(extname(name).toLowerCase()),
        )
        .sort()
        .map((name) => ({ file: join(path, name), symbol: basename(name, extname(name)) }));
      expect(inputs).toEqual(expected);
      expect(inputs.map((input) => input.symbol)).toEqual(["A", "b", "c.d", "e", "x"]);
    },
  );
});
