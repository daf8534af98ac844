// The chart's markers (the extrema's names, the breakout and the deciding bar), drawn by a layer of the chart's
// own where markerLayout puts them, so no two texts meet and none is written over a candle. Past the band the
// scale's margins leave room for a row of markers; where they stack further, the layer asks the scale for the
// pixels they need before it draws.
import type {
  AutoscaleInfo,
  IPrimitivePaneRenderer,
  IPrimitivePaneView,
  ISeriesPrimitive,
  Logical,
  SeriesAttachedParameter,
  Time,
  UTCTimestamp,
} from "lightweight-charts";
import type { Candle, ChartMarker } from "./chartData";
import { CHART_FONT, textWidths } from "./chartFont";
import {
  ARROW_SIZE,
  type Box,
  type MarkerPlace,
  type MarkerRequest,
  overflow,
  placeMarkers,
} from "./markerLayout";

/** A marker and the colour it is drawn in. */
export type DrawnMarker = ChartMarker & { color: string };

type Target = Parameters<IPrimitivePaneRenderer["draw"]>[0];
type Context = CanvasRenderingContext2D;

/**
 * Draws `markers` on the series it is attached to, placed by placeMarkers in their order (earlier ones keep
 * their place), their texts off the `candles` the series draws. A marker whose bar is out of view is left out.
 * @example series.attachPrimitive(new MarkerLayer([{ time, side: "above", price: 1500, text: "E1", color: "#1f5fbf" }], candles))
 */
export class MarkerLayer implements ISeriesPrimitive<Time> {
  private chart?: SeriesAttachedParameter<Time>;
  /** Pixels asked of the scale past the band, above and below it: only ever grown, so the layout settles. */
  private room = { above: 0, below: 0 };
  /** The room the scale was last laid out with (the chart may ask for the markers twice in one frame). */
  private laidOut = this.room;
  private readonly widths: readonly number[];
  private readonly views: readonly IPrimitivePaneView[];

  constructor(
    private readonly markers: readonly DrawnMarker[],
    private readonly candles: readonly Candle[] = [],
  ) {
    this.widths = textWidths(markers.map((marker) => marker.text));
    this.views = [{ renderer: () => this.renderer() }];
  }

  attached(param: SeriesAttachedParameter<Time>): void {
    this.chart = param;
  }

  detached(): void {
    this.chart = undefined;
  }

  paneViews(): readonly IPrimitivePaneView[] {
    return this.views;
  }

  autoscaleInfo(): AutoscaleInfo {
    this.laidOut = this.room;
    return { priceRange: null, margins: { ...this.room } };
  }

  /** The markers placed at the chart's current scale, or none while the scale makes the room they need. */
  private renderer(): IPrimitivePaneRenderer | null {
    if (!this.chart) return null;
    const { chart, series, requestUpdate } = this.chart;
    const pane = chart.paneSize();
    const shown: { marker: DrawnMarker; request: MarkerRequest }[] = [];
    this.markers.forEach((marker, index) => {
      const x = chart.timeScale().timeToCoordinate(marker.time as UTCTimestamp);
      const y = series.priceToCoordinate(marker.price);
      if (x === null || y === null || x < 0 || x > pane.width) return;
      shown.push({ marker, request: { x, y, side: marker.side, width: this.widths[index] ?? 0 } });
    });
    const places = placeMarkers(
      shown.map(({ request }) => request),
      pane.width,
      this.candleBoxes(pane.width),
    );
    const short = overflow(places, pane.height);
    // Whole pixels and one more: the band's edge moves by what is added, but a marker pushed past an extremum's
    // name moves with that bar, a little less as the band narrows; asked exactly, the room took 14 frames.
    const more = (by: number) => (by > 0 ? Math.ceil(by) + 1 : 0);
    const needed = {
      above: this.laidOut.above + more(short.above),
      below: this.laidOut.below + more(short.below),
    };
    // Never more than half the pane in margins: past that the markers are drawn as they fall.
    if (short.above + short.below > 0 && needed.above + needed.below <= pane.height / 2) {
      if (needed.above > this.room.above || needed.below > this.room.below) {
        this.room = {
          above: Math.max(this.room.above, needed.above),
          below: Math.max(this.room.below, needed.below),
        };
        requestUpdate();
      }
      return null;
    }
    return {
      draw: (target: Target) =>
        target.useMediaCoordinateSpace(({ context }) => {
          context.font = CHART_FONT;
          context.textAlign = "center";
          context.textBaseline = "middle";
          shown.forEach(({ marker, request }, index) => {
            const place = places[index];
            if (!place) return;
            context.fillStyle = marker.color;
            context.strokeStyle = marker.color;
            drawStem(context, request, place);
            drawArrow(context, request, place);
            context.fillText(marker.text, place.text.x, place.text.y);
          });
        }),
    };
  }

  /**
   * The boxes of the candles in view, each its bar's slot wide (the library draws a body at most that wide,
   * and the wick inside it) from its high to its low.
   */
  private candleBoxes(paneWidth: number): Box[] {
    if (!this.chart || this.candles.length === 0) return [];
    const { chart, series } = this.chart;
    const scale = chart.timeScale();
    const spacing =
      (scale.logicalToCoordinate(1 as Logical) ?? 0) - (scale.logicalToCoordinate(0 as Logical) ?? 0);
    const half = spacing / 2;
    return this.candles.flatMap((candle) => {
      const x = scale.timeToCoordinate(candle.time as UTCTimestamp);
      const high = series.priceToCoordinate(candle.high);
      const low = series.priceToCoordinate(candle.low);
      if (x === null || high === null || low === null || x < -half || x > paneWidth + half) return [];
      return [{ left: x - half, right: x + half, top: high, bottom: low }];
    });
  }
}

/** The stem of a marker moved out from its price (placeMarkers): a dotted line on its bar, up to its arrow. */
function drawStem(context: Context, { x }: MarkerRequest, { stem }: MarkerPlace) {
  if (!stem) return;
  context.save();
  context.lineWidth = 1;
  context.setLineDash([2, 2]);
  context.beginPath();
  // Half a pixel off the bar's centre: a one-pixel line on a whole pixel, not blurred over two.
  const on = Math.round(x) + 0.5;
  context.moveTo(on, stem.from);
  context.lineTo(on, stem.to);
  context.stroke();
  context.restore();
}

/** An arrow on the marker's bar, its tip at the place's: a head as wide as it is long, and a shaft half as wide. */
function drawArrow(context: Context, { x, side }: MarkerRequest, { tip }: MarkerPlace) {
  const out = side === "below" ? 1 : -1;
  const head = ARROW_SIZE / 2;
  const shaft = ARROW_SIZE / 4;
  context.beginPath();
  context.moveTo(x, tip);
  context.lineTo(x + head, tip + out * head);
  context.lineTo(x + shaft, tip + out * head);
  context.lineTo(x + shaft, tip + out * ARROW_SIZE);
  context.lineTo(x - shaft, tip + out * ARROW_SIZE);
  context.lineTo(x - shaft, tip + out * head);
  context.lineTo(x - head, tip + out * head);
  context.closePath();
  context.fill();
}
