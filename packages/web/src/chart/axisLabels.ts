// Where the price axis draws its labels (each level's price, the last close): the library pushes labels that
// would cover each other apart, so a label can sit a label's height or more from its price. A tick cleared only
// around the prices was still covered: at 1280 px "1350.00" under a floor pushed up 12 px by the last close.
// This is the library's own rule (lightweight-charts 5.2.1, PriceAxisWidget's fixLabelOverlap), which it
// does not expose.

/**
 * The coordinates the axis draws its labels at, given their prices' coordinates (pixels from the top) in the
 * order the chart adds them: the candles' last close first, then the levels as created. `center` is the last
 * close's coordinate (the axis's top, 0, when there is no candle): labels at or above it are pushed up from it,
 * those below pushed down, each a label's `height` from the one before where they would meet; a label within
 * half a height of the axis's ends is first moved inside, and a pushed stack past an end moves back in by the
 * room it left before it.
 * @example axisLabelCoordinates([140, 135, 59, 213], 140, 17, 292) // [140, 123, 59, 213]
 */
export function axisLabelCoordinates(
  coordinates: readonly number[],
  center: number,
  height: number,
  axisHeight: number,
): number[] {
  const labels = coordinates.map((at) => ({ at, drawn: at }));
  const top = labels.filter((label) => label.at <= center).sort((a, b) => b.at - a.at);
  const bottom = labels.filter((label) => label.at > center);
  // The label nearest the center above it heads both stacks.
  const nearest = top[0];
  if (nearest && bottom.length > 0) bottom.push(nearest);
  bottom.sort((a, b) => a.at - b.at);
  const half = Math.floor(height / 2);
  for (const label of labels) {
    if (label.at > -half && label.at < half) label.drawn = half;
    if (label.at > axisHeight - half && label.at < axisHeight + half) label.drawn = axisHeight - half;
  }
  pushApart(top, 1, height, axisHeight);
  pushApart(bottom, -1, height, axisHeight);
  return labels.map((label) => label.drawn);
}

/**
 * Moves the labels of one stack (from the center outwards) `height` apart where they meet, upwards
 * (`direction` 1) or downwards (-1); a group pushed past the axis's end moves back by at most the room between
 * it and the label before it.
 */
function pushApart(
  stack: readonly { drawn: number }[],
  direction: 1 | -1,
  height: number,
  axisHeight: number,
) {
  const first = stack[0];
  if (!first) return;
  let groupStart = 0;
  let room = Math.max(
    0,
    direction === 1 ? axisHeight / 2 - (first.drawn - height / 2) : first.drawn - height / 2 - axisHeight / 2,
  );
  stack.forEach((label, k) => {
    const before = stack[k - 1];
    if (!before) return;
    const meets = direction === 1 ? label.drawn > before.drawn - height : label.drawn < before.drawn + height;
    if (!meets) {
      groupStart = k;
      room = direction === 1 ? before.drawn - height - label.drawn : label.drawn - (before.drawn + height);
      return;
    }
    label.drawn = before.drawn - height * direction;
    const edge = label.drawn - (direction * height) / 2;
    if ((direction === 1 ? edge < 0 : edge > axisHeight) && room > 0) {
      const shift = Math.min(direction === 1 ? -1 - edge : edge - axisHeight, room);
      for (const moved of stack.slice(groupStart)) moved.drawn += direction * shift;
      room -= shift;
    }
  });
}
