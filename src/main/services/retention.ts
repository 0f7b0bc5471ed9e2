import type { RetentionSettings } from '../../shared/console-api';
import type { Store } from '../store/store';

const DAY_MS = 86_400_000;

/**
 * The trace's bounds from the settings (Settings → retention), in force at once: rows kept, bytes
 * kept of each Record, bytes kept in all (a smaller bound drops the oldest Records now).
 */
export function applyTraceBounds(store: Pick<Store, 'trace'>, retention: RetentionSettings): void {
  store.trace.setLimit(retention.maxTraceRows > 0 ? retention.maxTraceRows : Number.MAX_SAFE_INTEGER);
  store.trace.setBounds({ prefixBytes: retention.traceRecordKiB * 1024, maxBytes: retention.maxTraceMiB * 1024 * 1024 });
}

/** Drops the notifications and trace Records older than the settings keep them (0 days = forever). */
export function pruneByAge(store: Pick<Store, 'trace' | 'pruneNotifications'>, retention: RetentionSettings, now: number): void {
  if (retention.notificationDays > 0) store.pruneNotifications({ maxAgeMs: retention.notificationDays * DAY_MS });
  if (retention.traceDays > 0) store.trace.pruneOlderThan(now - retention.traceDays * DAY_MS);
}
