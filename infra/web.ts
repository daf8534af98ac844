// The approver console: the Vite-built React app served as a static site, pointed at the API. It is
// built into .sst/console, not packages/web/dist, so a deploy never overwrites the local system's build.
import { consoleHeaders } from "@stock-patterns/core/contracts";
import { apiUrl } from "./api";
import { CONSOLE_DEV_COMMAND, CONSOLE_DEV_URL } from "./console-dev";

/** Where the deployed console is built (relative to the repository root). */
export const CONSOLE_BUILD_DIR = `.sst/console/${$app.stage}`;

/**
 * The viewer-response code (a CloudFront Function) that gives every console file core's security headers,
 * the API's origin the one other the console may call.
 * @example consoleHeaderInjection("https://abc.execute-api.us-east-1.amazonaws.com/v1")
 */
function consoleHeaderInjection(api: string): string {
  return Object.entries(consoleHeaders(new URL(api).origin))
    .map(
      ([name, value]) =>
        `event.response.headers[${JSON.stringify(name)}] = { value: ${JSON.stringify(value)} };`,
    )
    .join("\n");
}

export const approverConsole = new sst.aws.StaticSite("ApproverConsole", {
  path: ".",
  build: {
    command: `npm run build -w @stock-patterns/web -- --outDir ../../${CONSOLE_BUILD_DIR} --emptyOutDir`,
    output: CONSOLE_BUILD_DIR,
  },
  environment: { VITE_API_URL: apiUrl },
  edge: { viewerResponse: { injection: apiUrl.apply(consoleHeaderInjection) } },
  dev: { command: CONSOLE_DEV_COMMAND, url: CONSOLE_DEV_URL },
});

/** Where approvers open the console. */
export const consoleUrl = approverConsole.url;
