import { describe, expect, it } from 'vitest';
import { jobFileSchema } from '../../../../src/shared/jobs/job-file';
import { jobSecrets, redactAgentPreview, redactJobFile, redactSecrets, REDACTED } from '../../../../src/shared/jobs/job-secrets';

const firmware = (over: object = {}) =>
  jobFileSchema.parse({ name: 'fw', targets: { agents: ['a1'] }, operation: { kind: 'firmware', url: 'https://fw.example.net/gw-2.0.img', expectedVersion: '2.0', ...over } });

describe('job secrets', () => {
  it('redacts a firmware password and the password in the image URL, leaving the stored file whole', () => {
    const file = firmware({ url: 'https://fw:p%40ss@fw.example.net/gw-2.0.img', username: 'fw', password: 's3cret' });
    const shown = redactJobFile(file);
    expect(shown.operation).toMatchObject({ url: `https://fw:${REDACTED}@fw.example.net/gw-2.0.img`, username: 'fw', password: REDACTED, expectedVersion: '2.0' });
    expect(JSON.stringify(shown)).not.toMatch(/s3cret|p%40ss|p@ss/);
    expect(file.operation).toMatchObject({ url: 'https://fw:p%40ss@fw.example.net/gw-2.0.img', password: 's3cret' });
  });

  it('leaves files without secrets as they are', () => {
    const plain = firmware();
    expect(redactJobFile(plain)).toEqual(plain);
    expect('password' in redactJobFile(plain).operation).toBe(false);
    expect(redactJobFile(firmware({ url: 'https://fw@fw.example.net/x-2.0.img' })).operation).toMatchObject({ url: 'https://fw@fw.example.net/x-2.0.img' });
    const set = jobFileSchema.parse({ name: 's', targets: { agents: ['a1'] }, operation: { kind: 'set', params: { 'Device.WiFi.SSID.1.SSID': 's3cret' } } });
    expect(redactJobFile(set)).toBe(set);
    expect(jobSecrets(set.operation)).toEqual([]);
  });

  it('redacts every secret, as written and decoded, in text such as an agent error message', () => {
    const op = firmware({ url: 'https://fw:p%40ss@fw.example.net/gw-2.0.img', password: 's3cret' }).operation;
    expect(jobSecrets(op)).toEqual(['s3cret', 'p%40ss', 'p@ss']);
    expect(redactSecrets('download from https://fw:p%40ss@fw.example.net/gw-2.0.img failed (p@ss, s3cret)', jobSecrets(op))).toBe(
      `download from https://fw:${REDACTED}@fw.example.net/gw-2.0.img failed (${REDACTED}, ${REDACTED})`,
    );
    expect(redactSecrets('no secret here', [])).toBe('no secret here');
  });

  it('redacts the values of secret parameters the predicate names: set and add params, operate args, preview values and messages', () => {
    const isSecret = (path: string) => /\.(KeyPassphrase|Password)$/.test(path);
    const set = jobFileSchema.parse({ name: 's', targets: { agents: ['a1'] }, operation: { kind: 'set', params: { 'Device.WiFi.SSID.1.SSID': 'x', 'Device.WiFi.AccessPoint.1.Security.KeyPassphrase': 'zz-pass' } } });
    expect(redactJobFile(set, isSecret).operation).toEqual({ kind: 'set', params: { 'Device.WiFi.SSID.1.SSID': 'x', 'Device.WiFi.AccessPoint.1.Security.KeyPassphrase': REDACTED } });
    expect(set.operation).toMatchObject({ params: { 'Device.WiFi.AccessPoint.1.Security.KeyPassphrase': 'zz-pass' } });
    expect(jobSecrets(set.operation, isSecret)).toEqual(['zz-pass']);
    const add = jobFileSchema.parse({ name: 'a', targets: { agents: ['a1'] }, operation: { kind: 'add', object: 'Device.Users.User.', params: { Username: 'u', Password: 'pw1' } } });
    expect(redactJobFile(add, isSecret).operation).toMatchObject({ params: { Username: 'u', Password: REDACTED } });
    const operate = jobFileSchema.parse({ name: 'o', targets: { agents: ['a1'] }, operation: { kind: 'operate', command: 'Device.X.Unlock()', args: { Password: 'pw2' } } });
    expect(redactJobFile(operate, isSecret).operation).toMatchObject({ args: { Password: REDACTED } });
    const path = 'Device.WiFi.AccessPoint.1.Security.KeyPassphrase';
    const preview = { endpointId: 'a1', online: true, flags: [], skip: false, items: [{ path, current: 'old-pw', next: 'zz-pass', flags: ['bad-value' as const], message: '"zz-pass" is not base64' }] };
    expect(redactAgentPreview(preview, set.operation, isSecret).items).toEqual([{ path, current: REDACTED, next: REDACTED, flags: ['bad-value'], message: `"${REDACTED}" is not base64` }]);
    const addPreview = { ...preview, items: [{ path: 'Device.Users.User.', current: null, next: JSON.stringify({ Username: 'u', Password: 'pw1' }), flags: [], message: 'Password: "pw1" is odd' }] };
    expect(redactAgentPreview(addPreview, add.operation, isSecret).items[0]).toEqual({ path: 'Device.Users.User.', current: null, next: JSON.stringify({ Username: 'u', Password: REDACTED }), flags: [], message: `Password: "${REDACTED}" is odd` });
  });
});
