import type { TraceRow } from '../../../shared/console-api';

/** Header msg_type names of requests and the response type each expects (usp-msg MsgType). */
const RESPONSE_OF: Readonly<Record<string, string>> = {
  GET: 'GET_RESP',
  SET: 'SET_RESP',
  ADD: 'ADD_RESP',
  DELETE: 'DELETE_RESP',
  OPERATE: 'OPERATE_RESP',
  NOTIFY: 'NOTIFY_RESP',
  GET_SUPPORTED_DM: 'GET_SUPPORTED_DM_RESP',
  GET_INSTANCES: 'GET_INSTANCES_RESP',
  GET_SUPPORTED_PROTO: 'GET_SUPPORTED_PROTO_RESP',
  REGISTER: 'REGISTER_RESP',
  DEREGISTER: 'DEREGISTER_RESP',
};

const RESPONSES: ReadonlySet<string> = new Set([...Object.values(RESPONSE_OF), 'ERROR']);

export function isRequestType(msgType: string | null): boolean {
  return msgType !== null && msgType in RESPONSE_OF;
}

export function isResponseType(msgType: string | null): boolean {
  return msgType !== null && RESPONSES.has(msgType);
}

export interface Pairing {
  /** Trace id of the other half. */
  otherId: number;
  /** Response time minus request time, ms. */
  latencyMs: number;
  role: 'request' | 'response';
}

/**
 * Pairs each request with its response (R-MSG: response msg_id = request msg_id; the
 * response travels the other way; an Error answers any request). Works incrementally: rows
 * arrive in batches, in any order, and a pair can form when either half arrives second.
 * Duplicates of a request (same msg_id resent, R-MSG.4) pair with the first response only once.
 */
export class TracePairer {
  private readonly openRequests = new Map<string, TraceRow>();
  private readonly openResponses = new Map<string, TraceRow>();
  private readonly pairs = new Map<number, Pairing>();

  add(rows: readonly TraceRow[]): void {
    for (const row of rows) {
      if (row.msgId === null || this.pairs.has(row.id)) continue;
      if (isRequestType(row.msgType)) this.addRequest(row);
      else if (isResponseType(row.msgType)) this.addResponse(row);
    }
  }

  pairOf(traceId: number): Pairing | undefined {
    return this.pairs.get(traceId);
  }

  private addRequest(req: TraceRow): void {
    const key = pairKey(req.agentId, req.msgId!, req.direction);
    const resp = this.openResponses.get(key);
    if (resp && answers(req, resp)) {
      this.openResponses.delete(key);
      this.link(req, resp);
    } else if (!this.openRequests.has(key)) {
      this.openRequests.set(key, req);
    }
  }

  private addResponse(resp: TraceRow): void {
    // The request went the other way: key it by the request's direction.
    const key = pairKey(resp.agentId, resp.msgId!, resp.direction === 'in' ? 'out' : 'in');
    const req = this.openRequests.get(key);
    if (req && answers(req, resp)) {
      this.openRequests.delete(key);
      this.link(req, resp);
    } else if (!this.openResponses.has(key)) {
      this.openResponses.set(key, resp);
    }
  }

  private link(req: TraceRow, resp: TraceRow): void {
    const latencyMs = resp.at - req.at;
    this.pairs.set(req.id, { otherId: resp.id, latencyMs, role: 'request' });
    this.pairs.set(resp.id, { otherId: req.id, latencyMs, role: 'response' });
  }
}

function pairKey(agentId: string, msgId: string, requestDirection: 'in' | 'out'): string {
  return `${agentId}\u0000${requestDirection}\u0000${msgId}`;
}

function answers(req: TraceRow, resp: TraceRow): boolean {
  return resp.msgType === 'ERROR' || RESPONSE_OF[req.msgType ?? ''] === resp.msgType;
}

