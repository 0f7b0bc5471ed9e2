import { describe, expect, it } from 'vitest';
import { simTlsFiles } from '../../../src/main/cli/commands/sim-tls';

describe('usp-console sim TLS flags', () => {
  it('gives each agent the shared or its own certificate files', async () => {
    const shared = await simTlsFiles({ ca: '/ca.crt', cert: '/a.crt', key: '/a.key' }, 'mqtts://broker:8883', ['proto::sim-1']);
    expect(typeof shared === 'function' && shared('proto::sim-1')).toEqual({ caFile: '/ca.crt', certFile: '/a.crt', keyFile: '/a.key' });
    const perAgent = await simTlsFiles({ 'cert-dir': '/certs' }, 'wss://console:8443/usp', ['proto::sim-1']);
    expect(typeof perAgent === 'function' && perAgent('proto::sim-1')).toEqual({ certFile: '/certs/proto__sim-1.crt', keyFile: '/certs/proto__sim-1.key' });
    const plain = await simTlsFiles({}, 'mqtt://broker:1883', ['proto::sim-1']);
    expect(typeof plain === 'function' && plain('proto::sim-1')).toBeUndefined();
  });

  it('refuses TLS flags on a plain URL and contradictory certificate sources', async () => {
    expect(await simTlsFiles({ ca: '/ca.crt' }, 'mqtt://broker:1883', [])).toBe('--ca needs an mqtts://, stomps:// or wss:// URL, not mqtt://broker:1883');
    expect(await simTlsFiles({ cert: '/a.crt' }, 'stomps://b:61614', [])).toBe('--cert and --key go together');
    expect(await simTlsFiles({ cert: '/a.crt', key: '/a.key', 'cert-dir': '/c' }, 'wss://c/usp', [])).toBe('give only one of --cert/--key, --cert-dir or --issue-certs');
  });
});
