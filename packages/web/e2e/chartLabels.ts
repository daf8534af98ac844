// The chart draws its labels (price and time ticks, levels, markers) on canvases, which have no boxes to
// measure: a script put into the page before the console's records each text drawn, with its ink box from
// the canvas's own measureText and transform, so a test can tell when two labels cover each other.
import type { Page } from "playwright-core";

/** A label as drawn: its text and its box in the page's CSS pixels. */
export interface LabelBox {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

declare global {
  interface Window {
    /** The labels drawn on the canvases under `root`, as of each canvas's last full redraw. */
    chartLabels?: (root: Element) => LabelBox[];
  }
}

/** Runs in the page before its scripts: wraps the 2D context's fillText, and forgets a canvas's texts when it is cleared whole. */
function recordLabels() {
  type Drawn = { text: string; x0: number; x1: number; y0: number; y1: number };
  const drawn = new Map<HTMLCanvasElement, Drawn[]>();
  const context = CanvasRenderingContext2D.prototype;
  const coversCanvas = (ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number) => {
    const t = ctx.getTransform();
    return (
      t.a * x + t.e <= 0 &&
      t.d * y + t.f <= 0 &&
      t.a * (x + w) + t.e >= ctx.canvas.width &&
      t.d * (y + h) + t.f >= ctx.canvas.height
    );
  };
  for (const name of ["fillRect", "clearRect"] as const) {
    const original = context[name];
    context[name] = function (this: CanvasRenderingContext2D, x: number, y: number, w: number, h: number) {
      if (coversCanvas(this, x, y, w, h)) drawn.set(this.canvas as HTMLCanvasElement, []);
      original.call(this, x, y, w, h);
    };
  }
  const fillText = context.fillText;
  context.fillText = function (
    this: CanvasRenderingContext2D,
    text: string,
    x: number,
    y: number,
    width?: number,
  ) {
    const ink = this.measureText(text);
    const t = this.getTransform();
    const at = (px: number, py: number): [number, number] => [
      t.a * px + t.c * py + t.e,
      t.b * px + t.d * py + t.f,
    ];
    const [ax, ay] = at(x - ink.actualBoundingBoxLeft, y - ink.actualBoundingBoxAscent);
    const [bx, by] = at(x + ink.actualBoundingBoxRight, y + ink.actualBoundingBoxDescent);
    const canvas = this.canvas as HTMLCanvasElement;
    const list = drawn.get(canvas) ?? [];
    list.push({
      text: String(text),
      x0: Math.min(ax, bx),
      x1: Math.max(ax, bx),
      y0: Math.min(ay, by),
      y1: Math.max(ay, by),
    });
    drawn.set(canvas, list);
    if (width === undefined) fillText.call(this, text, x, y);
    else fillText.call(this, text, x, y, width);
  };
  window.chartLabels = (root) =>
    [...drawn].flatMap(([canvas, list]) => {
      if (!canvas.isConnected || !root.contains(canvas)) return [];
      const box = canvas.getBoundingClientRect();
      const sx = box.width / canvas.width;
      const sy = box.height / canvas.height;
      return list.map((label) => ({
        text: label.text,
        left: box.left + label.x0 * sx,
        right: box.left + label.x1 * sx,
        top: box.top + label.y0 * sy,
        bottom: box.top + label.y1 * sy,
      }));
    });
}

/** Records the labels every chart of the page draws from now on; call before the page loads. */
export async function recordChartLabels(page: Page): Promise<void> {
  await page.addInitScript(recordLabels);
}

/**
 * The labels the alert's chart draws, each once (the library draws a level's name twice in one place), and
 * every pair of them whose ink boxes cover each other, as "a × b".
 */
export async function chartLabelOverlaps(page: Page): Promise<{ labels: LabelBox[]; overlaps: string[] }> {
  const all = await page.getByTestId("pattern-chart").evaluate((chart) => window.chartLabels?.(chart) ?? []);
  const seen = new Set<string>();
  const labels = all.filter((label) => {
    const key = [label.text, ...[label.left, label.right, label.top, label.bottom].map(Math.round)].join(" ");
    if (label.text.trim() === "" || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const overlaps: string[] = [];
  labels.forEach((a, i) => {
    for (const b of labels.slice(i + 1))
      if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
        overlaps.push(`${a.text} × ${b.text}`);
  });
  return { labels, overlaps };
}
