// One value read ahead of its consumer: the next chunk's reads wait on DynamoDB while this chunk is worked.

/**
 * What `source` yields, in order, the next value asked of it as soon as this one is handed out: the source
 * reads it while the caller works on this one, and holds it until taken (an async generator stops at its
 * yield), so at most two values are held at once. A failure reading the next value is thrown where that
 * value would have been handed out, once the caller has finished with this one.
 *
 * @example
 * for await (const alerts of readAhead(unfinishedAlerts(since, until))) await heal(alerts);
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const values = source[Symbol.asyncIterator]();
  // Nothing awaits the read ahead while the caller works: were it to fail then unhandled, the process would end.
  const ask = () => {
    const asked = values.next();
    asked.catch(() => undefined);
    return asked;
  };
  let next = ask();
  try {
    for (;;) {
      const current = await next;
      if (current.done) return;
      next = ask();
      yield current.value;
    }
  } finally {
    // A caller that stops early ends the source too (after the read in flight, which it queues behind).
    await values.return?.();
  }
}
