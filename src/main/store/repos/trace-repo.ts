import { createHash } from 'node:crypto';
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
  byte_size: number | null;
  sha256: string | null;
}

export interface TraceBounds {
  /** Bytes of each Record kept; default 64 KiB. */
  prefixBytes?: number | undefined;
  /** Bytes of Records kept in all, oldest dropped first; default 256 MiB; 0 = no bound. */
  maxBytes?: number | undefined;
}

export const DEFAULT_TRACE_PREFIX_BYTES = 64 * 1024;
export const DEFAULT_TRACE_MAX_BYTES = 256 * 1024 * 1024;
/** Records waiting to be written are written at once beyond this many (the buffer is bounded). */
const MAX_PENDING = 1_000;
/** Text columns a peer fills (msg_id, from_id, to_id) are cut here; USP ids are far shorter. */
const MAX_ID = 256;
const MAX_SUMMARY = 1_000;

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function toRow(r: TraceDbRow): TraceRow {
  const byteSize = r.byte_size ?? r.bytes.length;
  const truncated = byteSize > r.bytes.length;
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
    decodeError: r.decode_error ?? (truncated ? `only the first ${r.bytes.length} of ${byteSize} bytes were kept` : null),
    latencyMs: r.latency_ms,
    byteSize,
    sha256: r.sha256,
  };
}

/**
 * The message trace: every Record in and out, capped at `limit` rows and at a total of bytes
 * (oldest dropped first); of each Record only a bounded prefix is kept, with its full size and
 * hash (issue 9 #5), so garbage or huge Records cannot multiply the disk use.
 *
 * Records are written behind: those added in one turn of the event loop go to disk together in
 * one transaction (a bulk job traces thousands of Records a second; one commit each cost a third
 * of the controller's time). Every read writes what is pending first, so readers never miss a
 * Record; a crash loses at most the Records of the turn it happened in.
 */
export class TraceRepo {
  private readonly insert;
  private readonly findRequest;
  private readonly prune;
  private readonly one;
  private readonly sumBytes;
  private readonly oldest;
  private readonly pruneThrough;
  private readonly pruneBefore;
  private inserted = 0;
  private readonly pending: { id: number; t: NewTrace }[] = [];
  private flushQueued = false;
  /** A deferred write failed: thrown by the next add(), whose caller reports it. */
  private failure: unknown = null;
  private nextId: number;
  private prefixBytes = DEFAULT_TRACE_PREFIX_BYTES;
  private maxBytes = DEFAULT_TRACE_MAX_BYTES;
  /** Bytes of Records held (sum of length(bytes)), kept current on insert, recounted after pruning. */
  private storedBytes: number;

