// The alert's chart: candles of the bars around the pattern, the extrema marked and joined by a line, and
// once the stream follows the detection, its ceiling, floor and target as levels and its breakout bar marked.
import {
  type AutoscaleInfoProvider,
  type BarPrice,
  CandlestickSeries,
  ColorType,
  createChart,
  type ISeriesApi,
  LineSeries,
  LineStyle,
  type TickMarkType,
  type Time,
  type UTCTimestamp,
} from "lightweight-charts";
import { useEffect, useMemo, useRef } from "react";
import type { Bar, Extremum, Outcome } from "../api/types";
import { writtenAsDate } from "../ui/format";
import { axisLabelCoordinates } from "./axisLabels";
import {
  chartTimeLabel,
  emptySlotTimes,
  extremaLine,
  extremaMarkers,
  lifecycleMarkers,
  markerBand,
  priceLevels,
  toCandles,
  withEmptySlots,
} from "./chartData";
import { CHART_FONT_SIZE, textWidths } from "./chartFont";
import { chartLocale } from "./chartLocale";
import { MarkerLayer } from "./markerLayer";
import { clearedTicks, LABEL_CLEARANCE } from "./priceTicks";
import { slotTickLabel } from "./slotTicks";

/** Props: the bars to draw, the detection's extrema and outcome; `label` describes the chart for screen readers. */
export interface PatternChartProps {
  bars: readonly Bar[];
  /** The series' interval ("1d", "1h"): its bars' times are labelled as every page writes them. */
  interval: string;
  extrema: readonly Extremum[];
  outcome?: Outcome;
  label: string;
  /** The times of bars drawn after bars no source holds: the chart leaves an empty slot before each. */
  breaks?: readonly string[];
}

const COLORS = {
  up: "#1a7f4b",
  down: "#c0392b",
  line: "#1f5fbf",
  text: "#1d2430",
  grid: "#e8ebf0",
  ceiling: "#6b4fbb",
  floor: "#6b4fbb",
  target: "#b7661a",
  event: "#1d2430",
};

const NO_BREAKS: readonly string[] = [];

/** Half the widest time tick's label ("2000", "12:00"), at least that much room right of the last bar. */
const TICK_HALF_WIDTH = CHART_FONT_SIZE * 1.5;

/**
 * What the library's box adds to a level's name, which it writes against the pane's right edge: its border
 * (1 px), padding either side of the text and a tick's length (5 px each at 12 px).
 */
const LEVEL_BOX_PADDING = 1 + 3 * 5 * (CHART_FONT_SIZE / 12);

/**
 * The pixels kept right of the last bar, as the page's canvas measures texts: half the widest of the
 * `markers`' texts (centred on their bar) and 2 px of air, the widest level name's box and 2 px of air (so no
 * name is written over a candle), and never less than half a time tick's label.
 */
function rightMargin(markers: readonly string[], levelNames: readonly string[]): number {
  const widest = (texts: readonly string[]) => Math.ceil(Math.max(0, ...textWidths(texts)));
  const names = levelNames.length > 0 ? widest(levelNames) + LEVEL_BOX_PADDING + 2 : 0;
  return Math.max(TICK_HALF_WIDTH, Math.ceil(widest(markers) / 2) + 2, names);
}

