import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Starts `server` listening and resolves with the port it got (port 0 picks a free one).
 * A bind error (port in use) rejects instead of crashing the process, and the one-shot
 * error listener is removed once listening, so later errors reach the server's own handlers.
 */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
