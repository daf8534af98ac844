// The bundle cache on a small project of its own: reused while nothing changed, rebuilt on a changed source
// or key file, packages loaded where their importer loads (after the entry set the environment), each
// module's own location kept.

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type BundleRequest, cachedBundle } from "./bundle-cache.mjs";

let project: string;
let request: BundleRequest;

const write = (file: string, text: string) => {
  mkdirSync(join(project, file, ".."), { recursive: true });
  writeFileSync(join(project, file), text);
};
const run = (main: string) =>
  execFileSync(process.execPath, ["--enable-source-maps", main], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });

beforeEach(() => {
  project = mkdtempSync(join(tmpdir(), "bundle-cache-"));
  // A package that reads the environment when it loads, as "sst" reads its links.
  write(
    "node_modules/reads-env/package.json",
    '{ "name": "reads-env", "type": "module", "main": "index.js" }',
  );
  write("node_modules/reads-env/index.js", "export const seen = process.env.BUNDLE_CACHE_LINK ?? 'unset';\n");
  write("src/greeting.ts", 'export const greeting: string = "first";\n');
  write("src/handler.ts", 'import { seen } from "reads-env";\nexport const link = (): string => seen;\n');
  write(
    "src/main.ts",
    [
      'import { greeting } from "./greeting";',
      'process.env.BUNDLE_CACHE_LINK = "set by main";',
      'const { link } = await import("./handler");',
      "console.log(greeting, link());",
    ].join("\n"),
  );
  write("package.json", '{ "type": "module" }');
  request = {
    entry: join(project, "src/main.ts"),
    cacheDir: join(project, "cache"),
    keyFiles: [join(project, "package.json")],
  };
});

afterEach(() => rmSync(project, { recursive: true, force: true }));

