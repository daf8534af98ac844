// The chart draws its labels (price and time ticks, levels, markers) on canvases, which have no boxes to
// measure: a script put into the page before the console's records each text drawn, with its ink box from
// the canvas's own measureText and transform, so a test can tell when two labels cover each other, when one
// is cut off by its canvas's edge, and when one is written over the candles.
import type { Page } from "playwright-core";

/** A box in the page's CSS pixels. */
export interface Box {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** A label as drawn: its text and its ink's box. */
export interface LabelBox extends Box {
  text: string;
  /** The box of the canvas it was drawn on: what falls outside is not shown. */
  canvas: Box;
  /**
   * The rounded box the label is written on, as a level's name or an axis label is (its text's colour on the
   * level's), which hides more than the text's ink: none for a marker's text or a tick's.
   */
  plate?: Box;
  /** How many of the candles' rectangles (bodies and wicks) drawn before it on its canvas it, or its plate, covers. */
  overBars: number;
}

/** A dashed vertical line as drawn (a moved marker's stem), in the page's CSS pixels. */
export interface StemLine {
  x: number;
  top: number;
  bottom: number;
  /** How many of the candles' rectangles drawn before it on its canvas it crosses. */
  overBars: number;
}

declare global {
  interface Window {
    /** The labels drawn on the canvases under `root`, as of each canvas's last full redraw. */
    chartLabels?: (root: Element) => LabelBox[];
    /** The dashed vertical lines drawn on the canvases under `root`, as of each canvas's last full redraw. */
    chartStems?: (root: Element) => StemLine[];
  }
}

/**
 * Runs in the page before its scripts: wraps the 2D context's fillText, and its fillRect, with which the
 * library fills candles (bodies and wicks; grid, lines, arrows and label boxes are paths), and its roundRect,
 * with which it traces a label's box, and forgets a canvas's texts and rectangles when it is cleared whole.
 * A path of one vertical segment stroked dashed (a moved marker's stem) is kept too.
 */
function recordLabels() {
  type Box = { x0: number; x1: number; y0: number; y1: number };
  type Canvas = {
    background: string | null;
    rects: Box[];
    texts: (Box & { text: string; overBars: number; plate?: Box })[];
    stems?: (Box & { overBars: number })[];
    /** The last rounded rectangle traced: the box of the label written next, if it holds the text. */
    rounded?: Box;
  };
  const drawn = new Map<HTMLCanvasElement, Canvas>();
  const context = CanvasRenderingContext2D.prototype;
  const at = (ctx: CanvasRenderingContext2D, px: number, py: number): [number, number] => {
    const t = ctx.getTransform();
    return [t.a * px + t.c * py + t.e, t.b * px + t.d * py + t.f];
  };
  const boxOf = (ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number): Box => {
    const [ax, ay] = at(ctx, x0, y0);
    const [bx, by] = at(ctx, x1, y1);
    return { x0: Math.min(ax, bx), x1: Math.max(ax, bx), y0: Math.min(ay, by), y1: Math.max(ay, by) };
  };
  const record = (ctx: CanvasRenderingContext2D) => {
    const canvas = ctx.canvas as HTMLCanvasElement;
    const found = drawn.get(canvas) ?? { background: null, rects: [], texts: [] };
    drawn.set(canvas, found);
    return found;
  };
  for (const name of ["fillRect", "clearRect"] as const) {
    const original = context[name];
    context[name] = function (this: CanvasRenderingContext2D, x: number, y: number, w: number, h: number) {
      const box = boxOf(this, x, y, x + w, y + h);
      const canvas = this.canvas;
      if (box.x0 <= 0 && box.y0 <= 0 && box.x1 >= canvas.width && box.y1 >= canvas.height) {
        const background = name === "fillRect" ? String(this.fillStyle) : null;
        drawn.set(canvas as HTMLCanvasElement, { background, rects: [], texts: [] });
      } else if (name === "fillRect" && String(this.fillStyle) !== record(this).background) {
        record(this).rects.push(box);
      }
      original.call(this, x, y, w, h);
    };
  }
  const roundRect = context.roundRect;
  context.roundRect = function (
    this: CanvasRenderingContext2D,
    x: number,
    y: number,
    w: number,
    h: number,
    radii,
  ) {
    record(this).rounded = boxOf(this, x, y, x + w, y + h);
    roundRect.call(this, x, y, w, h, radii);
  };
  const meets = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
  // The path being traced, as canvas pixels, while it is one segment (moveTo then lineTo).
  const traced = new WeakMap<CanvasRenderingContext2D, [number, number][]>();
  const { beginPath, moveTo, lineTo, stroke } = context;
  context.beginPath = function (this: CanvasRenderingContext2D) {
    traced.set(this, []);
    beginPath.call(this);
  };
  context.moveTo = function (this: CanvasRenderingContext2D, x: number, y: number) {
    traced.set(this, [at(this, x, y)]);
    moveTo.call(this, x, y);
  };
  context.lineTo = function (this: CanvasRenderingContext2D, x: number, y: number) {
    traced.get(this)?.push(at(this, x, y));
    lineTo.call(this, x, y);
  };
  context.stroke = function (this: CanvasRenderingContext2D, ...path: [Path2D?]) {
    const [from, to, ...more] = traced.get(this) ?? [];
    if (path.length === 0 && from && to && more.length === 0 && this.getLineDash().length > 0) {
      if (Math.abs(from[0] - to[0]) < 0.01) {
        const canvas = record(this);
        const half = this.lineWidth / 2;
        const line = {
          x0: from[0] - half,
          x1: from[0] + half,
          y0: Math.min(from[1], to[1]),
          y1: Math.max(from[1], to[1]),
        };
        const overBars = canvas.rects.filter((rect) => meets(rect, line)).length;
        canvas.stems = [...(canvas.stems ?? []), { ...line, overBars }];
      }
    }
    stroke.call(this, ...(path as [Path2D]));
  };
  const holds = (a: Box, b: Box) => a.x0 <= b.x0 && b.x1 <= a.x1 && a.y0 <= b.y0 && b.y1 <= a.y1;
  const fillText = context.fillText;
  context.fillText = function (
    this: CanvasRenderingContext2D,
    text: string,
    x: number,
    y: number,
    width?: number,
  ) {
    const ink = this.measureText(text);
    const box = boxOf(
      this,
      x - ink.actualBoundingBoxLeft,
      y - ink.actualBoundingBoxAscent,
      x + ink.actualBoundingBoxRight,
      y + ink.actualBoundingBoxDescent,
    );
    const canvas = record(this);
    const plate = canvas.rounded && holds(canvas.rounded, box) ? canvas.rounded : undefined;
    const covering = plate ?? box;
    // A rectangle that holds the text whole is its label's box, not a bar it is written over.
    const overBars = canvas.rects.filter((rect) => meets(rect, covering) && !holds(rect, box)).length;
    canvas.texts.push({ text: String(text), overBars, plate, ...box });
    if (width === undefined) fillText.call(this, text, x, y);
    else fillText.call(this, text, x, y, width);
  };
  /** Each canvas under `root` with what was drawn on it, and how a box on it reads in the page's CSS pixels. */
  const drawnUnder = (root: Element) =>
    [...drawn].flatMap(([canvas, found]) => {
      if (!canvas.isConnected || !root.contains(canvas)) return [];
      const box = canvas.getBoundingClientRect();
      const sx = box.width / canvas.width;
      const sy = box.height / canvas.height;
      const page = (b: Box) => ({
        left: box.left + b.x0 * sx,
        right: box.left + b.x1 * sx,
        top: box.top + b.y0 * sy,
        bottom: box.top + b.y1 * sy,
      });
      return [{ box, found, page }];
    });
  window.chartStems = (root) =>
    drawnUnder(root).flatMap(({ found: { stems = [] }, page }) =>
      stems.map((stem) => {
        const { left, right, top, bottom } = page(stem);
        return { x: (left + right) / 2, top, bottom, overBars: stem.overBars };
      }),
    );
  window.chartLabels = (root) =>
    drawnUnder(root).flatMap(({ box, found: { texts }, page }) =>
      texts.map((label) => ({
        text: label.text,
        plate: label.plate && page(label.plate),
        ...page(label),
        canvas: { left: box.left, right: box.right, top: box.top, bottom: box.bottom },
        overBars: label.overBars,
      })),
    );
}

/** Records the labels every chart of the page draws from now on; call before the page loads. */
export async function recordChartLabels(page: Page): Promise<void> {
  await page.addInitScript(recordLabels);
}

/**
 * How far past its canvas a label's ink box may run: ink boxes come from fractional glyph metrics, and the
 * library aligns the first time tick's label by its advance width, past which the hook of the J of "Jun" and
 * "Jul" hangs 1 px at 375 px (a known loss, kept to that pixel; before the fix "May" lost 12 px).
 */
const TOLERANCE = 1.5;

/**
 * Where a label's ink runs past the canvas it was drawn on (which shows none of it), as "text (left 3 px)",
 * or "" where it is whole.
 * @example cutOff({ text: "target", left: 300, right: 340, top: 0, bottom: 9, canvas: { left: 0, right: 330, top: 0, bottom: 200 }, overBars: 0 }) // "target (right 10 px)"
 */
export function cutOff(label: LabelBox): string {
  const { canvas } = label;
  const past = {
    left: canvas.left - label.left,
    right: label.right - canvas.right,
    top: canvas.top - label.top,
    bottom: label.bottom - canvas.bottom,
  };
  const sides = Object.entries(past)
    .filter(([, by]) => by > TOLERANCE)
    .map(([side, by]) => `${side} ${Math.round(by)} px`);
  return sides.length > 0 ? `${label.text} (${sides.join(", ")})` : "";
}

/** Whether two boxes (labels, or a label's plate) cover each other. */
export function covers(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/**
 * Whether two labels are drawn over each other: the ink of one meets the other's ink or the box it is written
 * on (which hides what is under it). Two boxes that meet with their inks apart still read.
 */
export function overlap(a: LabelBox, b: LabelBox): boolean {
  return covers(a.plate ?? a, b) || covers(a, b.plate ?? b);
}

/**
 * The labels the alert's chart draws, each once (the library draws a level's name twice in one place),
 * every pair of them drawn over each other (see overlap), as "a × b", and every one cut off by its canvas's
 * edge (see cutOff).
 */
export async function chartLabelOverlaps(
  page: Page,
): Promise<{ labels: LabelBox[]; overlaps: string[]; clipped: string[] }> {
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
    for (const b of labels.slice(i + 1)) if (overlap(a, b)) overlaps.push(`${a.text} × ${b.text}`);
  });
  return { labels, overlaps, clipped: labels.map(cutOff).filter((cut) => cut !== "") };
}

/** The dashed vertical lines the alert's chart draws: its moved markers' stems. */
export async function chartStems(page: Page): Promise<StemLine[]> {
  return page.getByTestId("pattern-chart").evaluate((chart) => window.chartStems?.(chart) ?? []);
}
