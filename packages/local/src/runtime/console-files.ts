// The built approver console's files, answered as HTTP responses (a static site with a client-side router).

import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { consoleHeaders } from "@stock-patterns/core/contracts";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

/**
 * The file under `root` at the URL path `pathname`, or undefined when there is none (or the path
 * would leave `root`). A directory answers its index.html.
 *
 * @example
 * await consoleFile("packages/web/dist", "/assets/index-abc.js", "GET");
 */
export async function consoleFile(
  root: string,
  pathname: string,
  method: string,
): Promise<Response | undefined> {
  let relative: string;
  try {
    relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, "");
  } catch {
    return undefined;
  }
  if (relative.split(sep).includes("..")) return undefined;
  let file = join(root, relative);
  try {
    if ((await stat(file)).isDirectory()) file = join(file, "index.html");
    const body = await readFile(file);
    const headers = {
      // The API shares this origin here, so the console's own origin is the only one it may call.
      ...consoleHeaders(),
      "content-type": CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
      "content-length": String(body.length),
      "cache-control": file.includes(`${sep}assets${sep}`)
        ? "public, max-age=31536000, immutable"
        : "no-cache",
    };
    return new Response(method === "HEAD" ? null : body, { headers });
  } catch {
    return undefined;
  }
}
