// Start and stop Node HTTP servers on loopback, the one way every emulator and endpoint here is served.

import { once } from "node:events";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Loopback only: nothing local is reachable from another machine. */
export const LOOPBACK = "127.0.0.1";

/**
 * Listen on `port` (0 = any free port) on loopback and answer the server's base URL.
 *
 * @example
 * const url = await listen(http.createServer(handler), 0); // "http://127.0.0.1:41234"
 */
export async function listen(server: Server, port = 0, host = LOOPBACK): Promise<string> {
  const failed = once(server, "error").then(([error]) => {
    throw error;
  });
  server.listen(port, host);
  await Promise.race([once(server, "listening"), failed]);
  const address = server.address() as AddressInfo;
  return `http://${host}:${address.port}`;
}

/**
 * Close a server and every connection it holds (SDK clients keep connections alive).
 *
 * @example
 * await closeServer(server);
 */
export async function closeServer(server: Server): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve, reject) =>
    server.close((error) => (error ? reject(error) : resolve())),
  );
  server.closeAllConnections();
  await closed;
}
