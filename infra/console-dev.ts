// Where the approver console runs under `sst dev`: SST starts the dev command and hands its URL to the
// functions that write approval links, but does not start Vite on that URL; Vite moves to the next free port
// unless told not to, and the links would then open whatever else holds this one.

/** The port Vite serves the console on under `sst dev` (Vite's own default). */
export const CONSOLE_DEV_PORT = 5173;

/** The console's address under `sst dev`: the StaticSite's dev URL, the base of the stage's approval links. */
export const CONSOLE_DEV_URL = `http://localhost:${CONSOLE_DEV_PORT}`;

/**
 * The command `sst dev` runs for the console: Vite on CONSOLE_DEV_PORT or not at all (`--strictPort` makes a
 * taken port an error in the console's pane instead of a silent move).
 * @example
 * new sst.aws.StaticSite("ApproverConsole", { dev: { command: CONSOLE_DEV_COMMAND, url: CONSOLE_DEV_URL } });
 */
export const CONSOLE_DEV_COMMAND = `npm run dev -w @stock-patterns/web -- --port ${CONSOLE_DEV_PORT} --strictPort`;
