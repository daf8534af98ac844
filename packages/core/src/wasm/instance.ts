// Core's small WebAssembly modules instantiated where the runtime can run them: every caller keeps a
// JavaScript loop that computes the same values for where WebAssembly, or its SIMD, is missing.

/** What core uses of WebAssembly's JavaScript API (not in the ES library the project compiles against). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}

/** An instance's exports and the buffer of its memory (exported as "memory", never grown: views stay attached). */
export interface ModuleInstance {
  exports: Record<string, unknown>;
  memory: ArrayBuffer;
}

/**
 * The module `bytes()` makes, compiled and instantiated without imports, or undefined where WebAssembly is
 * missing or refuses it (a runtime without SIMD fails to compile a module that uses it). `bytes` is not
 * called where there is no WebAssembly.
 *
 * @example
 * const instance = instantiate(rangesModuleBytes); // undefined: use the JavaScript loop
 */
export function instantiate(bytes: () => Uint8Array): ModuleInstance | undefined {
  const api = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
  if (api === undefined) return undefined;
  try {
    const instance = new api.Instance(new api.Module(bytes()), {});
    const memory = instance.exports.memory as { buffer: ArrayBuffer };
    return { exports: instance.exports, memory: memory.buffer };
  } catch {
    return undefined;
  }
}
