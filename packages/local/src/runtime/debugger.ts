// npm start --inspect opens Node's inspector in this process. A debugger still attached when the runtime
// exits held it at "Waiting for the debugger to disconnect...", and npm start's stop waited out its 15 s
// grace before killing it; so the runtime closes the inspector's connections itself before it exits.

import { close, url } from "node:inspector";

/**
 * Closes the inspector's connections (a debugger attached is told the session ended), if it is open.
 *
 * @example
 * letDebuggerGo(); // then process.exit(0)
 */
export function letDebuggerGo(): void {
  if (url() !== undefined) close();
}
