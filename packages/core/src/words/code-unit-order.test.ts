import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { codeUnitOrder } from "./code-unit-order";

const NAMES = ["ApiZ", "Apiaa", "ApiAa", "Apia", "Api-b", "Apib", "Api_b", "Apiz", "Apit"];

/** `NAMES` sorted by `comparator` in a node process whose locale is `locale`. */
function sortedUnder(locale: string, comparator: string): string[] {
  const script = `process.stdout.write(JSON.stringify(${JSON.stringify(NAMES)}.sort(${comparator})))`;
  const env = { ...process.env, LANG: locale, LC_ALL: locale };
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { env, encoding: "utf8" })) as string[];
}

describe("codeUnitOrder", () => {
  it("orders by code units: capitals before small letters, punctuation by its code", () => {
    expect([...NAMES].sort(codeUnitOrder)).toEqual([
      "Api-b",
      "ApiAa",
      "ApiZ",
      "Api_b",
      "Apia",
      "Apiaa",
      "Apib",
      "Apit",
      "Apiz",
    ]);
    expect(codeUnitOrder("same", "same")).toBe(0);
  });

  it("gives one order under every locale, where localeCompare gives the locale's", () => {
    const byLocale = (locale: string) => sortedUnder(locale, "(a, b) => a.localeCompare(b)");
    // The reason it exists: Danish puts "aa" after "z", Estonian "z" before "t".
    expect(byLocale("da_DK.UTF-8")).not.toEqual(byLocale("en_US.UTF-8"));
    expect(byLocale("et_EE.UTF-8")).not.toEqual(byLocale("en_US.UTF-8"));
    const ours = `(a, b) => (${codeUnitOrder.toString()})(a, b)`;
    for (const locale of ["C", "en_US.UTF-8", "da_DK.UTF-8", "et_EE.UTF-8", "cs_CZ.UTF-8"]) {
      expect(sortedUnder(locale, ours), locale).toEqual([...NAMES].sort(codeUnitOrder));
    }
  });
});
