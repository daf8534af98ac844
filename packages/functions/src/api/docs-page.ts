// GET /docs: Swagger UI, its script and stylesheet from a CDN, pinned to one swagger-ui-dist release and
// checked by the browser against that release's Subresource Integrity hashes. The page is keyless (the
// WAF lets it through), so what it runs must be exactly what was reviewed, whatever the CDN serves.

import { swaggerUI } from "@hono/swagger-ui";
import type { MiddlewareHandler } from "hono";

/**
 * The swagger-ui-dist release the page loads, and the SRI hash (sha384, base64) of each file it loads, as
 * computed from that release's npm tarball. Change all three together: the docs e2e test serves the
 * installed package's bytes in place of the CDN and fails if a hash does not match them.
 */
export const SWAGGER_UI_DIST = {
  version: "5.35.0",
  integrity: {
    "swagger-ui.css": "sha384-WlYgdmXYOOBWL5apwjDEZwN+U3HmXSSu5R6V5aGxEcf7z+KuRNwBhoxKVN1i3D5I",
    "swagger-ui-bundle.js": "sha384-gjRm0bEPMeTmMh5jT2cHccIwCUZSTd8YC+j0d0sXw0MdGEfScduGpSyF3ZSSLkX9",
  },
} as const;

type SwaggerFile = keyof typeof SWAGGER_UI_DIST.integrity;

/**
 * Where one file of the pinned release is loaded from.
 *
 * @example
 * swaggerFileUrl("swagger-ui.css") // "https://cdn.jsdelivr.net/npm/swagger-ui-dist@5.35.0/swagger-ui.css"
 */
export function swaggerFileUrl(file: SwaggerFile): string {
  return `https://cdn.jsdelivr.net/npm/swagger-ui-dist@${SWAGGER_UI_DIST.version}/${file}`;
}

/** The page's body: Swagger UI reading `documentUrl`, its files pinned by version and integrity. */
function swaggerBody(documentUrl: string): string {
  const { integrity } = SWAGGER_UI_DIST;
  return `
    <div id="swagger-ui"></div>
    <link rel="stylesheet" href="${swaggerFileUrl("swagger-ui.css")}" integrity="${integrity["swagger-ui.css"]}" crossorigin="anonymous" />
    <script src="${swaggerFileUrl("swagger-ui-bundle.js")}" integrity="${integrity["swagger-ui-bundle.js"]}" crossorigin="anonymous"></script>
    <script>
      window.onload = () => {
        window.ui = SwaggerUIBundle({ dom_id: "#swagger-ui", url: '${documentUrl}' });
      };
    </script>`;
}

/**
 * The /docs handler: Swagger UI on the document at `documentUrl` (relative to the page).
 *
 * @example
 * app.get("/docs", docsPage("openapi.json"));
 */
export function docsPage(documentUrl: string): MiddlewareHandler {
  // @hono/swagger-ui is typed against the hoisted hono (another copy than ours); the page it writes is
  // plain HTML, so only the types differ.
  return swaggerUI({
    url: documentUrl,
    title: "stock-patterns API",
    manuallySwaggerUIHtml: () => swaggerBody(documentUrl),
  }) as unknown as MiddlewareHandler;
}
