// Planted series the CLI tests scan: a head-and-shoulders (and its mirror image) as CSV text.

import { type Pivot, plantedBars } from "../../core/test/planted";

/** Pivots of a clean head-and-shoulders completing at position 34 of a 38-bar window. */
export const HS_PIVOTS: readonly Pivot[] = [
  [0, 85],
  [6, 100],
  [13, 90],
  [20, 110],
  [27, 90.5],
  [34, 100.5],
  [37, 92],
];

/** The inverse head-and-shoulders: the same pivots mirrored around 100. */
export const IHS_PIVOTS: readonly Pivot[] = HS_PIVOTS.map(([position, price]) => [position, 200 - price]);

/** A Date,Close CSV of the planted bars through `pivots`. */
export function plantedCsv(
  pivots: readonly Pivot[],
  options: Parameters<typeof plantedBars>[1] = {},
): string {
  const rows = plantedBars(pivots, options).map((bar) => `${bar.time},${bar.close}`);
  return `Date,Close\n${rows.join("\n")}\n`;
}
