import type { AgentRecord, AgentUpdate, PresenceChange, PresenceState } from '../../../shared/model/agent';
import type { Db } from '../db';
import { parseJson } from './json';

interface AgentDbRow {
  id: number;
  endpoint_id: string;
  display_name: string | null;
  addresses: string;
  tags: string;
  pinned: number;
  usp_versions: string;
  manufacturer: string | null;
  model_name: string | null;
  serial_number: string | null;
  product_class: string | null;
  oui: string | null;
  software_version: string | null;
  first_seen: number;
  last_seen: number;
  presence: string;
  presence_reason: string | null;
  approval: string;
}

function toRecord(r: AgentDbRow): AgentRecord {
  return {
    endpointId: r.endpoint_id,
    displayName: r.display_name,
    addresses: parseJson(r.addresses, []),
    tags: parseJson(r.tags, []),
    pinned: r.pinned === 1,
    uspVersions: parseJson(r.usp_versions, []),
    manufacturer: r.manufacturer,
    modelName: r.model_name,
    serialNumber: r.serial_number,
    productClass: r.product_class,
    oui: r.oui,
    softwareVersion: r.software_version,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
    presence: r.presence as PresenceState,
    presenceReason: r.presence_reason,
    approval: r.approval as AgentRecord['approval'],
  };
}

const COLUMNS: Record<keyof Omit<AgentUpdate, 'seenAt'>, string> = {
  displayName: 'display_name',
  addresses: 'addresses',
  tags: 'tags',
  pinned: 'pinned',
  uspVersions: 'usp_versions',
  manufacturer: 'manufacturer',
  modelName: 'model_name',
  serialNumber: 'serial_number',
  productClass: 'product_class',
  oui: 'oui',
  softwareVersion: 'software_version',
  approval: 'approval',
};

function toColumnValue(key: keyof typeof COLUMNS, value: unknown): unknown {
  if (key === 'addresses' || key === 'tags' || key === 'uspVersions') return JSON.stringify(value ?? []);
  if (key === 'pinned') return value ? 1 : 0;
  return value ?? null;
}

/** Agents by Endpoint ID, and their presence history. Other repositories key on the integer id. */
export class AgentsRepo {
  private readonly ids = new Map<string, number>();
  private readonly byEid;
  private readonly idByEid;
  private readonly insert;
  private readonly all;
  private readonly setPresence;
  private readonly addPresence;
  private readonly history;
  private readonly remove;

  constructor(private readonly db: Db) {
    this.byEid = db.prepare<[string], AgentDbRow>('SELECT * FROM agent WHERE endpoint_id = ?');
    this.idByEid = db.prepare<[string], { id: number }>('SELECT id FROM agent WHERE endpoint_id = ?');
    this.insert = db.prepare<[string, number, number]>('INSERT INTO agent(endpoint_id, first_seen, last_seen) VALUES (?, ?, ?) ON CONFLICT(endpoint_id) DO NOTHING');
    this.all = db.prepare<[], AgentDbRow>('SELECT * FROM agent ORDER BY pinned DESC, endpoint_id');
    this.setPresence = db.prepare<[string, string, number, number]>(
      'UPDATE agent SET presence = ?, presence_reason = ?, last_seen = max(last_seen, ?) WHERE id = ?',
    );
    this.addPresence = db.prepare<[number, number, string, string]>('INSERT INTO presence_event(agent_id, at, presence, reason) VALUES (?, ?, ?, ?)');
    this.history = db.prepare<[number, number], { at: number; presence: string; reason: string }>(
      'SELECT at, presence, reason FROM presence_event WHERE agent_id = ? ORDER BY at DESC, id DESC LIMIT ?',
    );
    this.remove = db.prepare<[string]>('DELETE FROM agent WHERE endpoint_id = ?');
  }

  /** The integer id of a known agent, or undefined. */
  idOf(endpointId: string): number | undefined {
    const cached = this.ids.get(endpointId);
    if (cached !== undefined) return cached;
    const row = this.idByEid.get(endpointId);
    if (row) this.ids.set(endpointId, row.id);
    return row?.id;
  }

  /** The integer id of an agent, creating the row when it is new. */
  ensure(endpointId: string, at: number): number {
    const known = this.idOf(endpointId);
    if (known !== undefined) return known;
    this.insert.run(endpointId, at, at);
    return this.idOf(endpointId)!;
  }

  get(endpointId: string): AgentRecord | undefined {
    const row = this.byEid.get(endpointId);
    return row ? toRecord(row) : undefined;
  }

  list(): AgentRecord[] {
    return this.all.all().map(toRecord);
  }

  /** Creates or updates an agent with what the controller just learnt. */
  upsert(endpointId: string, update: AgentUpdate, at: number): AgentRecord {
    const id = this.ensure(endpointId, update.seenAt ?? at);
    const sets: string[] = [];
    const params: unknown[] = [];
    for (const key of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]) {
      if (!(key in update)) continue;
      sets.push(`${COLUMNS[key]} = ?`);
      params.push(toColumnValue(key, update[key]));
    }
    if (update.seenAt !== undefined) {
      sets.push('last_seen = max(last_seen, ?)');
      params.push(update.seenAt);
    }
    if (sets.length > 0) this.db.prepare(`UPDATE agent SET ${sets.join(', ')} WHERE id = ?`).run(...params, id);
    return this.get(endpointId)!;
  }

  /** Records a presence change (current state + history entry) in one transaction. */
  recordPresence(change: PresenceChange): void {
    this.db.transaction(() => {
      const id = this.ensure(change.endpointId, change.at);
      this.setPresence.run(change.presence, change.reason, change.at, id);
      this.addPresence.run(id, change.at, change.presence, change.reason);
    })();
  }

  presenceHistory(endpointId: string, limit = 100): PresenceChange[] {
    const id = this.idOf(endpointId);
    if (id === undefined) return [];
    return this.history.all(id, limit).map((r) => ({ endpointId, at: r.at, presence: r.presence as PresenceState, reason: r.reason }));
  }

  /** Forgets an agent and everything cached for it (history tables keyed by endpoint ID stay). */
  delete(endpointId: string): boolean {
    this.ids.delete(endpointId);
    return this.remove.run(endpointId).changes > 0;
  }
}
