// GET /docs: Swagger UI, its script and stylesheet from a CDN, pinned to one swagger-ui-dist release and
// checked by the browser against that release's Subresource Integrity hashes. The page is keyless (the
// WAF lets it through), so what it runs must be exactly what was reviewed, whatever the CDN serves.

import { createHash } from "node:crypto";
import { swaggerUI } from "@hono/swagger-ui";
import type { MiddlewareHandler } from "hono";
import { DOCS_CONTRAST_CSS } from "./docs-theme";

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

/**
 * The page's one inline script: Swagger UI reading `documentUrl`, once its bundle has loaded, with a plugin
 * for what its own layout leaves out. Its title and the document's link sit outside any landmark (its
 * `<main>` holds only the operations), so they go into a banner (a `<header>` says so itself only outside
 * a `<section>`, and Swagger UI's columns are sections); its headings go from the title's h1
 * straight to each tag's h3, so an h2 names the operations; and from the webhooks' h2 straight to the
 * schemas' h4, so an h3 comes before them. https://swagger.io/docs/open-source-tools/swagger-ui/customization/plugin-api/
 */
function bootstrapScript(documentUrl: string): string {
  return `
      const pageOutline = () => ({
        wrapComponents: {
          InfoContainer: (Info, { React }) => (props) =>
            React.createElement("header", { role: "banner" }, React.createElement(Info, props)),
          operations: (Operations, { React }) => (props) =>
            React.createElement(React.Fragment, null,
              React.createElement("h2", null, "Operations"),
              React.createElement(Operations, props)),
          Webhooks: (Webhooks, { React }) => (props) =>
            React.createElement(React.Fragment, null,
              React.createElement("h2", null, "Webhooks"),
              React.createElement("h3", null, "The messages each topic sends"),
              React.createElement(Webhooks, props)),
          Models: (Models, { React }) => (props) =>
            React.createElement(React.Fragment, null,
              React.createElement("h3", null, "Schemas of the answers and messages"),
              React.createElement(Models, props)),
        },
      });
      const nameControls = (root) => {
        for (const responses of root.querySelectorAll("table[role=region]:not([aria-label])")) {
          const summary = responses.closest(".opblock")?.querySelector(".opblock-summary");
          const method = summary?.querySelector(".opblock-summary-method")?.textContent ?? "";
          const path = summary?.querySelector("[data-path]")?.getAttribute("data-path")
            ?? summary?.querySelector(".opblock-summary-path")?.textContent ?? responses.id;
          responses.setAttribute("aria-label", \`Responses of \${method} \${path}\`);
        }
        for (const control of root.querySelectorAll("tr[data-param-name] :is(input, select, textarea):not([aria-label])")) {
          control.setAttribute("aria-label", control.closest("tr").dataset.paramName);
        }
        for (const body of root.querySelectorAll(".body-param > textarea:not([aria-label])")) {
          body.setAttribute("aria-label", "Request body");
        }
        for (const example of root.querySelectorAll(".microlight:not([tabindex])")) {
          example.setAttribute("tabindex", "0");
        }
      };
      window.onload = () => {
        const root = document.getElementById("swagger-ui");
        new MutationObserver(() => nameControls(root)).observe(root, { childList: true, subtree: true });
        window.ui = SwaggerUIBundle({ dom_id: "#swagger-ui", url: '${documentUrl}', plugins: [pageOutline] });
      };
    `;
}

/**
 * The page's body: Swagger UI's files pinned by version and integrity, our contrast rules after its
 * stylesheet (so that they win at equal specificity), then the bootstrap.
 */
function swaggerBody(bootstrap: string): string {
  const { integrity } = SWAGGER_UI_DIST;
  return `
    <div id="swagger-ui"></div>
    <link rel="stylesheet" href="${swaggerFileUrl("swagger-ui.css")}" integrity="${integrity["swagger-ui.css"]}" crossorigin="anonymous" />
    <style>${DOCS_CONTRAST_CSS}</style>
    <script src="${swaggerFileUrl("swagger-ui-bundle.js")}" integrity="${integrity["swagger-ui-bundle.js"]}" crossorigin="anonymous"></script>
    <script>${bootstrap}</script>`;
}

/**
 * The page's Content-Security-Policy: nothing but what it needs. The two pinned files by their exact URLs,
 * the bootstrap and the contrast rules by the SHA-256 of their text (the page is static, so a hash, not a
 * per-answer nonce), the document from the page's own origin, and the data: images swagger-ui.css draws
 * its icons with.
 * https://www.w3.org/TR/CSP3/#match-element-to-source-list
 */
function pagePolicy(bootstrap: string): string {
  const hash = (text: string) => `'sha256-${createHash("sha256").update(text).digest("base64")}'`;
  return [
    "default-src 'none'",
    `script-src ${swaggerFileUrl("swagger-ui-bundle.js")} ${hash(bootstrap)}`,
    `style-src ${swaggerFileUrl("swagger-ui.css")} ${hash(DOCS_CONTRAST_CSS)}`,
    "img-src data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * The Content-Security-Policy the page on the document at `documentUrl` is served with (the document lists it).
 *
 * @example
 * docsPagePolicy("openapi.json") // "default-src 'none'; script-src https://cdn.jsdelivr.net/…"
 */
export function docsPagePolicy(documentUrl: string): string {
  return pagePolicy(bootstrapScript(documentUrl));
}

/**
 * The /docs handler: Swagger UI on the document at `documentUrl` (relative to the page), under a policy
 * that lets it run nothing else.
 *
 * @example
 * app.get("/docs", docsPage("openapi.json"));
 */
export function docsPage(documentUrl: string): MiddlewareHandler {
  const bootstrap = bootstrapScript(documentUrl);
  const policy = docsPagePolicy(documentUrl);
  // @hono/swagger-ui is typed against the hoisted hono (another copy than ours); the page it writes is
  // plain HTML, so only the types differ.
  const page = swaggerUI({
    url: documentUrl,
    title: "stock-patterns API",
    manuallySwaggerUIHtml: () => swaggerBody(bootstrap),
  }) as unknown as MiddlewareHandler;
  return (c, next) => {
    c.header("content-security-policy", policy);
    return page(c, next);
  };
}
