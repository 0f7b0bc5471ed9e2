import type { NewNotification, NewTrace, NotificationKind } from '../../shared/model/events';
import type { Controller, NotificationEvent, TraceEntry } from '../controller';
import type { AgentInfo } from '../controller';
import type { Store } from '../store/store';
import { decodeRecord } from '../usp/codec';
import { msgTypeName, MSG_TYPE_OF_KIND } from '../usp/message-kind';
import type { Notification } from '../usp/messages';
import { toAgentSummary, toNotificationRecord, toTraceRowDto } from './dto';
import { approvalOf } from './agent-approval';
import type { EventHub } from './event-hub';
import { tableOf } from './usp-client';

/**
 * Persists everything the controller reports on its own (agents, presence, notifications,
 * the message trace) and announces it to the UI through the event hub. Request results are
 * persisted by UspClient. A store failure is reported as a warning, never thrown into the
 * controller's event loop.
 */
export function attachControllerRecorder(controller: Controller, store: Store, hub: EventHub, warn: (message: string) => void): () => void {
  const guard = <A extends unknown[]>(what: string, fn: (...args: A) => void) => (...args: A): void => {
    try {
      fn(...args);
    } catch (err) {
      warn(`could not store ${what}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const saveAgent = guard('an agent', (agent: AgentInfo) => {
    const record = store.upsertAgent(agent.endpointId, {
      addresses: agent.addresses.map((a) => a.address),
      approval: approvalOf(agent.status),
      ...(agent.protocolVersions ? { uspVersions: agent.protocolVersions } : {}),
      seenAt: agent.lastSeenAt,
    });
    hub.push('agents', { kind: 'upsert', agent: toAgentSummary(record, controller.agent(agent.endpointId), (a) => controller.describeAddress(a)) });
  });

  const onPresence = guard('a presence change', (change: { endpointId: string; online: boolean; reason: string; at: number }) => {
    store.recordPresence({ endpointId: change.endpointId, at: change.at, presence: change.online ? 'online' : 'offline', reason: change.reason });
    const record = store.agents.get(change.endpointId);
    if (record) hub.push('agents', { kind: 'upsert', agent: toAgentSummary(record, controller.agent(change.endpointId), (a) => controller.describeAddress(a)) });
  });

  const onNotification = guard('a notification', (event: NotificationEvent) => {
    const n = event.notification;
    const row: NewNotification = {
      endpointId: event.endpointId,
      receivedAt: event.receivedAt,
      msgId: event.msgId,
      subscriptionId: event.subscriptionId,
      sendResp: event.sendResp,
      ...describe(n),
    };
    const id = store.addNotification(row);
    applyToCache(store, hub, event.endpointId, n, event.receivedAt);
    hub.push('notifications', toNotificationRecord({ ...row, id }));
  });

  const onTrace = guard('a trace record', (entry: TraceEntry) => {
    const row = toNewTrace(entry, controller.endpointId);
    const id = store.addTrace(row);
    hub.push('trace', toTraceRowDto({ ...row, id, latencyMs: entry.latencyMs ?? null }));
  });

  controller.on('agentSeen', saveAgent);
  controller.on('agentHeld', saveAgent);
  controller.on('agentUpdated', saveAgent);
  controller.on('presenceChanged', onPresence);
  controller.on('notification', onNotification);
  controller.on('trace', onTrace);
  return () => {
    controller.off('agentSeen', saveAgent);
    controller.off('agentHeld', saveAgent);
    controller.off('agentUpdated', saveAgent);
    controller.off('presenceChanged', onPresence);
    controller.off('notification', onNotification);
    controller.off('trace', onTrace);
  };
}

const KIND: Record<Notification['kind'], NotificationKind> = {
  value_change: 'ValueChange',
  obj_creation: 'ObjectCreation',
  obj_deletion: 'ObjectDeletion',
  oper_complete: 'OperationComplete',
  event: 'Event',
  on_board_req: 'OnBoardRequest',
};

/** The kind, the path the feed filters on (NotificationRecord.path) and the rest as detail. */
function describe(n: Notification): Pick<NewNotification, 'kind' | 'path' | 'detail'> {
  const kind = KIND[n.kind];
  switch (n.kind) {
    case 'value_change':
      return { kind, path: n.paramPath, detail: { paramPath: n.paramPath, paramValue: n.paramValue } };
    case 'obj_creation':
      return { kind, path: n.objPath, detail: { objPath: n.objPath, uniqueKeys: n.uniqueKeys } };
    case 'obj_deletion':
      return { kind, path: n.objPath, detail: { objPath: n.objPath } };
    case 'event':
      return { kind, path: n.objPath + n.eventName, detail: { objPath: n.objPath, eventName: n.eventName, params: n.params } };
    case 'oper_complete':
      return {
        kind,
        path: n.objPath + n.commandName,
        detail: {
          objPath: n.objPath,
          commandName: n.commandName,
          commandKey: n.commandKey,
          ...(n.result.ok ? { outputArgs: n.result.outputArgs } : { failure: { errCode: n.result.errCode, errMsg: n.result.errMsg } }),
        },
      };
    case 'on_board_req':
      return {
        kind,
        path: '',
        detail: {
          oui: n.oui,
          productClass: n.productClass,
          serialNumber: n.serialNumber,
          agentSupportedProtocolVersions: n.agentSupportedProtocolVersions,
        },
      };
  }
}

/** ValueChange, ObjectCreation and ObjectDeletion keep the offline cache current. */
function applyToCache(store: Store, hub: EventHub, agentId: string, n: Notification, at: number): void {
  if (n.kind === 'value_change') {
    store.applyValueChange(agentId, n.paramPath, n.paramValue, at);
    hub.push('values', { agentId, path: n.paramPath, value: n.paramValue, readAt: at, source: 'notify' });
  } else if (n.kind === 'obj_creation') {
    store.applyObjectCreation(agentId, n.objPath, n.uniqueKeys, at);
    hub.push('tree', { agentId, path: tableOf(n.objPath), reason: 'instance-added' });
  } else if (n.kind === 'obj_deletion') {
    store.applyObjectDeletion(agentId, n.objPath, at);
    hub.push('tree', { agentId, path: tableOf(n.objPath), reason: 'instance-deleted' });
  }
}

function toNewTrace(entry: TraceEntry, controllerId: string): NewTrace {
  let version: string | null = null;
  let fromId = entry.direction === 'out' ? controllerId : entry.endpointId;
  let toId = entry.direction === 'out' ? entry.endpointId : controllerId;
  let decodeError: string | null = entry.direction === 'in' ? (entry.error ?? null) : null;
  try {
    const record = decodeRecord(entry.bytes);
    version = record.version || null;
    fromId = record.from_id || fromId;
    toId = record.to_id || toId;
  } catch (err) {
    decodeError = decodeError ?? (err instanceof Error ? err.message : String(err));
  }
  return {
    endpointId: entry.endpointId || null,
    direction: entry.direction,
    at: entry.at,
    transportId: entry.transportId,
    mtp: entry.address?.kind ?? null,
    recordType: entry.recordType,
    recordVersion: version,
    fromId,
    toId,
    msgId: entry.msgId,
    msgType: entry.messageKind ? (msgTypeName(MSG_TYPE_OF_KIND[entry.messageKind]) ?? null) : null,
    bytes: entry.bytes,
    summary: entry.error && entry.direction === 'out' ? `${entry.summary} (not sent: ${entry.error})` : entry.summary,
    decodeError,
  };
}