/** Classic hex dump: offset, 16 bytes in hex, printable ASCII. */
export function hexDump(hex: string): string {
  const lines: string[] = [];
  for (let off = 0; off < hex.length; off += 32) {
    const chunk = hex.slice(off, off + 32);
    const bytes = chunk.match(/../g) ?? [];
    const hexPart = bytes.join(' ').padEnd(47, ' ');
    const ascii = bytes.map((b) => {
      const c = parseInt(b, 16);
      return c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
    }).join('');
    lines.push(`${(off / 2).toString(16).padStart(8, '0')}  ${hexPart}  ${ascii}`);
  }
  return lines.join('\n');
}

/** A starting point for the composer, per request type (usp.Msg JSON, keep-case). */
export function messageTemplate(msgType: string, path: string): Record<string, unknown> {
  const header = { msg_id: '', msg_type: msgType };
  const request = ((): Record<string, unknown> => {
    switch (msgType) {
      case 'GET': return { get: { param_paths: [path], max_depth: 0 } };
      case 'SET': return { set: { allow_partial: false, update_objs: [{ obj_path: path, param_settings: [{ param: 'Name', value: '', required: true }] }] } };
      case 'ADD': return { add: { allow_partial: false, create_objs: [{ obj_path: path, param_settings: [] }] } };
      case 'DELETE': return { delete: { allow_partial: false, obj_paths: [path] } };
      case 'OPERATE': return { operate: { command: path, command_key: 'console', send_resp: true, input_args: {} } };
      case 'GET_SUPPORTED_DM': return { get_supported_dm: { obj_paths: [path], first_level_only: true, return_commands: true, return_events: true, return_params: true, return_unique_key_sets: true } };
      case 'GET_INSTANCES': return { get_instances: { obj_paths: [path], first_level_only: false } };
      default: return { get_supported_protocol: { controller_supported_protocol_versions: '1.0,1.1,1.2,1.3,1.4' } };
    }
  })();
  return { header, body: { request } };
}

export const composerTypes = ['GET', 'SET', 'ADD', 'DELETE', 'OPERATE', 'GET_SUPPORTED_DM', 'GET_INSTANCES', 'GET_SUPPORTED_PROTO'] as const;

export interface TraceViewFilter {
  agentId: string | null;
  direction: 'in' | 'out' | null;
  msgType: string | null;
  /** Case-insensitive substring of summary, msg_id or agent. */
  text: string;
}

export const emptyTraceFilter: TraceViewFilter = { agentId: null, direction: null, msgType: null, text: '' };

export function matchesTraceFilter(row: TraceRow, f: TraceViewFilter): boolean {
  if (f.agentId !== null && row.agentId !== f.agentId) return false;
  if (f.direction !== null && row.direction !== f.direction) return false;
  if (f.msgType !== null && row.msgType !== f.msgType) return false;
  if (f.text === '') return true;
  const t = f.text.toLowerCase();
  return row.summary.toLowerCase().includes(t) || (row.msgId ?? '').toLowerCase().includes(t) || row.agentId.toLowerCase().includes(t);
}

/** Newest first, no duplicates, at most `capacity` rows (the store keeps the rest). */
export function mergeTraceRows(current: readonly TraceRow[], incoming: readonly TraceRow[], capacity = 20_000): TraceRow[] {
  const newest = current[0]?.id ?? -Infinity;
  // Live batches are all newer than what we hold: no dedup set or full sort needed.
  if (incoming.every((r) => r.id > newest)) {
    const fresh = [...incoming].sort((a, b) => b.id - a.id).filter((r, i, arr) => i === 0 || arr[i - 1]!.id !== r.id);
    return fresh.concat(current).slice(0, capacity);
  }
  const seen = new Set(current.map((r) => r.id));
  const fresh = incoming.filter((r) => !seen.has(r.id));
  if (fresh.length === 0) return current as TraceRow[];
  return [...fresh, ...current].sort((a, b) => b.id - a.id).slice(0, capacity);
}
