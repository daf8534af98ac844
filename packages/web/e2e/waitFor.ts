// Waits for something the system does in the background (a notification, a status change), with a deadline.

/**
 * Calls `probe` until it returns a value (not undefined), or throws `what` after `timeoutMs`.
 * @example const request = await waitFor("an approval request", () => system.approvalRequests[0]);
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 60_000,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
