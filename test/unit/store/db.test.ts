import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { integrityCheckFor, markCleanShutdown, openDatabase } from '../../../src/main/store/db';
import type { Migration } from '../../../src/main/store/migration';
import { migrations } from '../../../src/main/store/migrations';
import { Store } from '../../../src/main/store/store';
import { StoreError } from '../../../src/main/store/store-error';
import { tempDir } from '../../helpers/temp-dir';
import { createV1Database } from './fixtures/schema-v1';

const latest = migrations[migrations.length - 1]!.version;
const sha = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

function expectStoreError(fn: () => unknown, code: StoreError['code'], text: RegExp): void {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe(code);
    expect((err as StoreError).message).toMatch(text);
    return;
  }
  throw new Error('expected a StoreError');
}

describe('openDatabase', () => {
  it('creates a new file in WAL mode with foreign keys on and no backup', async () => {
    const dir = await tempDir();
    const file = join(dir, 'nested', 'usp-console.db');
    const { db, fromVersion, toVersion, backupFile } = openDatabase(file, { appVersion: '1.0.0' });
    expect([fromVersion, toVersion, backupFile]).toEqual([0, latest, null]);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'appVersion'").get()).toEqual({ value: '1.0.0' });
    db.close();
    const again = openDatabase(file, { appVersion: '1.0.1' });
    expect(again.fromVersion).toBe(latest);
    expect(again.backupFile).toBeNull();
    again.db.close();
  });

  it('refuses a database from a newer schema and leaves it byte-identical, without side files', async () => {
    const dir = await tempDir();
    const file = join(dir, 'usp-console.db');
    const newer = new Database(file);
    newer.exec('CREATE TABLE future (x)');
    newer.pragma(`user_version = ${latest + 5}`);
    newer.close();
    const before = sha(file);
    expectStoreError(() => openDatabase(file, { appVersion: '1.0.0' }), 'newer-schema', new RegExp(`schema version ${latest + 5}.*newer USP Console`));
    expect(sha(file)).toBe(before);
    expect(readdirSync(dir)).toEqual(['usp-console.db']);
  });

  it('refuses a file that is not SQLite, untouched', async () => {
    const dir = await tempDir();
    const file = join(dir, 'usp-console.db');
    writeFileSync(file, 'this is a text file, not a database\n'.repeat(10));
    const before = sha(file);
    expectStoreError(() => openDatabase(file, { appVersion: '1.0.0' }), 'not-a-database', /not a USP Console database/);
    expect(sha(file)).toBe(before);
  });

  it('reports a damaged database with a clear error', async () => {
    const dir = await tempDir();
    const file = join(dir, 'usp-console.db');
    const { db } = openDatabase(file, { appVersion: '1.0.0' });
    const insert = db.prepare("INSERT INTO audit(at, action, path, result) VALUES (?, 'set', ?, 'success')");
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run(i, `Device.X.${i}.${'y'.repeat(50)}`);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(file);
    // Scribble over the b-tree page headers of a run of pages in the middle of the table.
    for (let page = 4; page < 12; page++) bytes.fill(0x5a, 4096 * page, 4096 * page + 12);
    writeFileSync(file, bytes);
    expectStoreError(() => openDatabase(file, { appVersion: '1.0.0' }), 'corrupt', /integrity check|cannot open/);
  });

  it('upgrades a version-1 database with data, writing a backup first', async () => {
    const dir = await tempDir();
    const file = join(dir, 'usp-console.db');
    createV1Database(file);
    const store = Store.openFile(file, { appVersion: '1.0.0' });
    expect(store.migratedFrom).toBe(1);
    expect(store.backupFile).not.toBeNull();
    expect(store.db.pragma('user_version', { simple: true })).toBe(latest);
    const agent = store.agents.get('os::012345-AABBCCDDEEFF')!;
    expect(agent).toMatchObject({ pinned: true, tags: ['lab'], uspVersions: ['1.3'], approval: 'approved', presence: 'offline' });
    expect(agent.addresses).toEqual([{ transportId: 'mqtt-1', kind: 'mqtt', target: 'usp/agent/1' }]);
    expect(store.agents.presenceHistory('os::012345-AABBCCDDEEFF').map((p) => p.reason)).toEqual(['socket closed', 'connect record']);
    expect(store.getCachedValues('os::012345-AABBCCDDEEFF', 'Device.WiFi.SSID.1.')).toMatchObject([{ value: 'Acme-7F10', type: 'string' }]);
    expect(store.notifications.query()).toHaveLength(1);
    expect(store.audit.list()[0]).toMatchObject({ oldValue: 'Old', newValue: 'Acme-7F10' });
    expect(store.settings.get('ui.theme', 'light')).toBe('dark');
    expect(store.jobs.get('job-1')?.state).toBe('succeeded');
    expect(store.snapshots.list()).toEqual([]);
    store.close();

    const backup = new Database(store.backupFile!, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.prepare('SELECT count(*) AS n FROM value').get()).toEqual({ n: 1 });
    backup.close();
  });

  it('backs up a version-0 file that already holds tables before migrating it', async () => {
    const dir = await tempDir();
    const file = join(dir, 'usp-console.db');
    const old = new Database(file);
    old.exec("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('keep me')");
    old.close();
    const { db, backupFile, fromVersion } = openDatabase(file, { appVersion: '1.0.0' });
    expect(fromVersion).toBe(0);
    expect(backupFile && existsSync(backupFile)).toBe(true);
    expect(db.prepare('SELECT text FROM notes').get()).toEqual({ text: 'keep me' });
    db.close();
  });

  it('runs each migration in its own transaction and stops at the one that fails', async () => {
    const dir = await tempDir();
    const file = join(dir, 'synthetic.db');
    const m1: Migration = { version: 1, name: 'one', up: (db) => db.exec('CREATE TABLE a (x); INSERT INTO a VALUES (1)') };
    const m2: Migration = { version: 2, name: 'two', up: (db) => db.exec('CREATE TABLE b (x); INSERT INTO nowhere VALUES (1)') };
    openDatabase(file, { appVersion: 't', migrations: [m1] }).db.close();
    expectStoreError(() => openDatabase(file, { appVersion: 't', migrations: [m1, m2] }), 'migration-failed', /migration 2 \(two\).*left at version 1.*backup at/);
    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'b'").get()).toBeUndefined();
    expect(db.prepare('SELECT x FROM a').get()).toEqual({ x: 1 });
    db.close();
  });
});

