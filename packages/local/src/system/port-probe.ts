// Whether the API's port can be listened on, asked before anything starts: a port another program holds
// is refused at once, not after the emulators and the tables have started and stopped again.
import { createServer } from "node:http";
import { closeServer, LOOPBACK, listen } from "@stock-patterns/emulators";
import { PortRefused } from "./runtime-process";

/** The API's and console's port when none is given. */
export const DEFAULT_API_PORT = 3000;

/**
 * Listen on `port` at the loopback address for a moment, then let it go. Throws PortRefused (Node's code:
 * EADDRINUSE, EACCES, ...) when it cannot be listened on. Port 0 (any free port) is never refused. The port
 * may still be taken between this probe and the runtime's own listen: that refusal is the same PortRefused.
 *
 * @example
 * await probePort(3000); // throws PortRefused { code: "EADDRINUSE", ... } while another program holds it
 */
export async function probePort(port: number): Promise<void> {
  if (port === 0) return;
  const server = createServer();
  try {
    await listen(server, port);
  } catch (error) {
    const { syscall, code } = error as NodeJS.ErrnoException;
    if (syscall !== "listen" || !code) throw error;
    throw new PortRefused({ code, address: LOOPBACK, port });
  }
  await closeServer(server);
}
