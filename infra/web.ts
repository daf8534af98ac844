// The approver console: the Vite-built React app served as a static site, pointed at the API. It is
// built into .sst/console, not packages/web/dist, so a deploy never overwrites the local system's build.
import { apiUrl } from "./api";

/** Where the deployed console is built (relative to the repository root). */
export const CONSOLE_BUILD_DIR = `.sst/console/${$app.stage}`;

export const approverConsole = new sst.aws.StaticSite("ApproverConsole", {
  path: ".",
  build: {
    command: `npm run build -w @stock-patterns/web -- --outDir ../../${CONSOLE_BUILD_DIR} --emptyOutDir`,
    output: CONSOLE_BUILD_DIR,
  },
  environment: { VITE_API_URL: apiUrl },
  dev: { command: "npm run dev -w @stock-patterns/web", url: "http://localhost:5173" },
});

/** Where approvers open the console. */
export const consoleUrl = approverConsole.url;
