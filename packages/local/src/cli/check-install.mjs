// `npm start`'s first step: node_modules as package-lock.json describes it, else one line saying to run
// npm install. Plain JavaScript run by node, so that it works when tsx itself is what a git pull added.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * The packages package-lock.json names that node_modules under `root` lacks or holds at another version,
 * and the workspace packages it does not link (platform packages npm leaves out, `optional`, only when
 * installed at another version).
 *
 * @param {string} root the directory holding package-lock.json
 * @returns {string[]} one line per package, e.g. `fauxqs: not installed (package-lock.json: 0.9.1)`
 * @example
 * notInstalled(process.cwd()); // [] after npm install
 */
export function notInstalled(root) {
  const lockFile = join(root, "package-lock.json");
  if (!existsSync(lockFile)) return [];
  /** @type {{ packages?: Record<string, { version?: string, optional?: boolean, link?: boolean, resolved?: string }> }} */
  const lock = JSON.parse(readFileSync(lockFile, "utf8"));
  const lines = [];
  for (const [path, entry] of Object.entries(lock.packages ?? {})) {
    if (!path.includes("node_modules/")) continue;
    const name = path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);
    // A workspace package (packages/*), linked by npm install: one a pull added is not there yet.
    if (entry.link) {
      if (!existsSync(join(root, path)))
        lines.push(`${name}: not linked (package-lock.json: ${entry.resolved})`);
      continue;
    }
    if (entry.version === undefined) continue;
    const manifest = join(root, path, "package.json");
    if (!existsSync(manifest)) {
      if (!entry.optional) lines.push(`${name}: not installed (package-lock.json: ${entry.version})`);
      continue;
    }
    const { version } = JSON.parse(readFileSync(manifest, "utf8"));
    if (version !== entry.version)
      lines.push(`${name}: ${version} installed (package-lock.json: ${entry.version})`);
  }
  return lines;
}

/**
 * Why npm start and npm test cannot run when npm left out the devDependencies (the system's emulators
 * aside, everything: the tools, the tests, the pinned Node): npm omits them when its `omit` includes dev,
 * which NODE_ENV=production makes its default (https://docs.npmjs.com/cli/v11/using-npm/config#omit; seen
 * here with npm 11.19), and npm install run again in the same shell leaves them out again. Said when no
 * package package-lock.json marks as for development only is installed; undefined otherwise (a pull that
 * added one is notInstalled's to name).
 *
 * @param {string} root the directory holding package-lock.json
 * @returns {string | undefined}
 * @example
 * devDependenciesLeftOut(process.cwd()); // undefined after npm install
 */
export function devDependenciesLeftOut(root) {
  const lockFile = join(root, "package-lock.json");
  if (!existsSync(lockFile)) return undefined;
  /** @type {{ packages?: Record<string, { dev?: boolean, optional?: boolean }> }} */
  const lock = JSON.parse(readFileSync(lockFile, "utf8"));
  const developmentOnly = Object.entries(lock.packages ?? {}).filter(
    ([path, entry]) => path.includes("node_modules/") && entry.dev && !entry.optional,
  );
  if (
    developmentOnly.length === 0 ||
    developmentOnly.some(([path]) => existsSync(join(root, path, "package.json")))
  )
    return undefined;
  const why =
    process.env.NODE_ENV === "production"
      ? "NODE_ENV is production here"
      : "NODE_ENV=production, or npm's omit=dev?";
  return (
    `npm left out this project's devDependencies (none of the ${developmentOnly.length} packages package-lock.json ` +
    `marks as for development is installed; ${why}), and npm start and npm test run on them. ` +
    "Run npm install --include=dev, then this command again."
  );
}

/** The lines shown at most; the rest are counted. */
const SHOWN = 5;

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const leftOut = devDependenciesLeftOut(process.cwd());
  if (leftOut) {
    process.stderr.write(`${leftOut}\n`);
    process.exit(1);
  }
  const lines = notInstalled(process.cwd());
  if (lines.length > 0) {
    const more = lines.length > SHOWN ? [`  and ${lines.length - SHOWN} more`] : [];
    process.stderr.write(
      [
        "node_modules does not match package-lock.json (after a git pull?): run npm install, then npm start.",
        ...lines.slice(0, SHOWN).map((line) => `  ${line}`),
        ...more,
        "",
      ].join("\n"),
    );
    process.exit(1);
  }
}
