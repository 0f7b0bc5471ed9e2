import { describe, expect, it } from 'vitest';
import { jobFileSchema } from '../../../../src/shared/jobs/job-file';
import { jobSecrets, redactJobFile, redactSecrets, REDACTED } from '../../../../src/shared/jobs/job-secrets';

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
});
