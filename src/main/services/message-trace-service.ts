import type {
  NotificationQuery, NotificationRecord, Page, RawMessageOptions, RawMessageResult, TraceDetail, TraceQuery,
  TraceRow as TraceRowDto,
} from '../../shared/console-api';
import { ConsoleApiError } from '../../shared/api/errors';
import { UspErrorResponse, type Controller } from '../controller';
import type { Store } from '../store/store';
import { decodeRecord } from '../usp/codec';
import { usp, usp_record } from '../usp/generated/usp-proto.js';
import { messageKind } from '../usp/message-kind';
import { toNotificationRecord, toTraceRowDto } from './dto';
import { traceSessionOf } from './trace-session-dto';

const TO_JSON = { longs: Number, enums: String, bytes: String, defaults: false } as const;
/** Rows per store query (the store caps queries at 1000). */
const STORE_PAGE = 1000;
/** Store pages scanned to fill one page of a 'contains'/'exact' path filter, so one call stays bounded. */
const MAX_FILTER_PAGES = 20;

/** The notification feed's history, the message inspector, and composing raw messages. */
export class MessageTraceService {
  constructor(
    private readonly controller: Controller,
    private readonly store: Store,
  ) {}

  queryNotifications(query: NotificationQuery): Page<NotificationRecord> {
    const limit = query.limit ?? 200;
    const pathFilter = query.path;
    const base = {
      ...(query.agentIds ? { endpointIds: query.agentIds } : {}),
      ...(query.types ? { kinds: query.types } : {}),
      ...(pathFilter && pathFilter.match !== 'contains' && pathFilter.text !== '' ? { pathPrefix: pathFilter.text } : {}),
      ...(query.since !== undefined ? { since: query.since } : {}),
      ...(query.until !== undefined ? { until: query.until } : {}),
    };
    const keep = (path: string): boolean => {
      if (!pathFilter || pathFilter.text === '') return true;
      if (pathFilter.match === 'exact') return path === pathFilter.text;
      if (pathFilter.match === 'contains') return path.toLowerCase().includes(pathFilter.text.toLowerCase());
      return true;
    };
    let beforeId = parseCursor(query.cursor);
    const items: NotificationRecord[] = [];
    // Without an in-memory filter one row past the page is enough to know whether more exist.
    const filtering = pathFilter !== undefined && pathFilter.text !== '' && pathFilter.match !== 'prefix';
    const pageSize = filtering ? STORE_PAGE : Math.min(limit + 1, STORE_PAGE);
    for (let page = 0; page < MAX_FILTER_PAGES; page += 1) {
      const rows = this.store.notifications.query({ ...base, ...(beforeId !== undefined ? { beforeId } : {}), limit: pageSize });
      for (const row of rows) {
        if (items.length === limit) return { items, nextCursor: String(beforeId) };
        beforeId = row.id;
        if (keep(row.path)) items.push(toNotificationRecord(row));
      }
      // A short page means nothing older is left.
      if (rows.length < pageSize) return { items, nextCursor: null };
    }
    return { items, nextCursor: beforeId !== undefined ? String(beforeId) : null };
  }

  queryTrace(query: TraceQuery): Page<TraceRowDto> {
    const limit = query.limit ?? 200;
    const beforeId = parseCursor(query.cursor);
    const filter = {
      ...(query.agentIds ? { endpointIds: query.agentIds } : {}),
      ...(query.direction ? { direction: query.direction } : {}),
      ...(query.msgTypes ? { msgTypes: query.msgTypes } : {}),
      ...(query.msgId ? { msgId: query.msgId } : {}),
      ...(query.text ? { text: query.text } : {}),
      ...(query.since !== undefined ? { since: query.since } : {}),
      ...(query.until !== undefined ? { until: query.until } : {}),
    };
    const rows = this.store.trace.query({ ...filter, ...(beforeId !== undefined ? { beforeId } : {}), limit });
    const items = rows.map(toTraceRowDto);
    const last = items[items.length - 1];
    // One row past the page says whether an older page exists (the store caps a query at 1000 rows).
    const more = last !== undefined && rows.length === limit && this.store.trace.query({ ...filter, beforeId: last.id, limit: 1 }).length > 0;
    return { items, nextCursor: more ? String(last.id) : null };
  }

