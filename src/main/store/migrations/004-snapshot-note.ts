import type { Migration } from '../migration';

/**
 * The operator's note given when a snapshot is captured. Version 4, not 3: the jobs tables
 * take version 3, and a database skips no migration whatever order the branches land in
 * (only versions above the file's user_version run).
 */
export const migration004: Migration = {
  version: 4,
  name: 'snapshot-note',
  up(db) {
    db.exec('ALTER TABLE snapshot ADD COLUMN note TEXT');
  },
};
