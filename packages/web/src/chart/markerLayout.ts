// Where the chart's markers go, in the pane's pixels. Each is an arrow pointing at a price on its bar (an
// extremum's high or low, or the band's edge for the breakout and the deciding bar) with its text past the
// arrow, centred on the bar. The library's markers stacked only on one bar, and across bars they wrote texts
// over each other (at 375 px E2 over E4, and extrema's names over "Breakout up" on 6 alerts of 22): here a
// marker that would meet one placed before it moves out, away from its bar, until it meets none. Its text
// moves out past the candles too (at 375 px E5 was written over a taller neighbour on 2 alerts of 22). One
// moved out keeps a stem from its price to its arrow, so it still points at its bar, not at the space between.
import { CHART_FONT_SIZE } from "./chartFont";

/** Pixels between the price pointed at and the arrow's tip, and between the arrow and its text. */
export const MARKER_GAP = 3;

/** The arrow's length, and its head's width. */
export const ARROW_SIZE = 12;

/** A text's line: the font's size and a tenth of it above and below. */
export const TEXT_LINE = CHART_FONT_SIZE * 1.2;

/** A marker to place. */
export interface MarkerRequest {
  /** Its bar's centre, in pixels from the pane's left. */
  x: number;
  /** The price it points at, in pixels from the pane's top. */
  y: number;
  /** Above the price, pointing down at it, or below, pointing up. */
  side: "above" | "below";
  /** Its text's width in pixels. */
  width: number;
}

/**
 * Where a marker is drawn: its arrow's tip, its text's centre and how far up and down it reaches; for one
 * moved out from its price, the stem that joins them (`from` just past the price, `to` the tip).
 */
export interface MarkerPlace {
  tip: number;
  text: { x: number; y: number };
  top: number;
  bottom: number;
  stem?: { from: number; to: number };
}

/** A rectangle in the pane's pixels: a marker's arrow or text, or a candle from its high to its low. */
export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The arrow's box and the text's of a marker whose tip is at `tip` and text centred at `textX`. */
function boxesOf({ x, side, width }: MarkerRequest, tip: number, textX: number): [Box, Box] {
  const out = side === "below" ? 1 : -1;
  const span = (from: number, to: number) => ({ top: Math.min(from, to), bottom: Math.max(from, to) });
  const textFrom = tip + out * (ARROW_SIZE + MARKER_GAP);
  return [
    { left: x - ARROW_SIZE / 2, right: x + ARROW_SIZE / 2, ...span(tip, tip + out * ARROW_SIZE) },
    { left: textX - width / 2, right: textX + width / 2, ...span(textFrom, textFrom + out * TEXT_LINE) },
  ];
}

const meets = (a: Box, b: Box) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * The places of `markers` in a pane `paneWidth` wide, in their order: each as near its price as it can go
 * without its arrow or text meeting an earlier one's, nor its text one of `candles`, moving out (up above its
 * price, down below it) past what it meets. Its arrow may meet a candle: it points into its own. A text is
 * centred on its bar, or moved just inside the pane where centred it would run past an edge.
 * @example placeMarkers([{ x: 50, y: 100, side: "below", width: 14 }], 300)[0] // { tip: 103, text: { x: 50, y: 125.2 }, top: 103, bottom: 132.4 }
 * @example placeMarkers([{ x: 50, y: 100, side: "above", width: 14 }], 300, [{ left: 52, right: 58, top: 70, bottom: 120 }])[0].tip // 67
 */
export function placeMarkers(
  markers: readonly MarkerRequest[],
  paneWidth: number,
  candles: readonly Box[] = [],
): MarkerPlace[] {
  const taken: Box[] = [];
  return markers.map((marker) => {
    const out = marker.side === "below" ? 1 : -1;
    const textX = Math.min(Math.max(marker.x, marker.width / 2), paneWidth - marker.width / 2);
    const near = marker.y + out * MARKER_GAP;
    let tip = near;
    // Each box met is passed for good (the tip only moves out, to past the box: a candle the text meets
    // reaches past the tip), so this ends within one pass per box.
    for (;;) {
      const [arrow, text] = boxesOf(marker, tip, textX);
      const met =
        taken.find((box) => meets(arrow, box) || meets(text, box)) ?? candles.find((box) => meets(text, box));
      if (!met) break;
      tip = out === 1 ? met.bottom + MARKER_GAP : met.top - MARKER_GAP;
    }
    const boxes = boxesOf(marker, tip, textX);
    taken.push(...boxes);
    const [arrow, text] = boxes;
    return {
      tip,
      text: { x: textX, y: (text.top + text.bottom) / 2 },
      top: Math.min(arrow.top, text.top, near),
      bottom: Math.max(arrow.bottom, text.bottom, near),
      ...(tip !== near && { stem: { from: near, to: tip } }),
    };
  });
}

/**
 * How many pixels the placed markers run past the pane's top (above) and bottom (below) `paneHeight` high.
 * @example overflow([{ tip: 3, text: { x: 50, y: -20 }, top: -27, bottom: 3 }], 200) // { above: 27, below: 0 }
 */
export function overflow(
  places: readonly MarkerPlace[],
  paneHeight: number,
): { above: number; below: number } {
  return {
    above: Math.max(0, ...places.map((place) => -place.top)),
    below: Math.max(0, ...places.map((place) => place.bottom - paneHeight)),
  };
}
