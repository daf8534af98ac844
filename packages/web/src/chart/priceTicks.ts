// The price axis draws a level's label (ceiling, floor, target) and the last price's over its tick labels,
// which the library does not move aside: at 375 px a tick such as "1400.00" showed half under "1419.89".
// A tick that near a label is left unlabelled; its grid line stays. So is one so near the axis's top or bottom
// that the canvas cut its text (a "1700.00" 2 px short of its top at 375 px).
import { CHART_FONT_SIZE } from "./chartFont";

/**
 * How far from a label's price a tick's label is left blank, in pixels: the height of an axis label (its
 * text and the library's padding of 2.5 px per 12 px above and below), so the tick's text, about 9 px high,
 * keeps clear of the label's box. A label the library pushed off its price (a floor beside the last close) is
 * cleared where it is drawn (see axisLabels).
 */
export const LABEL_CLEARANCE = CHART_FONT_SIZE * (1 + (2 * 2.5) / 12);

/** How near the axis's ends a tick's label is left blank: half a text line, the part of its ink above or below it. */
export const EDGE_CLEARANCE = CHART_FONT_SIZE / 2;

/**
 * The ticks' labels, each blank where a label of the axis sits within the clearance of it, or where it sits
 * within EDGE_CLEARANCE of the axis's top (0) or bottom (`height`). Coordinates are the chart's (pixels from
 * the top); one it cannot place (null) keeps its label.
 * @example clearedTicks([{ coordinate: 100, label: "1400.00" }, { coordinate: 160, label: "1500.00" }], [108], 300)
 * // ["", "1500.00"]
 * @example clearedTicks([{ coordinate: 3, label: "1700.00" }], [], 300) // [""]
 */
export function clearedTicks(
  ticks: readonly { coordinate: number | null; label: string }[],
  labelled: readonly (number | null)[],
  height: number,
  clearance = LABEL_CLEARANCE,
): string[] {
  const taken = labelled.filter((coordinate) => coordinate !== null);
  const cut = (at: number) => at < EDGE_CLEARANCE || at > height - EDGE_CLEARANCE;
  return ticks.map(({ coordinate, label }) =>
    coordinate !== null && (cut(coordinate) || taken.some((at) => Math.abs(at - coordinate) < clearance))
      ? ""
      : label,
  );
}
