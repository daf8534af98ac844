// `npm run dev`: the Vite dev server forwards every API route to the local system, so the console it
// serves calls the API as the built console does on the API's own origin.
import { API_ROUTES } from "@stock-patterns/core/contracts";
import { describe, expect, it } from "vitest";
import viteConfig from "../../vite.config";

/** A path of the route with its variables filled in, as the console asks for it. */
const examplePath = (path: string) => path.replace(/\{[^}]+\}/g, "x");

describe("the dev server's proxy", () => {
  it("forwards every route of the API, and nothing else of the console's own", () => {
    const proxied = Object.keys(viteConfig.server?.proxy ?? {});
    const forwarded = (path: string) =>
      proxied.some(
        (prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`),
      );
    for (const route of API_ROUTES) {
      expect(forwarded(examplePath(route.path)), `${route.method} ${route.path}`).toBe(true);
    }
    for (const own of ["/", "/index.html", "/src/main.tsx", "/@vite/client"])
      expect(forwarded(own), own).toBe(false);
  });
});
