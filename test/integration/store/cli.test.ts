import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SnapshotService } from '../../../src/main/services/snapshots/snapshot-service';
import { Store } from '../../../src/main/store/store';
import { mutateSnapshot, syntheticSnapshot } from '../../helpers/synthetic-snapshot';
import { tempDir } from '../../helpers/temp-dir';
import { CLI_ENTRY } from '../../helpers/cli';

const root = join(import.meta.dirname, '../../..');
let dir: string;
let data: string;

/** Runs the built `usp-console` in its own process: exit status and output. */
function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI_ENTRY, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, XDG_DATA_HOME: join(dir, 'xdg') } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(async () => {
  dir = await tempDir();
  data = join(dir, 'data');
  const store = Store.open(data, { appVersion: 'cli-test' });
  const service = new SnapshotService(store);
  const a = syntheticSnapshot(300);
  service.persist({ ...a, label: 'baseline' });
  service.persist({ ...mutateSnapshot(a, 50), label: 'after' });
  service.persist({ ...a, label: 'same as baseline' });
  store.close();
});

// Each call starts a real process; on a loaded machine that takes seconds, hence the timeout.
describe('usp-console snapshots / export / import / diff', { timeout: 180_000 }, () => {
  it('lists stored snapshots, and an empty default data folder', () => {
    const list = cli('snapshots', '--data', data);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^ID\s+CAPTURED\s+AGENT\s+PARAMS\s+ORIGIN\s+LABEL/);
    expect(list.stdout).toContain('same as baseline');
    const empty = cli('snapshots');
    expect(empty).toMatchObject({ status: 0, stdout: 'no snapshots\n' });
  });

  it('exports JSON and CSV, redacted unless --no-redact, and imports the JSON back', () => {
    const json = join(dir, 'one.json');
    const exported = cli('export', '1', '--out', json, '--data', data);
    expect(exported.status).toBe(0);
    expect(exported.stderr).toMatch(/wrote 300 parameters .* 30 secrets redacted/);
    expect(readFileSync(json, 'utf8')).not.toContain('secret-7-pass');
    const csv = join(dir, 'one.csv');
    expect(cli('export', '1', '--out', csv, '--format', 'csv', '--no-redact', '--data', data).status).toBe(0);
    expect(readFileSync(csv, 'utf8')).toContain('Device.Hosts.Host.7.KeyPassphrase,secret-7-pass,string,false\r\n');
    const imported = cli('import', json, '--data', data);
    expect(imported.status).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ id: 4, agent: { endpointId: 'proto::synthetic' }, paramCount: 300 });
    expect(imported.stderr).toMatch(/^usp-console import: imported snapshot 4: proto::synthetic, 300 parameters/);
  });

  it('diffs IDs and files with diff(1) exit codes', () => {
    expect(cli('diff', '1', '3', '--data', data)).toMatchObject({ status: 0 });
    const differ = cli('diff', '1', '2', '--data', data);
    expect(differ.status).toBe(1);
    expect(differ.stdout).toContain('Values changed (6):');
    const file = join(dir, 'two.json');
    expect(cli('export', '2', '--out', file, '--data', data).status).toBe(0);
    const asJson = cli('diff', '1', file, '--json', '--data', data);
    expect(asJson.status).toBe(1);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ equal: false, left: { kind: 'snapshot', ref: '1' }, right: { kind: 'file', ref: file } });
    expect(cli('diff', file, '1', '--ignore', 'Device.Hosts.', '--data', data).status).toBe(0);
  });

  it('diffs with secrets redacted unless --no-redact, still reporting that they changed', () => {
    // Two files from snapshot 1 in clear, without the schema's secured flags (the name rule must
    // catch KeyPassphrase), the right one with a new passphrase for Host 5.
    const clear = join(dir, 'clear.json');
    expect(cli('export', '1', '--out', clear, '--no-redact', '--data', data).status).toBe(0);
    const doc = JSON.parse(readFileSync(clear, 'utf8')) as { schema: { params: { secured?: boolean }[] }[]; values: { path: string; value: string }[] };
    for (const o of doc.schema) for (const p of o.params) delete p.secured;
    const left = join(dir, 'secret-left.json');
    writeFileSync(left, JSON.stringify(doc));
    const changed = doc.values.find((v) => v.path === 'Device.Hosts.Host.5.KeyPassphrase')!;
    expect(changed.value).toBe('secret-5-pass');
    changed.value = 'NEW-wifi-passphrase-5';
    const right = join(dir, 'secret-right.json');
    writeFileSync(right, JSON.stringify(doc));

    const text = cli('diff', left, right);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain('Values changed (1):\n  ~ Device.Hosts.Host.5.KeyPassphrase: (redacted) → (redacted)\n');
    expect(text.stdout).not.toMatch(/secret-5-pass|NEW-wifi-passphrase-5/);
    const json = cli('diff', left, right, '--json');
    expect(json.status).toBe(1);
    expect(json.stdout).not.toMatch(/secret-5-pass|NEW-wifi-passphrase-5/);
    expect(JSON.parse(json.stdout).values.changed).toEqual([{ path: 'Device.Hosts.Host.5.KeyPassphrase', left: '', right: '', type: 'string', redacted: true }]);
    const unredacted = cli('diff', left, right, '--no-redact');
    expect(unredacted.status).toBe(1);
    expect(unredacted.stdout).toContain('~ Device.Hosts.Host.5.KeyPassphrase: "secret-5-pass" → "NEW-wifi-passphrase-5"');
    expect(cli('diff', '--help').stdout).toMatch(/--no-redact\s+include secrets/);
  });

  it('fails with a clear message on bad input (diff: status 2), storing nothing', () => {
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"format":"usp-console-snapshot","version":1,"values":[');
    const imported = cli('import', broken, '--data', data);
    expect(imported.status).toBe(2);
    expect(imported.stderr).toMatch(/broken\.json: not valid JSON/);
    expect(cli('diff', '1', '99', '--data', data)).toMatchObject({ status: 2, stderr: expect.stringMatching(/no snapshot with id 99/) });
    expect(cli('export', '1', '--data', data)).toMatchObject({ status: 2, stderr: expect.stringMatching(/missing --out/) });
    expect(cli('snapshots', '--data', data).stdout.trim().split('\n')).toHaveLength(5);
  });
});