/** Draws the chart into a div that fills its container's width. */
export function PatternChart({
  bars,
  interval,
  extrema,
  outcome,
  label,
  breaks = NO_BREAKS,
}: PatternChartProps) {
  const container = useRef<HTMLDivElement>(null);
  // Computed here, not in the effect, so the data- attributes report what is drawn (one candle per time).
  const candleData = useMemo(() => toCandles(bars), [bars]);
  const levels = useMemo(() => (outcome ? priceLevels(outcome) : []), [outcome]);
  const events = useMemo(
    () =>
      outcome
        ? lifecycleMarkers(
            outcome,
            new Set(candleData.map((candle) => candle.time)),
            markerBand(candleData, levels),
          )
        : [],
    [outcome, candleData, levels],
  );

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    // Intraday bars show their time on the axis and under the crosshair, written as the page's other times.
    const intraday = !writtenAsDate(interval);
    const slots = emptySlotTimes(breaks);
    // The series that holds the levels (the candles, or the extrema's line without bars), set once added.
    let marked: ISeriesApi<"Candlestick" | "Line"> | undefined;
    // The axis writes labels of its own, where the chart adds them: the last close's first, then each level's.
    const lastClose = candleData.at(-1)?.close;
    const axisLabels = (series: ISeriesApi<"Candlestick" | "Line">, axisHeight: number) => {
      const close = lastClose === undefined ? null : series.priceToCoordinate(lastClose);
      const coordinates = [close, ...levels.map((level) => series.priceToCoordinate(level.price))];
      return axisLabelCoordinates(
        coordinates.filter((coordinate) => coordinate !== null),
        close ?? 0,
        LABEL_CLEARANCE,
        axisHeight,
      );
    };
    const markerTexts = [...extremaMarkers(extrema), ...events].map((marker) => marker.text);
    const chart = createChart(element, {
      autoSize: true,
      // The library's own logo is a link inside the chart, which is one image to a screen reader: a tab stop
      // there reads as nothing. Its licence's link to TradingView is given beside the chart instead.
      layout: {
        background: { type: ColorType.Solid, color: "#ffffff" },
        textColor: COLORS.text,
        fontSize: CHART_FONT_SIZE,
        attributionLogo: false,
      },
      grid: { vertLines: { color: COLORS.grid }, horzLines: { color: COLORS.grid } },
      localization: {
        locale: chartLocale(),
        timeFormatter: (time: UTCTimestamp) => chartTimeLabel(time, interval, slots),
        // A tick under a level's or the last close's label, where the axis draws it, is left unlabelled: half
        // hidden, it was unreadable.
        tickmarksPriceFormatter: (prices: BarPrice[]) => {
          // No ticks come before a series is added; should one, it is labelled as is.
          if (!marked) return prices.map(String);
          const series = marked;
          const labels = series.priceFormatter().formatTickmarks(prices);
          const height = chart.paneSize().height;
          return clearedTicks(
            prices.map((price: BarPrice, index: number) => ({
              coordinate: series.priceToCoordinate(price),
              label: labels[index] ?? "",
            })),
            axisLabels(series, height),
            height,
          );
        },
      },
      timeScale: {
        borderVisible: false,
        // The first tick's label is moved right to fit; without it the library centres it on its bar, and
        // at 375 px "May" lost 12 px to the axis's left edge. (Its right edge gets a margin, below.)
        fixLeftEdge: true,
        // Room right of the last bar for half the widest marker's text, centred on its bar, for the last
        // tick's label (the deciding bar 5 bars from the end showed "stalled" 2 px short at 375 px), and for
        // the levels' names, whose boxes hid the last candles on 4 alerts of 22 at 375 px.
        rightOffsetPixels: rightMargin(
          markerTexts,
          levels.map((level) => level.name),
        ),
        timeVisible: intraday,
        secondsVisible: false,
        tickMarkFormatter: (time: Time, tick: TickMarkType) =>
          typeof time === "number" ? slotTickLabel(time, slots, tick) : null,
      },
      // Room under the lowest price as over the highest (the library leaves 10% below, 20% above) for a row of
      // markers past the band, the breakout's under it; the marker layer asks for more where markers stack.
      rightPriceScale: { borderVisible: false, scaleMargins: { top: 0.2, bottom: 0.2 } },
    });
    // The price scale stretches to the levels too, so a target beyond the candles is still in view.
    const prices = levels.map((level) => level.price);
    const autoscaleInfoProvider: AutoscaleInfoProvider = (original) => {
      const info = original();
      if (!info?.priceRange || prices.length === 0) return info;
      const { minValue, maxValue } = info.priceRange;
      return {
        ...info,
        priceRange: { minValue: Math.min(minValue, ...prices), maxValue: Math.max(maxValue, ...prices) },
      };
    };
    const candles = chart.addSeries(CandlestickSeries, {
      autoscaleInfoProvider,
      upColor: COLORS.up,
      downColor: COLORS.down,
      wickUpColor: COLORS.up,
      wickDownColor: COLORS.down,
      borderVisible: false,
      priceLineVisible: false,
    });
    candles.setData(
      withEmptySlots(candleData, breaks).map((slot) => ({ ...slot, time: slot.time as UTCTimestamp })),
    );
    const line = chart.addSeries(LineSeries, {
      autoscaleInfoProvider,
      color: COLORS.line,
      lineWidth: 2,
      priceLineVisible: false,
      lastValueVisible: false,
      crosshairMarkerVisible: false,
    });
    line.setData(extremaLine(extrema).map((point) => ({ ...point, time: point.time as UTCTimestamp })));
    // Markers sit on the candles; without bars they sit on the line, so the extrema still show. The
    // extrema's are placed first, the breakout's and the deciding bar's, past the band, move out past them;
    // every text moves out past the candles it would be written over.
    marked = candleData.length > 0 ? candles : line;
    marked.attachPrimitive(
      new MarkerLayer(
        [
          ...extremaMarkers(extrema, candleData).map((marker) => ({ ...marker, color: COLORS.line })),
          ...events.map((marker) => ({ ...marker, color: COLORS.event })),
        ],
        candleData,
      ),
    );
    for (const level of levels) {
      marked.createPriceLine({
        price: level.price,
        color: COLORS[level.name],
        lineWidth: 1,
        lineStyle: level.name === "target" ? LineStyle.Dashed : LineStyle.Solid,
        axisLabelVisible: true,
        title: level.name,
      });
    }
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [candleData, interval, extrema, levels, events, breaks]);

  return (
    <>
      <div
        className="pattern-chart"
        ref={container}
        role="img"
        aria-label={label}
        data-testid="pattern-chart"
        data-candles={candleData.length}
        data-breaks={breaks.join(" ") || undefined}
        data-extrema={extrema.length}
        data-levels={levels.map((level) => level.name).join(" ") || undefined}
        data-events={events.map((marker) => marker.text).join(", ") || undefined}
      />
      <p className="hint chart-maker">
        Chart drawn with <a href="https://www.tradingview.com/">TradingView Lightweight Charts</a>.
      </p>
    </>
  );
}