describe("cachedBundle", () => {
  it("builds once and reuses the bundle while nothing changed; its packages load after the entry's code", async () => {
    const first = await cachedBundle(request);
    expect(first.built).toBe(true);
    expect(run(first.main)).toBe("first set by main\n");

    const again = await cachedBundle(request);
    expect(again).toEqual({ main: first.main, built: false });
  });

  it("rebuilds when a source changes, keeping the earlier bundle runnable", async () => {
    const first = await cachedBundle(request);
    write("src/greeting.ts", 'export const greeting: string = "second";\n');

    const changed = await cachedBundle(request);
    expect(changed.built).toBe(true);
    expect(changed.main).not.toBe(first.main);
    expect(run(changed.main)).toBe("second set by main\n");
    expect(run(first.main)).toBe("first set by main\n");
  });

  it("rebuilds when a key file changes or goes missing", async () => {
    const first = await cachedBundle(request);
    write("package.json", '{ "type": "module", "imports": {} }');
    const edited = await cachedBundle(request);
    expect(edited.built).toBe(true);
    expect(edited.main).not.toBe(first.main);

    rmSync(join(project, "package.json"));
    const missing = await cachedBundle(request);
    expect(missing.built).toBe(true);
    expect(missing.main).not.toBe(edited.main);
  });

  it("runs the sources as they are now after a build a save raced with, whatever the file's time says", async () => {
    // One save per round, a little later each round, so some land while esbuild reads: each bundle is keyed
    // by the text it compiled, so none is reused for another text. A modification time ahead of the clock
    // changes nothing (the key is the content).
    // Many more modules after the greeting keep esbuild reading well after it has read the greeting.
    const fillers = Array.from({ length: 150 }, (_, n) => `filler${n}`);
    for (const name of fillers)
      write(`src/${name}.ts`, `export const ${name}: number = ${fillers.indexOf(name)};\n`);
    write("src/fillers.ts", fillers.map((name) => `import "./${name}";`).join("\n"));
    write("src/greeting.ts", 'import "./fillers";\nexport const greeting: string = "first";\n');
    const later = new Date(Date.now() + 60_000);
    for (let delay = 0; delay <= 40; delay += 2) {
      write("src/greeting.ts", `import "./fillers";\nexport const greeting: string = "built at ${delay}";\n`);
      const saved = `saved after ${delay} ms`;
      const save = new Promise<void>((done) =>
        setTimeout(() => {
          write("src/greeting.ts", `import "./fillers";\nexport const greeting: string = "${saved}";\n`);
          utimesSync(join(project, "src/greeting.ts"), later, later);
          done();
        }, delay),
      );
      // A save read half written fails that build (as an editor's save can): the next call compiles again.
      await cachedBundle(request).catch((error: unknown) => {
        if (!String(error).includes("did not compile")) throw error;
      });
      await save;
      const now = await cachedBundle(request);
      expect(run(now.main)).toBe(`${saved} set by main\n`);
      expect(await cachedBundle(request)).toEqual({ main: now.main, built: false });
    }
  });

  it("first builds started at once all get the same finished bundle", async () => {
    // Six in one process: they share a pid, so any file named by the pid alone would be written twice.
    const builds = await Promise.all(Array.from({ length: 6 }, () => cachedBundle(request)));
    expect(new Set(builds.map((build) => build.main)).size).toBe(1);
    expect(run(builds[0]?.main ?? "")).toBe("first set by main\n");
    expect(readdirSync(request.cacheDir).filter((name) => name.startsWith(".staging-"))).toEqual([]);
  });

  it("keeps the four newest bundles", async () => {
    for (const word of ["a", "b", "c", "d", "e", "f"]) {
      write("src/greeting.ts", `export const greeting: string = "${word}";\n`);
      await cachedBundle(request);
    }
    const bundles = readdirSync(request.cacheDir, { withFileTypes: true }).filter(
      (entry) => entry.isDirectory() && !entry.name.startsWith("."),
    );
    expect(bundles).toHaveLength(4);
    const newest = await cachedBundle(request);
    expect(newest.built).toBe(false);
    expect(run(newest.main)).toBe("f set by main\n");
  });

  it("maps a stack trace back to the TypeScript source, line included", async () => {
    write(
      "src/greeting.ts",
      'export const greeting: string = "first";\n\nthrow new Error("bad greeting");\n',
    );
    const { main } = await cachedBundle(request);
    const failed = (() => {
      try {
        run(main);
      } catch (error) {
        return String((error as { stderr: string }).stderr);
      }
    })();
    expect(failed).toMatch(/bad greeting[\s\S]*src[\\/]greeting\.ts:3:/);
  });

  it("names the file and the error when a source does not compile", async () => {
    write("src/greeting.ts", "export const greeting: string = ;\n");
    await expect(cachedBundle(request)).rejects.toThrow(/main\.ts did not compile:[\s\S]*greeting\.ts/);
  });

  it("names its cache when the machine refuses the bundle's write, and leaves no half bundle there", () => {
    // No file may grow (bash's ulimit -f 0): the bundle's write fails with EFBIG, as on a full disk.
    const cache = pathToFileURL(join(import.meta.dirname, "bundle-cache.mjs")).href;
    const script = `import(${JSON.stringify(cache)}).then((m) => m.cachedBundle(${JSON.stringify(request)})).then(
      () => console.log("built"), (error) => console.log(error.message))`;
    const said = execFileSync(
      "bash",
      ["-c", 'ulimit -f 0 && exec "$@"', "limited", process.execPath, "-e", script],
      {
        encoding: "utf8",
      },
    );
    expect(said.trim()).toBe(
      `cannot write the bundle into ${request.cacheDir}: EFBIG: file too large, write`,
    );
    expect(readdirSync(request.cacheDir)).toEqual([]);
  });

  it("keeps a module's import.meta.url, dirname and filename naming its source, not the bundle", async () => {
    write(
      "src/greeting.ts",
      "export const greeting: string = [import.meta.url, import.meta.dirname, import.meta.filename].join(' ');\n",
    );
    const { main } = await cachedBundle(request);
    const source = join(project, "src/greeting.ts");
    expect(run(main)).toBe(`${pathToFileURL(source).href} ${join(project, "src")} ${source} set by main\n`);
  });
});
