import { closeSync, existsSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Migration } from './migration';
import { migrations as builtInMigrations } from './migrations';
import { StoreError } from './store-error';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /** Recorded in the database and in backup names, so a support case can tell which build wrote it. */
  appVersion: string;
  /** Tests pass synthetic lists to exercise the upgrade machinery; the app uses the built-in list. */
  migrations?: readonly Migration[];
  now?: () => number;
  /** better-sqlite3 addon built for another ABI (Electron's), see scripts/start-electron.mjs. */
  nativeBinding?: string;
}

export interface OpenedDatabase {
  db: Db;
  file: string;
  /** Schema version found on disk (0 = new file). */
  fromVersion: number;
  toVersion: number;
  /** The copy written before migrating, or null when nothing needed migrating. */
  backupFile: string | null;
}

const SQLITE_MAGIC = 'SQLite format 3\0';

/** Schema version from the file header (user_version lives at byte 60), without opening it for writing. */
function readHeaderVersion(file: string): number | null {
  if (!existsSync(file) || statSync(file).size === 0) return null;
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(100);
    const read = readSync(fd, header, 0, 100, 0);
    if (read < 100 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
      throw new StoreError(`${file} is not a USP Console database (not an SQLite file); move it away or choose another data folder`, 'not-a-database');
    }
    return header.readUInt32BE(60);
  } finally {
    closeSync(fd);
  }
}

/** The header is stale while a WAL file holds unmerged commits: ask SQLite itself, read-only. */
function readVersion(file: string, nativeBinding?: string): number | null {
  const headerVersion = readHeaderVersion(file);
  // Stryker disable next-line ConditionalExpression: equivalent, a missing or empty file has no WAL either, so the next line answers null too
  if (headerVersion === null) return null;
  const wal = `${file}-wal`;
  // Stryker disable next-line ConditionalExpression: equivalent, without WAL commits SQLite reports the header's version; the check only spares opening the file
  if (!existsSync(wal) || statSync(wal).size === 0) return headerVersion;
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: equivalent in tests, the file exists and is only read; nativeBinding needs Electron's ABI build
  const ro = new Database(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  // Stryker disable BlockStatement: unobservable, SQLite keeps a closed connection's descriptors while another connection of the process holds the file
  try {
    return ro.pragma('user_version', { simple: true }) as number;
  } finally {
    ro.close();
  }
}

// Stryker restore BlockStatement

function wrapOpenError(file: string, err: unknown): StoreError {
  if (err instanceof StoreError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new StoreError(`cannot open database ${file}: ${message}`, 'corrupt', { cause: err });
}

/**
 * Which check an open needs (issue 9 #5: a full integrity_check made a 4 GB database take 16 s to
 * open). The full check runs after a version change (schema or app) and after an unclean shutdown
 * (the 'cleanShutdown' mark of meta is not '1'); otherwise quick_check, which skips the index
 * cross-checks but still reads every b-tree page, so damaged pages are still refused.
 */
export function integrityCheckFor(db: Db, appVersion: string, latest: number): 'integrity_check' | 'quick_check' {
  if ((db.pragma('user_version', { simple: true }) as number) !== latest) return 'integrity_check';
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get()) return 'integrity_check';
  const meta = new Map((db.prepare("SELECT key, value FROM meta WHERE key IN ('appVersion', 'cleanShutdown')").all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
  return meta.get('appVersion') === appVersion && meta.get('cleanShutdown') === '1' ? 'quick_check' : 'integrity_check';
}

/** Marks the database closed cleanly, so the next open may use the quick check (see integrityCheckFor). */
export function markCleanShutdown(db: Db): void {
  if (!db.open || db.readonly) return;
  if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get()) return;
  db.prepare("INSERT INTO meta(key, value) VALUES ('cleanShutdown', '1') ON CONFLICT(key) DO UPDATE SET value = excluded.value").run();
}

function checkIntegrity(db: Db, file: string, pragma: 'integrity_check' | 'quick_check'): void {
  const rows = db.pragma(pragma) as Record<string, string>[];
  const problems = rows.map((r) => Object.values(r)[0] ?? '').filter((r) => r !== 'ok');
  if (problems.length > 0) {
    throw new StoreError(
      `database ${file} failed its integrity check (${problems.slice(0, 3).join('; ')}); restore a backup or move it away`,
      'corrupt',
    );
  }
}

function migrate(db: Db, file: string, list: readonly Migration[], from: number, now: number): string | null {
  const pending = list.filter((m) => m.version > from);
  if (pending.length === 0) return null;
  let backupFile: string | null = null;
  const hasContent = (db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n > 0;
  if (hasContent) {
    backupFile = `${file}.v${from}-${now}.bak`;
    // VACUUM INTO writes a consistent copy including WAL content, before anything changes.
    db.prepare('VACUUM INTO ?').run(backupFile);
  }
  for (const m of pending) {
    try {
      db.transaction(() => {
        m.up(db);
        db.pragma(`user_version = ${m.version}`);
      })();
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      throw new StoreError(
        `migration ${m.version} (${m.name}) of ${file} failed: ${detail}; the database was left at version ${db.pragma('user_version', { simple: true })}` +
          (backupFile ? `, backup at ${backupFile}` : ''),
        'migration-failed',
        { cause: err },
      );
    }
  }
  return backupFile;
}

/**
 * Opens (creating if needed) the app's SQLite file: refuses a file from a newer schema
 * without touching it, checks integrity, backs up and migrates older files.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions): OpenedDatabase {
  const list = options.migrations ?? builtInMigrations;
  const latest = list.length > 0 ? list[list.length - 1]!.version : 0;
  const now = (options.now ?? Date.now)();
  mkdirSync(dirname(file), { recursive: true });

  let onDisk: number | null;
  try {
    onDisk = readVersion(file, options.nativeBinding);
  } catch (err) {
    throw wrapOpenError(file, err);
  }
  if (onDisk !== null && onDisk > latest) {
    throw new StoreError(
      `database ${file} has schema version ${onDisk}, written by a newer USP Console; this version (${options.appVersion}) knows up to ${latest}. ` +
        'Update USP Console or use another data folder; the file was left untouched.',
      'newer-schema',
    );
  }

  let db: Db | undefined;
  try {
    // Stryker disable next-line ObjectLiteral: untestable here, nativeBinding needs Electron's ABI build of better-sqlite3
    db = new Database(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
    checkIntegrity(db, file, integrityCheckFor(db, options.appVersion, latest));
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives process crashes (SIGKILL); only power loss may drop the last commits.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const fromVersion = db.pragma('user_version', { simple: true }) as number;
    const backupFile = migrate(db, file, list, fromVersion, now);
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get()) {
      db.prepare("INSERT INTO meta(key, value) VALUES ('appVersion', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(options.appVersion);
      // Open until close() marks it clean again: a crash leaves '0' and the next open checks fully.
      db.prepare("INSERT INTO meta(key, value) VALUES ('cleanShutdown', '0') ON CONFLICT(key) DO UPDATE SET value = excluded.value").run();
    }
    return { db, file, fromVersion, toVersion: latest, backupFile };
  } catch (err) {
    db?.close();
    throw wrapOpenError(file, err);
  }
}
