import type { Migration } from '../migration';

/**
 * Snapshot tables. A snapshot is written in chunks with `complete = 0` and flipped to 1
 * in its final transaction, so a capture killed half-way never shows up as a snapshot;
 * leftovers older than any live write (`started_at`) are purged on a later open.
 */
export const migration002: Migration = {
  version: 2,
  name: 'snapshots',
  up(db) {
    db.exec(`
      CREATE TABLE snapshot (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        endpoint_id TEXT NOT NULL,
        label TEXT NOT NULL,
        agent TEXT NOT NULL,
        captured_at INTEGER NOT NULL,
        source TEXT NOT NULL,
        app_version TEXT NOT NULL,
        complete INTEGER NOT NULL DEFAULT 0,
        started_at INTEGER NOT NULL,
        object_count INTEGER NOT NULL DEFAULT 0,
        instance_count INTEGER NOT NULL DEFAULT 0,
        param_count INTEGER NOT NULL DEFAULT 0,
        has_redacted INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX snapshot_endpoint ON snapshot(endpoint_id, captured_at);

      CREATE TABLE snapshot_object (
        snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (snapshot_id, path)
      ) WITHOUT ROWID;

      CREATE TABLE snapshot_instance (
        snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        unique_keys TEXT NOT NULL,
        PRIMARY KEY (snapshot_id, path)
      ) WITHOUT ROWID;

      CREATE TABLE snapshot_value (
        snapshot_id INTEGER NOT NULL REFERENCES snapshot(id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        value TEXT NOT NULL,
        redacted INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (snapshot_id, path)
      ) WITHOUT ROWID;
    `);
  },
};