describe('openDatabase, edge by edge', () => {
  it('sets the durability pragmas and records the app version on every open', async () => {
    const file = join(await tempDir(), 'usp-console.db');
    openDatabase(file, { appVersion: '1.0.0' }).db.close();
    const { db } = openDatabase(file, { appVersion: '2.3.4' });
    expect(db.pragma('synchronous', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'appVersion'").get()).toEqual({ value: '2.3.4' });
    db.close();
  });

  it('names the backup after the version it came from and the time of the upgrade', async () => {
    const file = join(await tempDir(), 'usp-console.db');
    createV1Database(file);
    const opened = openDatabase(file, { appVersion: '1.0.0', now: () => 1_700_000_000_123 });
    expect(opened.backupFile).toBe(`${file}.v1-1700000000123.bak`);
    expect(existsSync(opened.backupFile!)).toBe(true);
    opened.db.close();
  });

  it('treats an empty file as a new database', async () => {
    const file = join(await tempDir(), 'usp-console.db');
    writeFileSync(file, '');
    const { db, fromVersion, backupFile } = openDatabase(file, { appVersion: '1.0.0' });
    expect([fromVersion, backupFile]).toEqual([0, null]);
    db.close();
  });

  it('refuses a file shorter than an SQLite header, untouched', async () => {
    const file = join(await tempDir(), 'usp-console.db');
    writeFileSync(file, 'SQLite format 3\0short');
    const before = sha(file);
    expectStoreError(() => openDatabase(file, { appVersion: '1.0.0' }), 'not-a-database', /not an SQLite file/);
    expect(sha(file)).toBe(before);
  });

  it('reads the schema version from unmerged WAL commits, not only from the file header', async () => {
    const file = join(await tempDir(), 'usp-console.db');
    openDatabase(file, { appVersion: '1.0.0' }).db.close();
    // A writer still holding the file, its version bump only in the WAL.
    const writer = new Database(file);
    writer.pragma('wal_autocheckpoint = 0');
    writer.pragma(`user_version = ${latest + 1}`);
    try {
      expectStoreError(() => openDatabase(file, { appVersion: '1.0.0' }), 'newer-schema', new RegExp(`schema version ${latest + 1}`));
    } finally {
      writer.close();
    }
  });

  it('opens a database at exactly the latest version without migrating or backing up', async () => {
    const file = join(await tempDir(), 'synthetic.db');
    const m1: Migration = { version: 1, name: 'one', up: (db) => db.exec('CREATE TABLE a (x)') };
    const m2: Migration = { version: 2, name: 'two', up: (db) => db.exec('CREATE TABLE b (x)') };
    openDatabase(file, { appVersion: 't', migrations: [m1, m2] }).db.close();
    const again = openDatabase(file, { appVersion: 't', migrations: [m1, m2] });
    expect([again.fromVersion, again.toVersion, again.backupFile]).toEqual([2, 2, null]);
    again.db.close();
    expect(readdirSync(join(file, '..')).filter((f) => f.endsWith('.bak'))).toEqual([]);
  });

  it('runs only the migrations above the version on disk, in order', async () => {
    const file = join(await tempDir(), 'synthetic.db');
    const ran: number[] = [];
    const step = (version: number): Migration => ({ version, name: `m${version}`, up: (db) => {
      ran.push(version);
      db.exec(`CREATE TABLE t${version} (x)`);
    } });
    openDatabase(file, { appVersion: 't', migrations: [step(1)] }).db.close();
    const opened = openDatabase(file, { appVersion: 't', migrations: [step(1), step(2), step(3)] });
    expect(ran).toEqual([1, 2, 3]);
    expect([opened.fromVersion, opened.toVersion]).toEqual([1, 3]);
    expect(opened.db.pragma('user_version', { simple: true })).toBe(3);
    opened.db.close();
  });

  it('reports a failing first migration of a new file without a backup', async () => {
    const file = join(await tempDir(), 'synthetic.db');
    const broken: Migration = { version: 1, name: 'broken', up: (db) => db.exec('INSERT INTO nowhere VALUES (1)') };
    try {
      openDatabase(file, { appVersion: 't', migrations: [broken] });
      throw new Error('expected a StoreError');
    } catch (err) {
      expect(err).toBeInstanceOf(StoreError);
      expect((err as StoreError).message).toMatch(/^migration 1 \(broken\) of .* failed: no such table: nowhere; the database was left at version 0$/);
    }
  });

  it('knows version 0 when there are no migrations at all', async () => {
    const file = join(await tempDir(), 'bare.db');
    const { db, toVersion } = openDatabase(file, { appVersion: 't', migrations: [] });
    expect(toVersion).toBe(0);
    db.close();
  });
});

describe('openDatabase, damage and resources', () => {
  const openFds = (): number => readdirSync('/proc/self/fd').length;

  it('refuses a database whose integrity check fails, listing at most three problems', async () => {
    const file = join(await tempDir(), 'usp-console.db');
    openDatabase(file, { appVersion: '1.0.0' }).db.close();
    const raw = new Database(file);
    raw.exec('CREATE TABLE extra (x INTEGER, y INTEGER); CREATE INDEX extra_x ON extra(x)');
    const insert = raw.prepare('INSERT INTO extra VALUES (?, ?)');
    for (let i = 0; i < 50; i++) insert.run(i, 1000 - i);
    // Point the index definition at the other column: every index entry now disagrees with its row.
    raw.unsafeMode(true);
    raw.pragma('writable_schema = ON');
    raw.prepare("UPDATE sqlite_master SET sql = 'CREATE INDEX extra_x ON extra(y)' WHERE name = 'extra_x'").run();
    raw.pragma('writable_schema = OFF');
    raw.close();
    try {
      openDatabase(file, { appVersion: '1.0.0' });
      throw new Error('expected a StoreError');
    } catch (err) {
      expect(err).toBeInstanceOf(StoreError);
      expect((err as StoreError).code).toBe('corrupt');
      const message = (err as StoreError).message;
      expect(message).toMatch(/failed its integrity check \(.+\); restore a backup or move it away$/);
      expect(message.slice(message.indexOf('(') + 1, message.lastIndexOf(')')).split('; ')).toHaveLength(3);
    }
  });

  it('wraps what SQLite refuses as a corrupt-database error that keeps its cause', async () => {
    const file = join(await tempDir(), 'usp-console.db');
    const bytes = Buffer.alloc(4096, 0xa5);
    bytes.write('SQLite format 3\0', 0, 'latin1');
    bytes.writeUInt32BE(0, 60);
    writeFileSync(file, bytes);
    try {
      openDatabase(file, { appVersion: '1.0.0' });
      throw new Error('expected a StoreError');
    } catch (err) {
      expect(err).toBeInstanceOf(StoreError);
      expect((err as StoreError).code).toBe('corrupt');
      expect((err as StoreError).message).toMatch(/^cannot open database .*: /);
      expect((err as StoreError).cause).toBeInstanceOf(Error);
    }
  });

  it('keeps the cause of a failed migration and says the newer file was left untouched', async () => {
    const dir = await tempDir();
    const file = join(dir, 'synthetic.db');
    const broken: Migration = { version: 1, name: 'broken', up: (db) => db.exec('INSERT INTO nowhere VALUES (1)') };
    try {
      openDatabase(file, { appVersion: 't', migrations: [broken] });
      throw new Error('expected a StoreError');
    } catch (err) {
      expect((err as StoreError).cause).toBeInstanceOf(Error);
      expect(((err as StoreError).cause as Error).message).toMatch(/no such table: nowhere/);
    }
    const newer = join(dir, 'newer.db');
    const db = new Database(newer);
    db.pragma(`user_version = ${latest + 1}`);
    db.close();
    expectStoreError(() => openDatabase(newer, { appVersion: '1.0.0' }), 'newer-schema', /Update USP Console or use another data folder; the file was left untouched\.$/);
  });

  it('leaves no file descriptor open after reading the version from the file header', async () => {
    const file = join(await tempDir(), 'usp-console.db');
    openDatabase(file, { appVersion: '1.0.0' }).db.close();
    const before = openFds();
    openDatabase(file, { appVersion: '1.0.0' }).db.close();
    expect(openFds()).toBe(before);
  });
});

// Issue 9 finding 5: opening a big database stays cheap (a full integrity check only when needed).
describe('integrity check at open', () => {
  const checkOf = (file: string, appVersion: string): string => {
    const db = new Database(file, { readonly: true });
    try {
      return integrityCheckFor(db, appVersion, latest);
    } finally {
      db.close();
    }
  };

  it('is the quick check after a clean shutdown, the full one after a crash or a version change', async () => {
    const dir = await tempDir();
    const file = join(dir, 'usp-console.db');
    const first = Store.open(dir, { appVersion: '1.0.0' });
    first.close();
    expect(checkOf(file, '1.0.0')).toBe('quick_check');
    expect(checkOf(file, '1.1.0')).toBe('integrity_check');
    // Opened and never closed, as after kill -9: the mark says it is still open.
    const crashed = Store.open(dir, { appVersion: '1.0.0' });
    expect(checkOf(file, '1.0.0')).toBe('integrity_check');
    crashed.close();
    expect(checkOf(file, '1.0.0')).toBe('quick_check');
  });

  it('is the full check for a database at another schema version or without its meta table', async () => {
    const dir = await tempDir();
    const file = join(dir, 'usp-console.db');
    Store.open(dir, { appVersion: '1.0.0' }).close();
    const older = new Database(file, { readonly: true });
    expect(integrityCheckFor(older, '1.0.0', latest + 1)).toBe('integrity_check');
    older.close();
    const bare = join(dir, 'bare.db');
    const db = new Database(bare);
    db.pragma(`user_version = ${latest}`);
    expect(integrityCheckFor(db, '1.0.0', latest)).toBe('integrity_check');
    db.close();
  });

  it('marks a clean shutdown only on an open, writable database that has its meta table', async () => {
    const dir = await tempDir();
    const file = join(dir, 'usp-console.db');
    Store.open(dir, { appVersion: '1.0.0' }).close();
    const reset = (): void => {
      const db = new Database(file);
      db.prepare("UPDATE meta SET value = '0' WHERE key = 'cleanShutdown'").run();
      db.close();
    };
    reset();
    const readonly = new Database(file, { readonly: true });
    expect(() => markCleanShutdown(readonly)).not.toThrow();
    expect(integrityCheckFor(readonly, '1.0.0', latest)).toBe('integrity_check');
    readonly.close();
    const closed = new Database(file);
    closed.close();
    expect(() => markCleanShutdown(closed)).not.toThrow();
    const writable = new Database(file);
    markCleanShutdown(writable);
    expect(integrityCheckFor(writable, '1.0.0', latest)).toBe('quick_check');
    writable.close();
    const bare = new Database(join(dir, 'bare.db'));
    expect(() => markCleanShutdown(bare)).not.toThrow();
    expect(bare.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'meta'").get()).toEqual({ n: 0 });
    bare.close();
  });
});
