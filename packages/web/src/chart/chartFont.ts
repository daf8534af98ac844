// The chart's one font: the library writes its axes' labels and the levels' names in it, and the marker layer
// its texts, so every size worked out from it here follows the chart.

/** The chart's text size, set on the chart. */
export const CHART_FONT_SIZE = 12;

/** The library's default family at the chart's size. */
export const CHART_FONT = `${CHART_FONT_SIZE}px -apple-system, BlinkMacSystemFont, 'Trebuchet MS', Roboto, Ubuntu, sans-serif`;

/**
 * The widths of `texts` in the chart's font, as the page's canvas measures them (all 0 where the page has none).
 * @example textWidths(["E1", "Breakout up"]) // [14, 71] in Chromium
 */
export function textWidths(texts: readonly string[]): number[] {
  const context = document.createElement("canvas").getContext("2d");
  if (!context) return texts.map(() => 0);
  context.font = CHART_FONT;
  return texts.map((text) => context.measureText(text).width);
}
