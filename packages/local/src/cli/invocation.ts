// The folder a command was typed in, which paths typed with it are read from. npm runs a package's scripts
// in the package's own folder whatever folder they were typed in, and tells the script the folder it was
// typed in as INIT_CWD (npm's docs, "Scripts": current working directory): `cd data && npm start --
// --replay mine.csv` means data/mine.csv, where the process itself stands in the repository's root.

import { isAbsolute, relative, resolve, sep } from "node:path";

/**
 * The folder the command was typed in: INIT_CWD while npm runs `script` (the name, or a pattern of names;
 * npm_lifecycle_event names the script npm runs), else this process's own folder (run with node directly,
 * or by another script, which npm's variables describe and not this process).
 *
 * @example
 * invocationFolder("start"); // "/home/ann/stock-patterns/data" after `cd data && npm start`
 * invocationFolder(/^repair:/); // for `npm run repair:duplicate-detections` and its kin
 */
export function invocationFolder(script: string | RegExp, env = process.env, cwd = process.cwd()): string {
  const running = env.npm_lifecycle_event ?? "";
  const named = typeof script === "string" ? running === script : script.test(running);
  return named && env.INIT_CWD ? env.INIT_CWD : cwd;
}

/**
 * A path typed on the command line, absolute: read from the folder it was typed in.
 *
 * @example
 * typedPath("mine.csv", "/home/ann/stock-patterns/data"); // "/home/ann/stock-patterns/data/mine.csv"
 */
export function typedPath(path: string, folder: string): string {
  return resolve(folder, path);
}

/**
 * `file` as a message shows it to the one who typed the command in `folder`: relative to it when inside
 * it, absolute otherwise (a path climbing out with `../..` says less than the path itself).
 *
 * @example
 * shownPath("/repo/.local/outputs.json", "/repo"); // ".local/outputs.json"
 * shownPath("/tmp/run/outputs.json", "/repo"); // "/tmp/run/outputs.json"
 */
export function shownPath(file: string, folder: string): string {
  const inside = relative(folder, file);
  const outside = inside === "" || inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside);
  return outside ? file : inside;
}
