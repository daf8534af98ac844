// What a column reader does with a row's cell, by its column: one byte per cell of a file's layout
// (row-layout.ts). Plain constants only: the WebAssembly reader (assembly/row-reader.ts) compiles this file too.

/** A cell read past, unchecked. */
export const SKIPPED = 0;
export const TIME = 1;
export const CLOSE = 2;
/** Open, high and low: checked by the price rule, not kept (the scan reads closes only). */
export const PRICE = 3;
export const VOLUME = 4;
