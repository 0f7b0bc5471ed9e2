import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/main/app/create-app';
import { BenchCa } from '../../../src/main/services/certificates/bench-ca';
import { collectWarnings, freePort, tempDir, waitUntil } from '../../helpers';
import { guardChild, killQuietly } from '../../helpers/child-process-guard';
import { CLI_ENTRY } from '../../helpers/cli';

const CONTROLLER_ID = 'self::usp-console-wss';

let app: App;
const { warn, warnings } = collectWarnings();
let data: string;
let port: number;

beforeAll(async () => {
  data = await tempDir();
  const ca = new BenchCa(data);
  await ca.init();
  const own = await ca.issue({ endpointId: CONTROLLER_ID, controller: true, days: 1 });
  port = await freePort();
  app = await createApp({
    dataDir: data,
    host: 'web',
    appVersion: 'test',
    warn,
    controllerEndpointId: CONTROLLER_ID,
    webSocketListeners: [{ id: 'wss', name: 'wss', enabled: true, host: '127.0.0.1', port, path: '/usp', tls: { requireClientCert: true } }],
    certificates: { trustedCaFile: ca.caFile, certFile: own.certFile, keyFile: own.keyFile },
  });
});

afterAll(async () => {
  await app.close();
  expect(warnings).toEqual([]);
});

describe('the console with its certificate settings and simulated agents with bench certificates', () => {
  it('serves wss:// with the settings certificate, shows each agent link\'s TLS state and the certificates in the settings', async () => {
    const certificates = await app.api.getCertificates();
    expect(certificates.trustedCa).toMatchObject({ file: join(data, 'certs', 'ca.crt'), error: null, certificates: [{ subject: 'CN=USP Console bench CA, O=USP Console', ca: true }] });
    expect(certificates.console?.certificates[0]?.endpointIds).toEqual([CONTROLLER_ID]);
    expect(app.transports.status()).toContainEqual(expect.objectContaining({ profileId: 'wss', state: 'listening', detail: `listening on wss://127.0.0.1:${port}/usp` }));

    // `usp-console sim --issue-certs` issues each agent its certificate from the same bench CA.
    const child = spawn(
      process.execPath,
      [CLI_ENTRY, 'sim', '--agents', '2', '--id-prefix', 'proto::wss-sim-', '--controller-id', CONTROLLER_ID, '--ws-connect', `wss://localhost:${port}/usp`, '--issue-certs', '--data', data],
      { cwd: join(import.meta.dirname, '../../..'), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    guardChild(child, false);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      await waitUntil(() => stderr.includes('2 agents running'), `the simulated agents to connect (stderr: ${stderr})`, 60_000);
      expect(stdout.trim().split('\n').sort()).toEqual(['proto::wss-sim-1', 'proto::wss-sim-2']);
      await waitUntil(() => ['proto::wss-sim-1', 'proto::wss-sim-2'].every((id) => app.controller.agent(id)?.online === true), 'both agents online', 20_000);
      const detail = await app.api.getAgent('proto::wss-sim-2');
      expect(detail.certificateRefusal).toBeNull();
      expect(detail.mtps).toHaveLength(1);
      expect(detail.mtps[0]?.tls).toMatchObject({
        authorized: true,
        peerIsEndpoint: true,
        peer: { subject: 'CN=proto::wss-sim-2, O=USP Console bench', issuer: 'CN=USP Console bench CA, O=USP Console', endpointIds: ['proto::wss-sim-2'] },
      });
      expect(detail.mtps[0]?.tls?.protocol).toMatch(/^TLSv1\.[23]$/);
    } finally {
      killQuietly(child, false, 'SIGINT');
    }
  });
});
