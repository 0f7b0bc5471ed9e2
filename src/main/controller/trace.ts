import type { InboundRecord, MtpAddress } from '../mtp/transport';
import type { usp, usp_record } from '../usp/generated/usp-proto.js';
import { messageKind } from '../usp/messages';
import { recordKind } from '../usp/record';
import { decodeRecord } from '../usp/codec';
import { describeSessionRecord, readSessionRecord } from '../usp/session/session-record';
import type { TraceEntry } from './events';

const MAX_LISTED = 3;

/**
 * The trace entry of a Record we sent (or failed to send: `error`). A session_context Record
 * (`session`) is summarized by its session id, sequence and segment state (the inspector decodes
 * the rest from the bytes); one without payload carries no Msg.
 */
export function outboundTrace(at: number, endpointId: string, address: MtpAddress, bytes: Uint8Array, msg: usp.IMsg | null, error: string | null, session = false): TraceEntry {
  const record = session ? decodeRecord(bytes) : null;
  const carried = record && (record.session_context?.payload?.length ?? 0) === 0 ? null : msg;
  const entry: TraceEntry = {
    direction: 'out',
    at,
    endpointId,
    transportId: address.transportId,
    address,
    bytes,
    recordType: session ? 'session_context' : 'no_session_context',
    msgId: carried?.header?.msg_id ?? null,
    messageKind: carried ? (messageKind(carried) ?? null) : null,
    summary: record ? summarizeRecord(record, carried) : carried ? summarizeMsg(carried) : 'record',
  };
  if (error !== null) entry.error = error;
  return entry;
}

/** The trace entry of a Record received; `parsed` null when it could not be decoded. */
export function inboundTrace(
  transportId: string,
  inbound: InboundRecord,
  endpointId: string,
  parsed: { record: usp_record.Record; msg: usp.Msg | null } | null,
  note: { error?: string; latencyMs?: number } = {},
): TraceEntry {
  const msg = parsed?.msg ?? null;
  const entry: TraceEntry = {
    direction: 'in',
    at: inbound.receivedAt,
    endpointId,
    transportId,
    address: inbound.replyTo,
    bytes: inbound.bytes,
    recordType: parsed ? (recordKind(parsed.record) ?? null) : null,
    msgId: msg?.header?.msg_id ?? null,
    messageKind: msg ? (messageKind(msg) ?? null) : null,
    summary: parsed ? summarizeRecord(parsed.record, msg) : (note.error ?? 'undecodable'),
  };
  if (note.error !== undefined) entry.error = note.error;
  if (note.latencyMs !== undefined) entry.latencyMs = note.latencyMs;
  return entry;
}

/** One readable line for a Record and the Msg inside it, for the trace and the message inspector. */
export function summarizeRecord(record: usp_record.IRecord, msg: usp.IMsg | null): string {
  if (record.session_context) {
    const session = describeSessionRecord(readSessionRecord(record.session_context));
    return msg ? `${session}: ${summarizeMsg(msg)}` : session;
  }
  if (msg) return summarizeMsg(msg);
  const kind = recordKind(record);
  switch (kind) {
    case 'mqtt_connect':
      return `mqtt_connect ${record.mqtt_connect?.subscribed_topic ?? ''}`.trim();
    case 'stomp_connect':
      return `stomp_connect ${record.stomp_connect?.subscribed_destination ?? ''}`.trim();
    case 'disconnect':
      return `disconnect ${record.disconnect?.reason_code ?? 0} ${record.disconnect?.reason ?? ''}`.trim();
    default:
      return kind ?? 'record without record_type';
  }
}

export function summarizeMsg(msg: usp.IMsg): string {
  const kind = messageKind(msg);
  const body = msg.body;
  const req = body?.request;
  const resp = body?.response;
  switch (kind) {
    case 'get':
      return `get ${list(req?.get?.param_paths)}`;
    case 'get_instances':
      return `get_instances ${list(req?.get_instances?.obj_paths)}`;
    case 'get_supported_dm':
      return `get_supported_dm ${list(req?.get_supported_dm?.obj_paths)}`;
    case 'set':
      return `set ${list(req?.set?.update_objs?.map((o) => o.obj_path ?? ''))}`;
    case 'add':
      return `add ${list(req?.add?.create_objs?.map((o) => o.obj_path ?? ''))}`;
    case 'delete':
      return `delete ${list(req?.delete?.obj_paths)}`;
    case 'operate':
      return `operate ${req?.operate?.command ?? ''}`;
    case 'notify':
      return `notify ${notifySummary(req?.notify)}`;
    case 'error':
      return `error ${body?.error?.err_code ?? 0} ${body?.error?.err_msg ?? ''}`.trim();
    case 'get_resp':
      return `get_resp ${count(resp?.get_resp?.req_path_results, 'path')}`;
    case 'operate_resp':
      return `operate_resp ${count(resp?.operate_resp?.operation_results, 'result')}`;
    case undefined:
      return 'msg without body';
    default:
      return kind;
  }
}

function notifySummary(notify: usp.INotify | null | undefined): string {
  if (!notify) return '';
  if (notify.event) return `event ${notify.event.obj_path ?? ''}${notify.event.event_name ?? ''}`;
  if (notify.value_change) return `value_change ${notify.value_change.param_path ?? ''}=${notify.value_change.param_value ?? ''}`;
  if (notify.obj_creation) return `obj_creation ${notify.obj_creation.obj_path ?? ''}`;
  if (notify.obj_deletion) return `obj_deletion ${notify.obj_deletion.obj_path ?? ''}`;
  if (notify.oper_complete) return `oper_complete ${notify.oper_complete.obj_path ?? ''}${notify.oper_complete.command_name ?? ''}`;
  if (notify.on_board_req) return `on_board_req ${notify.on_board_req.oui ?? ''}-${notify.on_board_req.serial_number ?? ''}`;
  return '';
}

function list(items: readonly string[] | null | undefined): string {
  const all = items ?? [];
  const shown = all.slice(0, MAX_LISTED).join(' ');
  return all.length > MAX_LISTED ? `${shown} (+${all.length - MAX_LISTED})` : shown;
}

function count(items: readonly unknown[] | null | undefined, noun: string): string {
  const n = items?.length ?? 0;
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