  constructor(
    private readonly db: Db,
    private limit = 100_000,
    bounds: TraceBounds = {},
  ) {
    this.insert = db.prepare(
      `INSERT INTO trace(id, endpoint_id, direction, at, transport_id, mtp, record_type, record_version, from_id, to_id, msg_id, msg_type, bytes, summary, decode_error, latency_ms, byte_size, sha256)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.sumBytes = db.prepare<[], { n: number }>('SELECT coalesce(sum(length(bytes)), 0) AS n FROM trace');
    this.oldest = db.prepare<[], { id: number; n: number }>('SELECT id, length(bytes) AS n FROM trace ORDER BY id');
    this.pruneThrough = db.prepare<[number]>('DELETE FROM trace WHERE id <= ?');
    this.pruneBefore = db.prepare<[number]>('DELETE FROM trace WHERE at < ?');
    this.storedBytes = this.sumBytes.get()?.n ?? 0;
    this.setBounds(bounds);
    this.findRequest = db.prepare<[string, string], { at: number }>(
      "SELECT at FROM trace WHERE endpoint_id = ? AND msg_id = ? AND direction = 'out' ORDER BY id DESC LIMIT 1",
    );
    this.prune = db.prepare<[number]>('DELETE FROM trace WHERE id <= (SELECT max(id) FROM trace) - ?');
    this.one = db.prepare<[number], TraceDbRow>('SELECT * FROM trace WHERE id = ?');
    this.nextId = (db.prepare<[], { n: number }>('SELECT coalesce(max(id), 0) AS n FROM trace').get()?.n ?? 0) + 1;
  }

  setLimit(limit: number): void {
    this.flush();
    this.limit = limit;
    this.prune.run(limit);
    this.storedBytes = this.sumBytes.get()?.n ?? 0;
  }

  /**
   * Changes the bounds (Settings → retention) from now on: Records written later keep the new
   * prefix; a smaller byte bound drops the oldest rows at once. Absent fields keep their value.
   */
  setBounds(bounds: TraceBounds): void {
    if (bounds.prefixBytes !== undefined) {
      if (!Number.isInteger(bounds.prefixBytes) || bounds.prefixBytes < 1) throw new RangeError(`trace prefix must be a positive number of bytes, not ${bounds.prefixBytes}`);
      this.prefixBytes = bounds.prefixBytes;
    }
    if (bounds.maxBytes !== undefined) {
      if (!Number.isInteger(bounds.maxBytes) || bounds.maxBytes < 0) throw new RangeError(`trace byte bound must be 0 or more bytes, not ${bounds.maxBytes}`);
      this.maxBytes = bounds.maxBytes === 0 ? Number.POSITIVE_INFINITY : bounds.maxBytes;
      this.flush();
      if (this.storedBytes > this.maxBytes) this.pruneBytes();
    }
  }

  /** The bounds in force (maxBytes 0 = no bound). */
  get bounds(): Required<TraceBounds> {
    return { prefixBytes: this.prefixBytes, maxBytes: Number.isFinite(this.maxBytes) ? this.maxBytes : 0 };
  }

  /** Drops the Records older than `at` (ms); returns how many. */
  pruneOlderThan(at: number): number {
    this.flush();
    const dropped = this.pruneBefore.run(at).changes;
    if (dropped > 0) this.storedBytes = this.sumBytes.get()?.n ?? 0;
    return dropped;
  }

  /** Bytes of Records the trace holds now. */
  get bytesHeld(): number {
    this.flush();
    return this.storedBytes;
  }

  /** Drops the oldest rows until the bytes held are a tenth below the bound (slack, so this runs rarely). */
  private pruneBytes(): void {
    const target = Math.floor(this.maxBytes * 0.9);
    let excess = this.storedBytes - target;
    let through: number | undefined;
    for (const row of this.oldest.iterate()) {
      if (excess <= 0) break;
      excess -= row.n;
      through = row.id;
    }
    if (through !== undefined) this.pruneThrough.run(through);
    this.storedBytes = this.sumBytes.get()?.n ?? 0;
  }

  /** Adds one Record (written with the others of this turn of the event loop); returns its id. */
  add(t: NewTrace): number {
    if (this.failure !== null) {
      const failure = this.failure;
      this.failure = null;
      throw failure;
    }
    const id = this.nextId++;
    this.pending.push({ id, t });
    if (this.pending.length >= MAX_PENDING) {
      this.flush();
    } else if (!this.flushQueued) {
      this.flushQueued = true;
      setImmediate(() => {
        this.flushQueued = false;
        try {
          this.flush();
        } catch (err) {
          this.failure = err;
        }
      });
    }
    return id;
  }

  /** Writes the pending Records in one transaction. */
  flush(): void {
    if (this.pending.length === 0 || !this.db.open) return;
    const rows = this.pending.splice(0);
    this.db.transaction(() => {
      for (const r of rows) this.write(r.id, r.t);
    })();
  }

  /**
   * Writes one Record. An incoming message with the msg_id of one we sent to the same agent is its
   * response (R-MSG: responses copy the request's msg_id), so its latency is paired here.
   */
  private write(id: number, t: NewTrace): void {
    let latency: number | null = null;
    const msgId = t.msgId === null ? null : cut(t.msgId, MAX_ID);
    if (t.direction === 'in' && msgId !== null && t.endpointId !== null) {
      const request = this.findRequest.get(t.endpointId, msgId);
      if (request) latency = t.at - request.at;
    }
    const whole = Buffer.from(t.bytes.buffer, t.bytes.byteOffset, t.bytes.byteLength);
    const kept = whole.byteLength > this.prefixBytes ? whole.subarray(0, this.prefixBytes) : whole;
    this.insert.run(
      id,
      t.endpointId,
      t.direction,
      t.at,
      t.transportId,
      t.mtp,
      t.recordType,
      t.recordVersion,
      cut(t.fromId, MAX_ID),
      cut(t.toId, MAX_ID),
      msgId,
      t.msgType,
      kept,
      cut(t.summary, MAX_SUMMARY),
      t.decodeError === null ? null : cut(t.decodeError, MAX_SUMMARY),
      latency,
      t.bytes.byteLength,
      createHash('sha256').update(t.bytes).digest('hex'),
    );
    this.storedBytes += kept.byteLength;
    if (this.storedBytes > this.maxBytes) this.pruneBytes();
    // Pruning every insert would double the write cost; a tenth of the limit of slack is fine.
    this.inserted += 1;
    if (this.inserted >= Math.max(1, Math.floor(this.limit / 10))) {
      this.inserted = 0;
      if (this.prune.run(this.limit).changes > 0) this.storedBytes = this.sumBytes.get()?.n ?? 0;
    }
  }

  get(id: number): TraceRow | undefined {
    this.flush();
    const r = this.one.get(id);
    return r ? toRow(r) : undefined;
  }

  query(filter: TraceFilter = {}): TraceRow[] {
    this.flush();
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
