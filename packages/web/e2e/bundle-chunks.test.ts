// What each page of the console downloads: the bundle every page loads (index.html's entry chunk) leaves the
// charting library to the chart's own chunk, which the console loads only when it shows a chart. One value
// imported from the library by a module the pages share (chartData.ts's time reading) put the whole library
// in the entry chunk (docs/console.md gives the sizes). Read from the build's source maps.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const DIST = join(import.meta.dirname, "..", "dist");

/** The source files a built chunk (a path under dist/) was made from, as its source map names them. */
function sourcesOf(chunk: string): string[] {
  const map = JSON.parse(readFileSync(join(DIST, `${chunk}.map`), "utf8")) as { sources: string[] };
  return map.sources;
}

/** The packages among `sources`: "lightweight-charts" for ../node_modules/lightweight-charts/dist/… */
const packagesIn = (sources: string[]) =>
  new Set(sources.flatMap((source) => source.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1] ?? []));

/** The chunk index.html loads, and the chart's chunk that it imports on demand. */
function chunks(): { entry: string; chart: string } {
  const page = readFileSync(join(DIST, "index.html"), "utf8");
  const entry = page.match(/<script type="module"[^>]* src="\.\/(assets\/[^"]+\.js)"/)?.[1];
  if (!entry) throw new Error("index.html names no module script");
  const chart = readFileSync(join(DIST, entry), "utf8").match(/PatternChart-[\w-]+\.js/)?.[0];
  if (!chart) throw new Error(`${entry} imports no PatternChart chunk`);
  return { entry, chart: `assets/${chart}` };
}

describe("the console's chunks", () => {
  it("keep the charting library out of the bundle every page loads, in the chart's chunk only", () => {
    const { entry, chart } = chunks();
    const shared = sourcesOf(entry);
    // The module whose value import once pulled the library in is in the shared bundle: the check has teeth.
    expect(shared.some((source) => source.endsWith("src/chart/chartData.ts"))).toBe(true);
    const library = ["lightweight-charts", "fancy-canvas"];
    expect(library.filter((name) => packagesIn(shared).has(name))).toEqual([]);
    expect(library.filter((name) => packagesIn(sourcesOf(chart)).has(name))).toEqual(library);
  });
});
