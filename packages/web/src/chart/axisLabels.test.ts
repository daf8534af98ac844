// Where the price axis draws its labels once the library has pushed apart those that would meet.
import { describe, expect, it } from "vitest";
import { axisLabelCoordinates } from "./axisLabels";

describe("axisLabelCoordinates", () => {
  it("leaves labels a label's height apart where their prices put them", () => {
    expect(axisLabelCoordinates([200, 100, 150, 250], 200, 17, 300)).toEqual([200, 100, 150, 250]);
  });

  it("pushes a label just above the last close up to a label's height over it (DBOT at 1280 px: the floor, 5 px over the close, drawn 17 px over it)", () => {
    // The last close, floor, ceiling and target where that chart's prices put them on its 292 px axis; the
    // floor's label was drawn 12 px above its price, over the tick 1350.00 (its text measured centred at 123.7).
    expect(axisLabelCoordinates([140, 135, 59, 213], 140, 17, 292)).toEqual([140, 123, 59, 213]);
  });

  it("pushes labels below the last close down, each from the one before", () => {
    expect(axisLabelCoordinates([100, 105, 110, 200], 100, 17, 300)).toEqual([100, 117, 134, 200]);
  });

  it("pushes labels upwards from the close in a stack, those further up only when they meet", () => {
    expect(axisLabelCoordinates([100, 95, 90, 60], 100, 17, 300)).toEqual([100, 83, 66, 49]);
    expect(axisLabelCoordinates([100, 95, 40], 100, 17, 300)).toEqual([100, 83, 40]);
  });

  it("moves a label within half a height of the axis's ends inside, and a stack pushed past the top back down", () => {
    expect(axisLabelCoordinates([150, 296], 150, 17, 300)).toEqual([150, 292]);
    // The close at 20, labels at 12 and 5 (moved to 8): pushed up past the top, the whole stack moves down.
    expect(axisLabelCoordinates([20, 12, 5], 20, 17, 300)).toEqual([41.5, 24.5, 7.5]);
  });

  it("stacks every label downwards from the axis's top with no candle (no last close: the center is 0)", () => {
    expect(axisLabelCoordinates([50, 55], 0, 17, 300)).toEqual([50, 67]);
  });
});
