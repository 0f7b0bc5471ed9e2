import { createServer } from 'node:net';

/**
 * A TCP port on 127.0.0.1 that nothing listens on right now: the OS picks it (bind to
 * port 0), we close the probe and hand the number out. Another process could in theory
 * grab it in between; on a test machine that race is negligible.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('could not learn the probe port'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}
