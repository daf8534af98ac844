// What a function bundle is made of: its bytes by package from esbuild's metafile, the packages bundled
// from more than one directory, and an import's CPU profile as self time by package (cold-start bench).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Metafile } from "esbuild";

/** One import of a bundle in a fresh process: wall and CPU milliseconds until the handler export is there. */
export interface BundleImport {
  ms: number;
  cpuMs: number;
}

/** A package's share of a bundle: its name, the versions bundled and their bytes in the output. */
export interface PackageWeight {
  name: string;
  versions: string[];
  bytes: number;
}

/** A package bundled from more than one directory: each copy's directory and version, and their bytes. */
export interface DuplicatePackage {
  name: string;
  copies: { dir: string; version: string }[];
  bytes: number;
}

const MODULES = "node_modules/";

/** The package an input path belongs to: its name and directory, or the workspace package under packages/. */
function packageOf(path: string): { name: string; dir: string } {
  const at = path.lastIndexOf(MODULES);
  if (at < 0) {
    const workspace = /(?:^|\/)packages\/([^/]+)\//.exec(path)?.[1];
    return { name: workspace ? `@stock-patterns/${workspace}` : path, dir: "" };
  }
  const parts = path.slice(at + MODULES.length).split("/");
  const name = parts[0]?.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? path);
  return { name, dir: path.slice(0, at + MODULES.length) + name };
}

function versionAt(root: string, dir: string): string {
  if (!dir) return "";
  try {
    return String(
      (JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")) as { version?: string }).version,
    );
  } catch {
    return "?";
  }
}

/**
 * The one output's bytes by package, largest first, and the packages that come from several directories.
 * @example
 * const { packages, duplicated } = weighInputs(result.metafile, process.cwd());
 */
export function weighInputs(
  metafile: Metafile,
  root: string,
): { packages: PackageWeight[]; duplicated: DuplicatePackage[] } {
  const byName = new Map<string, { bytes: number; dirs: Map<string, number> }>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const { name, dir } = packageOf(path);
      const entry = byName.get(name) ?? { bytes: 0, dirs: new Map<string, number>() };
      entry.bytes += bytesInOutput;
      entry.dirs.set(dir, (entry.dirs.get(dir) ?? 0) + bytesInOutput);
      byName.set(name, entry);
    }
  }
  const packages: PackageWeight[] = [];
  const duplicated: DuplicatePackage[] = [];
  for (const [name, { bytes, dirs }] of byName) {
    const copies = [...dirs.keys()].map((dir) => ({ dir, version: versionAt(root, dir) }));
    packages.push({ name, versions: [...new Set(copies.map((c) => c.version))], bytes });
    if (copies.length > 1) duplicated.push({ name, copies, bytes });
  }
  packages.sort((a, b) => b.bytes - a.bytes);
  duplicated.sort((a, b) => b.bytes - a.bytes);
  return { packages, duplicated };
}

interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    /** Self samples by source line (1-based), when V8 recorded them. */
    positionTicks?: { line: number; ticks: number }[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

/**
 * Self time (ms) by package of the one CPU profile in `dir`, largest first, with the total. Samples in the
 * bundle are placed by their line and the `// path` comment esbuild writes before each module; those on
 * esbuild's helpers (the `__init` and `__require` wrappers that run a CommonJS or lazily initialised
 * module's body when first needed) stay "(esbuild's helpers)"; V8 compiling the bundle, Node's own
 * modules and GC keep their names.
 * @example
 * const [total, byPackage] = profileByPackage("profiles/Api", "/tmp/x/Api/lambda.mjs");
 */
export function profileByPackage(dir: string, bundleFile: string): [number, [string, number][]] {
  const file = readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
  if (!file) throw new Error(`no CPU profile in ${dir}`);
  const profile = JSON.parse(readFileSync(join(dir, file), "utf8")) as CpuProfile;
  const starts: [number, string][] = [];
  readFileSync(bundleFile, "utf8")
    .split("\n")
    .forEach((line, index) => {
      const path = /^\/\/ (\S+\.(?:[cm]?js|[cm]?ts|json))$/.exec(line)?.[1];
      if (path) starts.push([index, packageOf(path).name]);
    });
  const moduleAt = (line: number) => {
    let found = "(esbuild's helpers)";
    for (const [start, name] of starts) {
      if (start > line) break;
      found = name;
    }
    return found;
  };
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const byName = new Map<string, number>();
  let total = 0;
  const add = (name: string, ms: number) => byName.set(name, (byName.get(name) ?? 0) + ms);
  for (const { id, callFrame, positionTicks = [] } of profile.nodes) {
    const ms = (selfUs.get(id) ?? 0) / 1000;
    if (ms === 0) continue;
    total += ms;
    if (!callFrame.url.endsWith(bundleFile)) {
      add(
        callFrame.functionName === "compileSourceTextModule"
          ? "(compiling the bundle)"
          : callFrame.url.startsWith("node:")
            ? "(Node's own modules)"
            : callFrame.functionName || "(anonymous)",
        ms,
      );
      continue;
    }
    // The bundle's top level runs every scope-hoisted module's statements: place samples by their line.
    const ticks = positionTicks.reduce((sum, p) => sum + p.ticks, 0);
    if (ticks === 0) add(moduleAt(callFrame.lineNumber), ms);
    for (const p of positionTicks) add(moduleAt(p.line - 1), (ms * p.ticks) / ticks);
  }
  return [total, [...byName].sort((a, b) => b[1] - a[1])];
}
