import type { NewNotification, NotificationFilter, NotificationKind, NotificationRow } from '../../../shared/model/events';
import type { Db } from '../db';
import { Conditions } from './conditions';
import { parseJson } from './json';

interface NotificationDbRow {
  id: number;
  endpoint_id: string;
  received_at: number;
  msg_id: string;
  subscription_id: string;
  send_resp: number;
  kind: string;
  path: string;
  detail: string;
}

/** How long notifications are kept: whichever limit bites first. */
export interface NotificationRetention {
  maxAgeMs?: number;
  maxCount?: number;
}

function toRow(r: NotificationDbRow): NotificationRow {
  return {
    id: r.id,
    endpointId: r.endpoint_id,
    receivedAt: r.received_at,
    msgId: r.msg_id,
    subscriptionId: r.subscription_id,
    sendResp: r.send_resp === 1,
    kind: r.kind as NotificationKind,
    path: r.path,
    detail: parseJson(r.detail, {}),
  };
}

/** Inserts between automatic retention passes: pruning on every insert would double the write cost. */
const PRUNE_EVERY = 1000;

export class NotificationsRepo {
  private readonly insert;
  private readonly pruneAge;
  private readonly pruneCount;
  private inserted = 0;

  constructor(
    private readonly db: Db,
    private retention: NotificationRetention = {},
    private readonly now: () => number = Date.now,
  ) {
    this.insert = db.prepare(
      'INSERT INTO notification(endpoint_id, received_at, msg_id, subscription_id, send_resp, kind, path, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.pruneAge = db.prepare<[number]>('DELETE FROM notification WHERE received_at < ?');
    this.pruneCount = db.prepare<[number]>('DELETE FROM notification WHERE id <= (SELECT id FROM notification ORDER BY id DESC LIMIT 1 OFFSET ?)');
  }

  /** Adds one notification; every PRUNE_EVERY inserts the retention policy is applied. */
  add(n: NewNotification): number {
    const id = Number(
      this.insert.run(n.endpointId, n.receivedAt, n.msgId, n.subscriptionId, n.sendResp ? 1 : 0, n.kind, n.path, JSON.stringify(n.detail)).lastInsertRowid,
    );
    this.inserted += 1;
    if (this.inserted >= PRUNE_EVERY) {
      this.inserted = 0;
      this.prune(this.retention, this.now());
    }
    return id;
  }

  /** Sets the policy applied automatically from now on (and applies it once). */
  setRetention(retention: NotificationRetention): number {
    this.retention = retention;
    return this.prune(retention, this.now());
  }

  /** Stores a burst in one transaction (notifications arrive in batches under load). */
  addMany(list: readonly NewNotification[]): void {
    this.db.transaction(() => {
      for (const n of list) this.add(n);
    })();
  }

  query(filter: NotificationFilter = {}): NotificationRow[] {
    const c = new Conditions().in('endpoint_id', filter.endpointIds).in('kind', filter.kinds);
    if (filter.pathPrefix) c.add('substr(path, 1, ?) = ?', filter.pathPrefix.length, filter.pathPrefix);
    if (filter.since !== undefined) c.add('received_at >= ?', filter.since);
    if (filter.until !== undefined) c.add('received_at < ?', filter.until);
    if (filter.beforeId !== undefined) c.add('id < ?', filter.beforeId);
    const sql = `SELECT * FROM notification ${c.where()} ORDER BY id DESC LIMIT ?`;
    return this.db
      .prepare<unknown[], NotificationDbRow>(sql)
      .all(...c.params, Math.min(Math.max(filter.limit ?? 200, 1), 1000))
      .map(toRow);
  }

  /** Applies the retention policy; returns how many rows were dropped. */
  prune(retention: NotificationRetention, now: number): number {
    let dropped = 0;
    if (retention.maxAgeMs !== undefined) dropped += this.pruneAge.run(now - retention.maxAgeMs).changes;
    if (retention.maxCount !== undefined) dropped += this.pruneCount.run(retention.maxCount).changes;
    return dropped;
  }
}
