// The Statistics page's table and form: sortable headings, figures and words per code, labelled controls.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { downFigures, evidenceFigures, SPX_HS } from "../testing/evidenceFigures";
import { labelledControls } from "../testing/labelledControls";
import { StatsForm } from "./StatsForm";
import { statsWhere } from "./StatsPage";
import { StatsTable } from "./StatsTable";

const hs = SPX_HS;

describe("the statistics table", () => {
  it("has a heading button per sortable column, the current one marked, and a row per code with its words", () => {
    const html = renderToStaticMarkup(
      <StatsTable
        rows={[hs, { ...hs, pattern: "RTOP" }]}
        where="on SPX"
        caption="Evidence per pattern on SPX (1d)"
      />,
    );
    expect(html).toContain("<caption>Evidence per pattern on SPX (1d)</caption>");
    expect(html).toContain(
      '<th scope="col" aria-sort="ascending"><button type="button" class="sort">Pattern',
    );
    expect(html).toContain(
      '<th scope="col" aria-sort="none"><button type="button" class="sort">Lift (10 bars)',
    );
    expect(html).toContain('<th scope="row" data-label="Pattern">head-and-shoulders (HS)</th>');
    // Every figure with the count behind it: the success rate over the resolved, each mean over its returns.
    expect(html).toContain("25% of 79 (17%–36%)</td>");
    // The lift and mean return with the returns they count and the lift's interval, as the words give it.
    expect(html).toMatch(
      /<td data-label="Lift \(10 bars\)">−2\.2 points, likely between −\d+\.\d and \+\d+\.\d<\/td>/,
    );
    expect(html).toContain(
      '<td data-label="Mean 10-bar return">+0.51% over 79<span class="hint"> (any bar +0.19% over 5,095)</span></td>',
    );
    expect(html).toContain(
      "20 of 79 past head-and-shoulders on SPX broke out down, the pattern&#x27;s direction, and reached their target",
    );
    expect(html).toContain('data-edge="noClaim"');
    expect(html.indexOf('data-pattern="HS"')).toBeLessThan(html.indexOf('data-pattern="RTOP"'));
  });

  it("says beside a lift and a success rate when the returns or resolved detections behind them are too few", () => {
    const few = {
      ...evidenceFigures("DTOP", downFigures(2, 0)),
      detections: 3,
      resolved: 2,
      succeeded: 0,
      successRate: 0,
      successInterval: [0, 0.658] as [number, number],
    };
    const html = renderToStaticMarkup(<StatsTable rows={[few]} where="on SPX" caption="c" />);
    expect(html).toContain(">0% of 2 (0%–66%), too few</td>");
    expect(html).toMatch(
      /<td data-label="Lift \(10 bars\)">\+58\.6 points, likely between [−+]\d+\.\d and \+\d+\.\d, too few<\/td>/,
    );
    expect(html).toContain(">+0.51% over 2<");
  });

  it("marks a down claim's interval widened, and its words say why, where unchanged closes leave its counts unknown", () => {
    // 6 double tops' 10-bar returns on a thin stock's minute bars, 4 below zero and 1 unchanged, against 841
    // of 2,990 below zero and 1,446 unchanged: the cell read "likely between NaN and NaN", then "no interval".
    const tenBars = {
      returns: { n: 6, mean: -0.0015, upShare: 1 / 6 },
      baseline: { n: 2990, mean: -0.0002, upShare: 703 / 2990 },
      lift: 4 / 6 - 841 / 2990,
    };
    const html = renderToStaticMarkup(
      <StatsTable rows={[evidenceFigures("DTOP", tenBars)]} where="on THIN" caption="c" />,
    );
    expect(html).toContain(
      '<td data-label="Lift (10 bars)">+38.5 points, likely between +1.8 and +62.2 (widened), too few</td>',
    );
    // Figures no counts give still say why there is none.
    const none = renderToStaticMarkup(
      <StatsTable rows={[evidenceFigures("DTOP", { ...tenBars, lift: 0.9 })]} where="on THIN" caption="c" />,
    );
    expect(none).toContain(
      '<td data-label="Lift (10 bars)">+90.0 points, no interval (unchanged closes), too few</td>',
    );
  });

  it("pooled over several symbols, marks each lift's interval too narrow, says why under the table, and calls no edge on it", () => {
    // The S&P series' 79 inverse head-and-shoulders (52 of their 10-bar returns above zero, against 2,985 of
    // 5,095 bars) counted in 200 copies of it: `patterns stats` on those files gave +7.2 points [+6.5, +8.0]
    // without the design effect and [-3.3, +16.5] with it, as for the one series.
    const copies = 200;
    const ihs = evidenceFigures("IHS", {
      returns: { n: 79 * copies, mean: 0.0069, upShare: 52 / 79 },
      baseline: { n: 5095 * copies, mean: 0.0019, upShare: 2985 / 5095 },
      lift: 52 / 79 - 2985 / 5095,
    });
    const rows = [ihs, { ...ihs, pattern: "RTOP" as const }];
    const pooled = renderToStaticMarkup(
      <StatsTable rows={rows} where="on all symbols" caption="c" symbols={copies} />,
    );
    expect(pooled).toContain(
      '<td data-label="Lift (10 bars)">+7.2 points, likely between +6.5 and +8.0 (too narrow)</td>',
    );
    expect(pooled).toMatch(
      /<p class="hint" id="[^"]+" data-testid="stats-too-narrow">Too narrow: over 200 symbols the lift&#x27;s interval assumes their returns are independent, while stocks move together on a date; the CLI&#x27;s patterns stats, run on their bar files, widens it for that\.<\/p>/,
    );
    expect(pooled).toMatch(
      /<table class="stats-table" aria-describedby="([^"]+)">.*<p class="hint" id="\1"/s,
    );
    expect(pooled).toContain('data-edge="maybeEdge"');
    expect(pooled).not.toContain('data-edge="edge"');
    // Within chance: still no edge, its words saying the interval they quote is too narrow.
    const chance = renderToStaticMarkup(
      <StatsTable rows={[hs]} where="on all symbols" caption="c" symbols={2} />,
    );
    expect(chance).toMatch(
      /data-edge="noEdge"[^>]*>No edge: how often .* within chance of any bar \(lift −2\.2 points, likely between −12\.3 points and \+8\.9 points\), but over 2 symbols that interval is too narrow: it assumes their returns are independent/,
    );
    // One symbol (or a pool of one series): as before, no mark, no note, an edge.
    for (const alone of [
      <StatsTable key="one" rows={rows} where="on SPX" caption="c" />,
      <StatsTable key="pool of one" rows={rows} where="on all symbols" caption="c" symbols={1} />,
    ]) {
      const html = renderToStaticMarkup(alone);
      expect(html).toContain(
        '<td data-label="Lift (10 bars)">+7.2 points, likely between +6.5 and +8.0</td>',
      );
      expect(html).not.toContain("too narrow");
      expect(html).not.toContain("aria-describedby");
      expect(html).toContain('data-edge="edge"');
    }
  });

  it("names in the success column's heading which successes it counts: targets after a breakout the pattern's way", () => {
    // The rows mix codes that claim a direction with codes that claim none, and the evidence card's target bar
    // counts targets whichever way the breakout went: a bare "Success rate" left the reader to guess which.
    const html = renderToStaticMarkup(
      <StatsTable rows={[hs, evidenceFigures("RTOP", downFigures(2, 0))]} where="on SPX" caption="c" />,
    );
    const label = "Success rate (target after a breakout in the pattern&#x27;s direction)";
    expect(html).toContain(`<button type="button" class="sort">${label}<span aria-hidden="true"></span>`);
    // At phone width each cell shows its column's label: the same words.
    expect(html).toContain(`<td data-label="${label}">25% of 79 (17%–36%)</td>`);
  });

  it("asks with labelled controls, and names whose history it is", () => {
    const html = renderToStaticMarkup(<StatsForm query={{ interval: "1d" }} onAsk={() => {}} />);
    expect(labelledControls(html)).toEqual(["Symbol", "Interval", "Pattern", "As of"]);
    expect(statsWhere({ interval: "1d" })).toBe("on all symbols");
    expect(statsWhere({ symbol: "SPX", interval: "1d" })).toBe("on SPX");
  });
});
