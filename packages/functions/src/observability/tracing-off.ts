// The environment the handlers run in with tracing off, outside Lambda: npm start's runtime, the tests and
// the benches. A module with no imports, so it can be read before anything loads the tracer.

/**
 * Powertools' tracer off, and the X-Ray SDK (which the tracer loads) in manual mode: in its default
 * automatic mode the SDK installs an async hook with destroy tracking at load, paid on every promise
 * whether or not anything is traced. It was about a seventh of the local functions' CPU in the pipeline
 * bench's profile, and about a tenth of a functions test file's (sweep-chunks.test.ts, 7 Dec 2026). Set
 * before the tracer is first imported: the SDK reads it once, at load.
 *
 * @example
 * Object.assign(process.env, TRACING_OFF);
 * const { handler } = await import("#handlers/kinesis-consumer");
 */
export const TRACING_OFF = {
  POWERTOOLS_TRACE_ENABLED: "false",
  AWS_XRAY_MANUAL_MODE: "true",
} as const satisfies Record<string, string>;
