// What one worker of the functions project keeps from its first test file to its last. Its files share one
// module graph (vitest `isolate: false`): the handlers' SDK clients and SST links, made at a first import,
// point at the first file's emulators. So each file gets fresh, empty emulators on those same ports, and
// starts from the environment the first file's setup left, whatever an earlier file changed.

const ports = new Map<string, number>();
let environment: Record<string, string | undefined> | undefined;

/**
 * The port `service` listened on in this worker's first file (0, any free port, before it is kept).
 *
 * @example
 * const url = await listen(server, keptPort("sfn")); keepPort("sfn", url);
 */
export function keptPort(service: string): number {
  return ports.get(service) ?? 0;
}

/** Keep the port of `url` for `service` in the worker's later files (the first kept stays). */
export function keepPort(service: string, url: string): void {
  if (!ports.has(service)) ports.set(service, Number(new URL(url).port));
}

/** Keep the environment as the first file's setup left it (later calls keep the first). */
export function keepEnvironment(): void {
  environment ??= { ...process.env };
}

/** Put back the kept environment: variables an earlier file set are removed, those it changed restored. */
export function restoreEnvironment(): void {
  if (!environment) return;
  for (const name of Object.keys(process.env)) if (!(name in environment)) delete process.env[name];
  Object.assign(process.env, environment);
}
