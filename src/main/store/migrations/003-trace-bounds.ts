import type { Migration } from '../migration';

/**
 * The trace keeps a bounded prefix of each Record (issue 9 #5): `byte_size` is the Record's full
 * size and `sha256` its hash, so a truncated row still says what went over the wire. Rows written
 * before this step hold whole Records (byte_size NULL = length(bytes)).
 */
export const migration003: Migration = {
  version: 3,
  name: 'trace-bounds',
  up(db) {
    db.exec(`
      ALTER TABLE trace ADD COLUMN byte_size INTEGER;
      ALTER TABLE trace ADD COLUMN sha256 TEXT;
    `);
  },
};
