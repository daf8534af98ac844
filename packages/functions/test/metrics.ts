// What the handlers counted, read from a spy on the shared Powertools metrics.

/**
 * The sum a spy on metrics.addMetric saw added to `name`.
 *
 * @example
 * const added = vi.spyOn(metrics, "addMetric");
 * expect(total(added, "BarsApplied")).toBe(2);
 */
export const total = (spy: { mock: { calls: unknown[][] } }, name: string) =>
  spy.mock.calls.filter(([n]) => n === name).reduce((sum: number, [, , value]) => sum + Number(value), 0);
