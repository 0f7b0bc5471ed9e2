import type { Migration } from '../migration';
import { migration001 } from './001-initial';
import { migration002 } from './002-snapshots';
import { migration003 } from './003-trace-bounds';
import { migration004 } from './004-snapshot-note';
import { migration005 } from './005-jobs';
import { migration006 } from './006-kept-subscriptions';

/** Every migration in order; the last one's version is the schema version this app writes. */
export const migrations: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006];
