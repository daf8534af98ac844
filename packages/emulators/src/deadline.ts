// Work held to a deadline: what Lambda's timeout, API Gateway's integration timeout and the local system's
// waits all do, written once.

/**
 * `work`'s result, or what `onExpiry` gives (or throws) once `ms` have passed first. One timer, cleared
 * when either settles. The work cannot be stopped: it goes on, and its late result is dropped.
 *
 * @example
 * const response = await settleWithin(() => app.fetch(request), 29_000, () => gatewayTimeout());
 */
export async function settleWithin<T>(
  work: () => T | Promise<T>,
  ms: number,
  onExpiry: () => T | Promise<T>,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<T>((resolve, reject) => {
    timer = setTimeout(() => Promise.resolve().then(onExpiry).then(resolve, reject), ms);
  });
  try {
    // Promise.race also takes a late rejection of the overrunning work, which nothing else would hear.
    return await Promise.race([Promise.resolve().then(work), expired]);
  } finally {
    clearTimeout(timer);
  }
}
