import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, removeTempDir, tempDir } from '../../helpers';
import { cli } from './cli-capture';

let dir: string;
let blocker: Server;
let port: number;

beforeAll(async () => {
  dir = await tempDir('usp-serve-port-');
  port = await freePort();
  blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', resolve));
});

afterAll(async () => {
  await new Promise<void>((resolve) => blocker.close(() => resolve()));
  await removeTempDir(dir);
});

describe('usp-console serve on a port in use', () => {
  it('exits 3 with one line saying so and what to try', async () => {
    const result = await cli('serve', '--port', String(port), '--data', join(dir, 'data'), '--renderer', dir);
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n').filter((l) => !l.includes('no built UI'))).toEqual([`usp-console serve: port ${port} is in use; try --port`, '']);
  });
});
