// What names a price series (symbol and interval) and how long one may be, checked the same way everywhere.

import { WINDOW } from "@stock-patterns/core";

/** Fewest bars that can hold a pattern (one detection window). */
export const MIN_BARS = WINDOW;
/** Most bars one analysis accepts. */
export const MAX_BARS = 5000;

/** Symbol and interval are request contracts, defined in core. */
export { intervalSchema, symbolSchema } from "@stock-patterns/core/contracts";
