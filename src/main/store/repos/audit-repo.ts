import type { AuditResult, AuditRow, NewAuditEntry } from '../../../shared/model/events';
import type { Db } from '../db';

interface AuditDbRow {
  id: number;
  at: number;
  endpoint_id: string | null;
  action: string;
  path: string;
  old_value: string | null;
  new_value: string | null;
  result: string;
  detail: string | null;
}

/** Every change we made to an agent; kept by Endpoint ID so it outlives the agent's cache. */
export class AuditRepo {
  private readonly insert;
  private readonly recent;
  private readonly ofAgent;

  constructor(db: Db) {
    this.insert = db.prepare(
      'INSERT INTO audit(at, endpoint_id, action, path, old_value, new_value, result, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.recent = db.prepare<[number, number], AuditDbRow>('SELECT * FROM audit WHERE id < ? ORDER BY id DESC LIMIT ?');
    this.ofAgent = db.prepare<[string, number, number], AuditDbRow>('SELECT * FROM audit WHERE endpoint_id = ? AND id < ? ORDER BY id DESC LIMIT ?');
  }

  add(e: NewAuditEntry): number {
    return Number(this.insert.run(e.at, e.endpointId, e.action, e.path, e.oldValue, e.newValue, e.result, e.detail).lastInsertRowid);
  }

  /** Newest first; pass the smallest id seen as `beforeId` for the next page. */
  list(options: { endpointId?: string; beforeId?: number; limit?: number } = {}): AuditRow[] {
    const before = options.beforeId ?? Number.MAX_SAFE_INTEGER;
    const limit = options.limit ?? 200;
    const rows = options.endpointId === undefined ? this.recent.all(before, limit) : this.ofAgent.all(options.endpointId, before, limit);
    return rows.map((r) => ({
      id: r.id,
      at: r.at,
      endpointId: r.endpoint_id,
      action: r.action,
      path: r.path,
      oldValue: r.old_value,
      newValue: r.new_value,
      result: r.result as AuditResult,
      detail: r.detail,
    }));
  }
}
