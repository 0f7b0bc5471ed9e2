import type { NewTrace, TraceFilter, TraceRow } from '../../../shared/model/events';
import type { Db } from '../db';
import { Conditions } from './conditions';

interface TraceDbRow {
  id: number;
  endpoint_id: string | null;
  direction: string;
  at: number;
  transport_id: string | null;
  mtp: string | null;
  record_type: string | null;
  record_version: string | null;
  from_id: string;
  to_id: string;
  msg_id: string | null;
  msg_type: string | null;
  bytes: Buffer;
  summary: string;
  decode_error: string | null;
  latency_ms: number | null;
}

function toRow(r: TraceDbRow): TraceRow {
  return {
    id: r.id,
    endpointId: r.endpoint_id,
    direction: r.direction as TraceRow['direction'],
    at: r.at,
    transportId: r.transport_id,
    mtp: r.mtp as TraceRow['mtp'],
    recordType: r.record_type,
    recordVersion: r.record_version,
    fromId: r.from_id,
    toId: r.to_id,
    msgId: r.msg_id,
    msgType: r.msg_type,
    bytes: new Uint8Array(r.bytes),
    summary: r.summary,
    decodeError: r.decode_error,
    latencyMs: r.latency_ms,
  };
}

/** The message trace: every Record in and out, capped at `limit` rows (oldest dropped first). */
export class TraceRepo {
  private readonly insert;
  private readonly findRequest;
  private readonly prune;
  private readonly one;
  private inserted = 0;

  constructor(
    private readonly db: Db,
    private limit = 100_000,
  ) {
    this.insert = db.prepare(
      `INSERT INTO trace(endpoint_id, direction, at, transport_id, mtp, record_type, record_version, from_id, to_id, msg_id, msg_type, bytes, summary, decode_error, latency_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.findRequest = db.prepare<[string, string], { at: number }>(
      "SELECT at FROM trace WHERE endpoint_id = ? AND msg_id = ? AND direction = 'out' ORDER BY id DESC LIMIT 1",
    );
    this.prune = db.prepare<[number]>('DELETE FROM trace WHERE id <= (SELECT max(id) FROM trace) - ?');
    this.one = db.prepare<[number], TraceDbRow>('SELECT * FROM trace WHERE id = ?');
  }

  setLimit(limit: number): void {
    this.limit = limit;
    this.prune.run(limit);
  }

  /**
   * Adds one Record. An incoming message with the msg_id of one we sent to the same agent is its
   * response (R-MSG: responses copy the request's msg_id), so its latency is paired here.
   */
  add(t: NewTrace): number {
    let latency: number | null = null;
    if (t.direction === 'in' && t.msgId !== null && t.endpointId !== null) {
      const request = this.findRequest.get(t.endpointId, t.msgId);
      if (request) latency = t.at - request.at;
    }
    const id = Number(
      this.insert.run(
        t.endpointId,
        t.direction,
        t.at,
        t.transportId,
        t.mtp,
        t.recordType,
        t.recordVersion,
        t.fromId,
        t.toId,
        t.msgId,
        t.msgType,
        Buffer.from(t.bytes.buffer, t.bytes.byteOffset, t.bytes.byteLength),
        t.summary,
        t.decodeError,
        latency,
      ).lastInsertRowid,
    );
    // Pruning every insert would double the write cost; a tenth of the limit of slack is fine.
    this.inserted += 1;
    if (this.inserted >= Math.max(1, Math.floor(this.limit / 10))) {
      this.inserted = 0;
      this.prune.run(this.limit);
    }
    return id;
  }

  get(id: number): TraceRow | undefined {
    const r = this.one.get(id);
    return r ? toRow(r) : undefined;
  }

  query(filter: TraceFilter = {}): TraceRow[] {
    const c = new Conditions().in('endpoint_id', filter.endpointIds).in('msg_type', filter.msgTypes);
    if (filter.direction) c.add('direction = ?', filter.direction);
    if (filter.msgId !== undefined) c.add('msg_id = ?', filter.msgId);
    if (filter.text) {
      const text = filter.text.toLowerCase();
      c.add(
        "(instr(lower(summary), ?) > 0 OR instr(lower(coalesce(msg_id, '')), ?) > 0 OR instr(lower(coalesce(endpoint_id, '')), ?) > 0)",
        text,
        text,
        text,
      );
    }
    if (filter.since !== undefined) c.add('at >= ?', filter.since);
    if (filter.until !== undefined) c.add('at < ?', filter.until);
    if (filter.beforeId !== undefined) c.add('id < ?', filter.beforeId);
    const sql = `SELECT * FROM trace ${c.where()} ORDER BY id DESC LIMIT ?`;
    return this.db
      .prepare<unknown[], TraceDbRow>(sql)
      .all(...c.params, Math.min(Math.max(filter.limit ?? 200, 1), 1000))
      .map(toRow);
  }
}
