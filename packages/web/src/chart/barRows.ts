// Bars as the API may answer them: objects `{ time, close, … }`, or the compact `[time, close, volume?]`
// tuples the workflow carries. Anything else is left out rather than drawn wrong.
import type { Bar } from "../api/types";

function finite(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function oneBar(row: unknown): Bar | undefined {
  if (Array.isArray(row)) {
    const [time, close, volume] = row as unknown[];
    const price = finite(close);
    if ((typeof time !== "string" && typeof time !== "number") || price === undefined) return undefined;
    return { time: String(time), close: price, volume: finite(volume) };
  }
  if (typeof row !== "object" || row === null) return undefined;
  const bar = row as Record<string, unknown>;
  const close = finite(bar.close);
  if ((typeof bar.time !== "string" && typeof bar.time !== "number") || close === undefined) return undefined;
  return {
    time: String(bar.time),
    close,
    open: finite(bar.open),
    high: finite(bar.high),
    low: finite(bar.low),
    volume: finite(bar.volume),
  };
}

/**
 * The readable bars of an API answer, in their order.
 * @example barRows([["2000-01-03", 1455.2], { time: "2000-01-04", close: 1399.4 }]).length // 2
 */
export function barRows(rows: unknown): Bar[] {
  if (!Array.isArray(rows)) return [];
  return rows.flatMap((row) => {
    const bar = oneBar(row);
    return bar ? [bar] : [];
  });
}
