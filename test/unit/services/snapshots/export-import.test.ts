import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { csvField, csvRow } from '../../../../src/main/services/snapshots/csv';
import { exportSnapshotToFile } from '../../../../src/main/services/snapshots/export-snapshot';
import { importSnapshotFile, parseSnapshotText, SnapshotFileError } from '../../../../src/main/services/snapshots/import-snapshot';
import { snapshotJsonSchema } from '../../../../src/main/services/snapshots/snapshot-file-schema';
import { SnapshotService } from '../../../../src/main/services/snapshots/snapshot-service';
import { Store } from '../../../../src/main/store/store';
import { tempDir } from '../../../helpers/temp-dir';
import { syntheticSnapshot } from '../../../helpers/synthetic-snapshot';
import { gatewaySnapshot } from '../../store/fixtures/gateway-snapshot';
import { checkJsonSchema } from '../../store/fixtures/mini-json-schema';

const root = join(import.meta.dirname, '../../../..');
let dir: string;
let store: Store;
let service: SnapshotService;

beforeEach(async () => {
  dir = await tempDir();
  store = Store.open(join(dir, 'data'), { appVersion: '0.1.0-test' });
  service = new SnapshotService(store);
});
afterEach(() => store.close());

/** RFC 4180 reader for the test: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

function tableCounts(): number[] {
  return ['snapshot', 'snapshot_object', 'snapshot_instance', 'snapshot_value'].map(
    (t) => (store.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
  );
}

describe('JSON Schema file', () => {
  it('is exactly what the import validator generates', () => {
    const committed = JSON.parse(readFileSync(join(root, 'resources/schemas/snapshot-v1.schema.json'), 'utf8'));
    expect(committed).toEqual(snapshotJsonSchema());
  });

  it('accepts an export of the gateway model (checked without zod)', async () => {
    const meta = service.persist(gatewaySnapshot().data);
    const file = join(dir, 'gw.json');
    await exportSnapshotToFile(store, meta.id, file, 'json');
    const schema = JSON.parse(readFileSync(join(root, 'resources/schemas/snapshot-v1.schema.json'), 'utf8'));
    expect(checkJsonSchema(schema, JSON.parse(readFileSync(file, 'utf8')))).toEqual([]);
    expect(checkJsonSchema(schema, { format: 'usp-console-snapshot', version: 2 }).length).toBeGreaterThan(0);
  });
});

describe('docs/snapshot-format.md', () => {
  it('has an example that the importer accepts', () => {
    const doc = readFileSync(join(root, 'docs/snapshot-format.md'), 'utf8');
    const example = /```json\n([\s\S]*?)\n```/.exec(doc)![1]!;
    const data = parseSnapshotText(example, 'example');
    expect(data.values.find((v) => v.redacted)?.path).toBe('Device.WiFi.AccessPoint.1.Security.KeyPassphrase');
  });
});

describe('export', () => {
  it('round-trips through JSON: import gives back the same snapshot', async () => {
    const { data } = gatewaySnapshot();
    const meta = service.persist(data);
    const file = join(dir, 'gw.json');
    const summary = await exportSnapshotToFile(store, meta.id, file, 'json', { redact: false });
    expect(summary).toEqual({ values: data.values.length, redacted: 0 });
    const imported = await importSnapshotFile(store, file);
    expect(imported).toMatchObject({ source: 'import', label: data.label, paramCount: data.values.length, agent: data.agent, capturedAt: data.capturedAt });
    const back = service.load(imported.id);
    expect(back.values).toEqual(data.values);
    expect(back.schema).toEqual(data.schema);
    expect(back.instances).toEqual([...data.instances].sort((a, b) => (a.path < b.path ? -1 : 1)));
  });

  it('redacts every secret of the simulator model in JSON and CSV unless told not to', async () => {
    const { data, secrets } = gatewaySnapshot();
    expect(secrets).toContain('Gw!7f10-Adm1n');
    expect(secrets).toContain('12345670');
    const meta = service.persist(data);
    for (const format of ['json', 'csv'] as const) {
      const file = join(dir, `gw.${format}`);
      const summary = await exportSnapshotToFile(store, meta.id, file, format);
      const text = readFileSync(file, 'utf8');
      for (const s of secrets) expect(text, `${format} leaks ${s}`).not.toContain(s);
      expect(summary.redacted).toBeGreaterThanOrEqual(secrets.length);
      const open = join(dir, `gw-open.${format}`);
      await exportSnapshotToFile(store, meta.id, open, format, { redact: false });
      const openText = readFileSync(open, 'utf8');
      for (const s of secrets) expect(openText).toContain(format === 'csv' ? csvField(s) : JSON.stringify(s).slice(1, -1));
    }
  });

  it('redacts by the schema secured flag even when the name looks harmless', async () => {
    const { data } = gatewaySnapshot();
    data.schema = data.schema.map((o) => (o.path === 'Device.DeviceInfo.' ? { ...o, params: o.params.map((p) => (p.name === 'SerialNumber' ? { ...p, secured: true } : p)) } : o));
    const meta = service.persist(data);
    const file = join(dir, 'gw.json');
    await exportSnapshotToFile(store, meta.id, file, 'json');
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(doc.redacted).toBe(true);
    expect(doc.values.find((v: { path: string }) => v.path === 'Device.DeviceInfo.SerialNumber')).toEqual({ path: 'Device.DeviceInfo.SerialNumber', value: '', redacted: true });
    // the agent identity keeps the serial: it names the device, it is not a credential
    expect(doc.snapshot.agent.serialNumber).toBe('ACM5400A1B2C3D4');
  });

  it('writes CSV with RFC 4180 quoting, one parameter per row', async () => {
    expect(csvRow(['a', 'b,c', 'say "hi"', 'two\nlines', 'cr\r'])).toBe('a,"b,c","say ""hi""","two\nlines","cr\r"\r\n');
    const data = syntheticSnapshot(1000);
    const meta = service.persist(data);
    const file = join(dir, 's.csv');
    await exportSnapshotToFile(store, meta.id, file, 'csv');
    const rows = parseCsv(readFileSync(file, 'utf8'));
    expect(rows[0]).toEqual(['path', 'value', 'type', 'redacted']);
    expect(rows).toHaveLength(1001);
    const byPath = new Map(rows.slice(1).map((r) => [r[0], r]));
    expect(byPath.get('Device.Hosts.Host.7.HostName')).toEqual(['Device.Hosts.Host.7.HostName', 'host-7, "lab" box', 'string', 'false']);
    expect(byPath.get('Device.Hosts.Host.100.Comment')?.[1]).toBe('multi\nline');
    expect(byPath.get('Device.Hosts.Host.7.KeyPassphrase')).toEqual(['Device.Hosts.Host.7.KeyPassphrase', '', 'string', 'true']);
  });

  it('leaves no file behind when the export fails', async () => {
    const meta = service.persist(syntheticSnapshot(100));
    await expect(exportSnapshotToFile(store, meta.id, join(dir, 'missing-dir', 'x.json'), 'json')).rejects.toThrow(/ENOENT/);
    await expect(exportSnapshotToFile(store, 999, join(dir, 'x.json'), 'json')).rejects.toThrow(/no snapshot with id 999/);
  });
});

describe('import refuses broken or foreign files and writes nothing', () => {
  let good: string;

  beforeEach(async () => {
    const meta = service.persist(gatewaySnapshot().data);
    const file = join(dir, 'good.json');
    await exportSnapshotToFile(store, meta.id, file, 'json');
    good = readFileSync(file, 'utf8');
  });

  const cases: [string, (text: string) => string, RegExp][] = [
    ['truncated', (t) => t.slice(0, Math.floor(t.length / 2)), /not valid JSON, the file may be truncated/],
    ['empty', () => '', /not valid JSON/],
    ['foreign JSON', () => JSON.stringify({ hello: 'world' }), /not a USP Console snapshot file/],
    ['a JSON array', () => '[1,2,3]', /not a USP Console snapshot file/],
    ['newer version', (t) => t.replace('"version": 1', '"version": 2'), /format version 2 is not supported/],
    [
      'wrong types',
      (t) => {
        const d = JSON.parse(t);
        d.values[3].value = 42;
        return JSON.stringify(d);
      },
      /values\.3\.value/,
    ],
    [
      'unknown field',
      (t) => {
        const d = JSON.parse(t);
        d.snapshot.agent.extra = 'x';
        return JSON.stringify(d);
      },
      /snapshot\.agent/,
    ],
    [
      'counts that do not match (cut rows)',
      (t) => {
        const d = JSON.parse(t);
        d.values = d.values.slice(0, 10);
        return JSON.stringify(d);
      },
      /counts\.values says \d+ but the file holds 10/,
    ],
    [
      'hostile string size',
      (t) => {
        const d = JSON.parse(t);
        d.values[0].path = 'Device.' + 'A'.repeat(5000);
        return JSON.stringify(d);
      },
      /values\.0\.path/,
    ],
    [
      'hostile count',
      (t) => {
        const d = JSON.parse(t);
        d.counts.values = 1e12;
        return JSON.stringify(d);
      },
      /counts\.values/,
    ],
    [
      'a search path as a value path',
      (t) => {
        const d = JSON.parse(t);
        d.values[0].path = 'Device.WiFi.SSID.*.SSID';
        return JSON.stringify(d);
      },
      /not a valid value path/,
    ],
    [
      'duplicate paths',
      (t) => {
        const d = JSON.parse(t);
        d.values[1].path = d.values[0].path;
        return JSON.stringify(d);
      },
      /appears twice/,
    ],
  ];

  it.each(cases)('%s', async (_name, corrupt, message) => {
    const before = tableCounts();
    const file = join(dir, 'bad.json');
    writeFileSync(file, corrupt(good));
    const err = await importSnapshotFile(store, file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SnapshotFileError);
    expect((err as Error).message).toMatch(message);
    expect(tableCounts()).toEqual(before);
  });

  it('refuses a file above the size limit before reading it', async () => {
    const before = tableCounts();
    const file = join(dir, 'big.json');
    writeFileSync(file, good);
    await expect(importSnapshotFile(store, file, { maxBytes: 1000 })).rejects.toThrow(/above the 1000-byte import limit/);
    await expect(importSnapshotFile(store, join(dir, 'nope.json'))).rejects.toThrow(/cannot read the file/);
    expect(tableCounts()).toEqual(before);
  });

  it('keeps redacted values marked as unknown', () => {
    const data = parseSnapshotText(good, 'good.json');
    expect(data.values.filter((v) => v.redacted).every((v) => v.value === '')).toBe(true);
    expect(data.values.some((v) => v.redacted)).toBe(true);
  });
});
