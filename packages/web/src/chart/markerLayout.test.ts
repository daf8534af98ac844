// Where the chart's markers go so that no two meet and no text is written over a candle.
import { describe, expect, it } from "vitest";
import { ARROW_SIZE, MARKER_GAP, overflow, placeMarkers, TEXT_LINE } from "./markerLayout";

/** A marker's whole height: the gap to its price, its arrow, the gap to its text and the text's line. */
const TALL = MARKER_GAP + ARROW_SIZE + MARKER_GAP + TEXT_LINE;

describe("placeMarkers", () => {
  it("sets a marker's arrow just past its price and its text just past the arrow, centred on its bar", () => {
    expect(TALL).toBeCloseTo(32.4);
    const [below, above] = placeMarkers(
      [
        { x: 50, y: 100, side: "below", width: 14 },
        { x: 150, y: 100, side: "above", width: 14 },
      ],
      300,
    );
    // In place, no stem.
    expect(below).toStrictEqual({ tip: 103, text: { x: 50, y: 125.2 }, top: 103, bottom: 132.4 });
    expect(above).toStrictEqual({ tip: 97, text: { x: 150, y: 74.8 }, top: 67.6, bottom: 97 });
  });

  it("moves a maximum's name up past one it would meet (E2 and E4 four bars apart at 375 px)", () => {
    const [e2, e4] = placeMarkers(
      [
        { x: 54, y: 120, side: "above", width: 14 },
        { x: 66, y: 123, side: "above", width: 14 },
      ],
      300,
    );
    expect(e2?.tip).toBe(117);
    // Past E2's text, the top of what it meets, by the gap.
    expect(e4?.tip).toBe(e2 ? e2.top - MARKER_GAP : Number.NaN);
  });

  it("moves the breakout's marker under the band down past the extrema's names it would meet, and no further", () => {
    const band = 200;
    const [e3, e5, breakout] = placeMarkers(
      [
        { x: 60, y: 196, side: "below", width: 14 },
        { x: 75, y: 190, side: "below", width: 14 },
        { x: 91, y: band, side: "below", width: 71 },
      ],
      300,
    );
    expect(e3?.tip).toBe(199);
    expect(e5?.tip).toBe(193);
    expect(breakout?.tip).toBe((e3?.bottom ?? Number.NaN) + MARKER_GAP);
    expect(breakout?.stem).toEqual({ from: band + MARKER_GAP, to: breakout?.tip });
    // Far from them, it keeps its place.
    const [, alone] = placeMarkers(
      [
        { x: 60, y: 196, side: "below", width: 14 },
        { x: 200, y: band, side: "below", width: 71 },
      ],
      300,
    );
    expect(alone?.tip).toBe(band + MARKER_GAP);
  });

  it("leaves markers on either side of close prices in place while they do not meet", () => {
    const places = placeMarkers(
      [
        { x: 50, y: 100, side: "above", width: 14 },
        { x: 52, y: 100, side: "below", width: 14 },
      ],
      300,
    );
    expect(places.map((place) => place.tip)).toEqual([97, 103]);
  });

  it("moves a maximum's name up past a taller neighbour's candle its text would be written over", () => {
    // E5 on its bar at x 60, high at 120; the next bar, 5 px on, reaches 100. Its text (53 to 67) meets it.
    const neighbour = { left: 62.5, right: 67.5, top: 100, bottom: 140 };
    const [e5] = placeMarkers([{ x: 60, y: 120, side: "above", width: 14 }], 300, [neighbour]);
    expect(e5?.tip).toBe(neighbour.top - MARKER_GAP);
    // Its stem joins its price to its arrow, 20 px up, so it still points at its own bar.
    expect(e5?.stem).toEqual({ from: 120 - MARKER_GAP, to: neighbour.top - MARKER_GAP });
    expect(e5?.bottom).toBe(120 - MARKER_GAP);
    // Two bars on, the same candle is clear of the text: the name keeps its place.
    const [clear] = placeMarkers([{ x: 60, y: 120, side: "above", width: 14 }], 300, [
      { ...neighbour, left: 67.5, right: 72.5 },
    ]);
    expect(clear?.tip).toBe(117);
    expect(clear?.stem).toBeUndefined();
  });

  it("moves a minimum's name down past a lower neighbour, and past the markers placed before it as well", () => {
    // E2's low at 200; the bar before it, 5 px to the left, reaches 230.
    const lower = { left: 42.5, right: 47.5, top: 150, bottom: 230 };
    const [e2, e4] = placeMarkers(
      [
        { x: 50, y: 200, side: "below", width: 14 },
        { x: 58, y: 215, side: "below", width: 14 },
      ],
      300,
      [lower],
    );
    expect(e2?.tip).toBe(lower.bottom + MARKER_GAP);
    // E4's text, clear of the candle, would meet E2's arrow where E2 moved to: it goes past E2.
    expect(e4?.tip).toBe((e2?.bottom ?? Number.NaN) + MARKER_GAP);
  });

  it("lets a marker's arrow point into its own candle: only its text keeps off the candles", () => {
    // The breakout's arrow points up at the band's edge, inside its bar's candle; its text is under the candle.
    const own = { left: 57.5, right: 62.5, top: 80, bottom: 110 };
    const [breakout] = placeMarkers([{ x: 60, y: 100, side: "below", width: 71 }], 300, [own]);
    expect(breakout?.tip).toBe(103);
  });

  it("moves a text that would run past the pane's edge just inside it, its arrow still on its bar", () => {
    const [first, last] = placeMarkers(
      [
        { x: 2, y: 100, side: "below", width: 14 },
        { x: 290, y: 100, side: "above", width: 40 },
      ],
      300,
    );
    expect(first?.text.x).toBe(7);
    expect(last?.text.x).toBe(280);
  });
});

describe("overflow", () => {
  it("says how far the markers run past the pane's top and bottom", () => {
    const places = placeMarkers(
      [
        { x: 50, y: 20, side: "above", width: 14 },
        { x: 90, y: 190, side: "below", width: 14 },
      ],
      300,
    );
    expect(overflow(places, 200)).toEqual({ above: 32.4 - 20, below: 190 + 32.4 - 200 });
    expect(overflow(places, 240)).toEqual({ above: 32.4 - 20, below: 0 });
  });
});
