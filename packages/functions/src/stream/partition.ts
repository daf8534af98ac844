// Whether a market-data record is partitioned by its symbol, as producers are told to put them. Lambda keeps
// the records of one partition key in order at any parallelization factor, and only those (docs/capacity.md,
// "Lambda (KinesisConsumer)"): with the factor above 1, a symbol's bars spread over several keys may be
// applied in two batches at once, and a bar applied after a later one of its series is set aside as late.

import { SYMBOL_SHAPE, storedSymbol } from "@stock-patterns/core";

/**
 * Whether `partitionKey` is `symbol` (the record's, as stored) in any case, by the symbol rule's own
 * reading (core's storedSymbol, for a key of a symbol's shape): all of a symbol's records then share one
 * key, and Lambda keeps them in order.
 *
 * @example
 * partitionedBySymbol("aapl", "AAPL"); // true
 * partitionedBySymbol("AAPL#1d", "AAPL"); // false
 */
export function partitionedBySymbol(partitionKey: string, symbol: string): boolean {
  return SYMBOL_SHAPE.test(partitionKey) && storedSymbol(partitionKey) === symbol;
}
