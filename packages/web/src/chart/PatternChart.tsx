// The alert's chart: candles of the bars around the pattern, the extrema marked and joined by a line.
import {
  CandlestickSeries,
  ColorType,
  createChart,
  createSeriesMarkers,
  LineSeries,
  type UTCTimestamp,
} from "lightweight-charts";
import { useEffect, useMemo, useRef } from "react";
import type { Bar, Extremum } from "../api/types";
import { extremaLine, extremaMarkers, toCandles } from "./chartData";
import { chartLocale } from "./chartLocale";

/** Props: the bars to draw and the detection's extrema; `label` describes the chart for screen readers. */
export interface PatternChartProps {
  bars: readonly Bar[];
  extrema: readonly Extremum[];
  label: string;
}

const COLORS = { up: "#1a7f4b", down: "#c0392b", line: "#1f5fbf", text: "#1d2430", grid: "#e8ebf0" };

/** Draws the chart into a div that fills its container's width. */
export function PatternChart({ bars, extrema, label }: PatternChartProps) {
  const container = useRef<HTMLDivElement>(null);
  // Computed here, not in the effect, so data-candles reports what is drawn (one candle per distinct time).
  const candleData = useMemo(() => toCandles(bars), [bars]);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const chart = createChart(element, {
      autoSize: true,
      layout: { background: { type: ColorType.Solid, color: "#ffffff" }, textColor: COLORS.text },
      grid: { vertLines: { color: COLORS.grid }, horzLines: { color: COLORS.grid } },
      localization: { locale: chartLocale() },
      timeScale: { borderVisible: false },
      rightPriceScale: { borderVisible: false },
    });
    const candles = chart.addSeries(CandlestickSeries, {
      upColor: COLORS.up,
      downColor: COLORS.down,
      wickUpColor: COLORS.up,
      wickDownColor: COLORS.down,
      borderVisible: false,
      priceLineVisible: false,
    });
    candles.setData(candleData.map((candle) => ({ ...candle, time: candle.time as UTCTimestamp })));
    const line = chart.addSeries(LineSeries, {
      color: COLORS.line,
      lineWidth: 2,
      priceLineVisible: false,
      lastValueVisible: false,
      crosshairMarkerVisible: false,
    });
    line.setData(extremaLine(extrema).map((point) => ({ ...point, time: point.time as UTCTimestamp })));
    // Markers sit on the candles; without bars they sit on the line, so the extrema still show.
    createSeriesMarkers(
      candleData.length > 0 ? candles : line,
      extremaMarkers(extrema).map((marker) => ({
        ...marker,
        time: marker.time as UTCTimestamp,
        color: COLORS.line,
      })),
    );
    chart.timeScale().fitContent();
    return () => chart.remove();
  }, [candleData, extrema]);

  return (
    <div
      className="pattern-chart"
      ref={container}
      role="img"
      aria-label={label}
      data-testid="pattern-chart"
      data-candles={candleData.length}
      data-extrema={extrema.length}
    />
  );
}