  getTraceRecord(traceId: number): TraceDetail {
    const row = this.store.trace.get(traceId);
    if (!row) throw new ConsoleApiError({ code: 'not-found', message: `No trace record ${traceId}.` });
    let record: Record<string, unknown> = {};
    let message: Record<string, unknown> | null = null;
    let session: TraceDetail['session'] = null;
    try {
      const decoded = decodeRecord(row.bytes);
      // Candidate BEGINs of a segment: earlier session Records of the same agent and direction (bounded query).
      const inSession = traceSessionOf(decoded, () =>
        this.store.trace
          .query({ ...(row.endpointId ? { endpointIds: [row.endpointId] } : {}), direction: row.direction, text: 'BEGIN', beforeId: row.id, limit: 50 })
          .map((r) => r.bytes),
      );
      session = inSession?.session ?? null;
      if (inSession?.msg) message = usp.Msg.toObject(inSession.msg, TO_JSON) as Record<string, unknown>;
      const payload = decoded.no_session_context?.payload;
      record = usp_record.Record.toObject(decoded, TO_JSON) as Record<string, unknown>;
      const nsc = record.no_session_context as Record<string, unknown> | undefined;
      if (nsc) nsc.payload = `(${payload?.length ?? 0} bytes: the message below)`;
      if (payload && payload.length > 0) message = usp.Msg.toObject(usp.Msg.decode(payload), TO_JSON) as Record<string, unknown>;
    } catch {
      // Undecodable Records are still shown: their hex and the decode error of the row.
    }
    return { ...toTraceRowDto(row), record, message, session, hex: Buffer.from(row.bytes).toString('hex') };
  }

  /** Sends a Msg given as JSON; the controller assigns the msg_id it pairs the response with. */
  async sendRawMessage(agentId: string, message: Record<string, unknown>, options: RawMessageOptions = {}): Promise<RawMessageResult> {
    let msg: usp.Msg;
    try {
      msg = usp.Msg.fromObject(message);
    } catch (err) {
      throw new ConsoleApiError({ code: 'invalid-argument', message: `The message is not a valid USP Msg: ${err instanceof Error ? err.message : String(err)}.` });
    }
    const kind = messageKind(msg);
    if (!kind || !(kind in REQUESTS)) {
      throw new ConsoleApiError({ code: 'invalid-argument', message: 'Only request messages (Get, Set, Add, Delete, Operate, GetSupportedDM, GetInstances, GetSupportedProtocol) can be sent.' });
    }
    let sentMsgId = '';
    const started = Date.now();
    let reply: usp.Msg | null = null;
    try {
      reply = await this.controller.request(
        agentId,
        (msgId) => {
          sentMsgId = msgId;
          return { ...msg, header: { ...msg.header, msg_id: msgId } };
        },
        options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {},
      );
    } catch (err) {
      // An Error message is the agent's answer: show it like any other response.
      if (!(err instanceof UspErrorResponse)) throw err;
    }
    const latencyMs = Date.now() - started;
    const traced = this.store.trace.query({ endpointIds: [agentId], msgId: sentMsgId, limit: 10 });
    const sent = traced.find((r) => r.direction === 'out');
    const answer = traced.find((r) => r.direction === 'in');
    const response = reply
      ? (usp.Msg.toObject(reply, TO_JSON) as Record<string, unknown>)
      : answer
        ? this.getTraceRecord(answer.id).message
        : null;
    return { msgId: sentMsgId, sentTraceId: sent?.id ?? 0, responseTraceId: answer?.id ?? null, response, latencyMs };
  }
}

const REQUESTS = { get: 1, set: 1, add: 1, delete: 1, operate: 1, get_supported_dm: 1, get_instances: 1, get_supported_protocol: 1 };

function parseCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const n = Number(cursor);
  if (!Number.isInteger(n) || n < 0) throw new ConsoleApiError({ code: 'invalid-argument', message: `Invalid cursor "${cursor}".` });
  return n;
}
