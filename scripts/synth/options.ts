// Records the resource options Pulumi's mocks do not pass on (retain on delete, ignored changes, parent,
// explicit provider), by watching the registrations the SDK sends to the mock monitor.

/** Options of one resource that matter for review: what survives removal, what Pulumi leaves alone. */
export interface SynthOptions {
  retainOnDelete?: boolean;
  ignoreChanges?: string[];
  /** Logical name of the parent component, if any. */
  parent?: string;
  /** Logical name of the explicit provider, if any; without one the app's default provider (and its tags) applies. */
  provider?: string;
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getRetainondelete(): boolean;
  getIgnorechangesList(): string[];
  getProvider(): string;
}

interface Monitor {
  registerResource(request: RegisterRequest, callback: unknown): unknown;
}

/** The last segment of a URN (`urn:pulumi:stack::project::type::name`) is the logical name. */
function nameOf(urn: string): string | undefined {
  return urn ? urn.slice(urn.lastIndexOf("::") + 2) : undefined;
}

/** A provider reference is `<provider URN>::<id>`: the name is the URN's last segment. */
function providerNameOf(reference: string): string | undefined {
  return reference ? nameOf(reference.slice(0, reference.lastIndexOf("::"))) : undefined;
}

/**
 * Wraps the monitor's `registerResource` and returns the options seen, keyed `type::name`.
 * @example
 * const options = recordOptions(pulumi.runtime.getMonitor());
 */
export function recordOptions(monitor: unknown): Map<string, SynthOptions> {
  const seen = new Map<string, SynthOptions>();
  const target = monitor as Monitor;
  const register = target.registerResource.bind(target);
  target.registerResource = (request, callback) => {
    const ignoreChanges = request.getIgnorechangesList();
    const provider = providerNameOf(request.getProvider());
    seen.set(`${request.getType()}::${request.getName()}`, {
      ...(request.getRetainondelete() ? { retainOnDelete: true } : {}),
      ...(ignoreChanges.length > 0 ? { ignoreChanges } : {}),
      ...(nameOf(request.getParent()) ? { parent: nameOf(request.getParent()) } : {}),
      ...(provider ? { provider } : {}),
    });
    return register(request, callback);
  };
  return seen;
}
