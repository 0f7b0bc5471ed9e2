import type { AgentSummary, NotificationRecord, TraceRow as TraceRowDto } from '../../shared/console-api';
import type { AgentRecord } from '../../shared/model/agent';
import type { NotificationRow, TraceRow } from '../../shared/model/events';
import type { AgentInfo } from '../controller';
import type { MtpAddress } from '../mtp/transport';
import { approvalOf } from './agent-approval';

/**
 * Mapping of what the store and the controller hold to the ConsoleApi DTOs. Presence comes
 * from the controller while it knows the agent (this session), otherwise from the store:
 * an agent not heard from since the console started is offline, whatever was saved.
 */
export function toAgentSummary(record: AgentRecord, live: AgentInfo | undefined, describe: (address: MtpAddress) => string): AgentSummary {
  const address = live?.addresses[0]?.address ?? record.addresses[0] ?? null;
  const approval = live ? approvalOf(live.status) : record.approval;
  return {
    agentId: record.endpointId,
    presence: live ? (live.online ? 'online' : 'offline') : record.presence === 'unknown' ? 'unknown' : 'offline',
    presenceReason: live?.presenceReason ?? record.presenceReason ?? 'not heard from since the console started',
    presenceSince: live?.presenceChangedAt ?? null,
    approval,
    mtp: address?.kind ?? null,
    mtpAddress: address ? describe(address) : null,
    mtpProfileId: address?.transportId ?? null,
    model: record.modelName,
    manufacturer: record.manufacturer,
    firmware: record.softwareVersion,
    serialNumber: record.serialNumber,
    oui: record.oui,
    productClass: record.productClass,
    protocolVersions: live?.protocolVersions?.join(',') ?? (record.uspVersions.length > 0 ? record.uspVersions.join(',') : null),
    firstSeen: record.firstSeen,
    lastSeen: live?.lastSeenAt ?? record.lastSeen,
    tags: record.tags,
    pinned: record.pinned,
    ...(live && live.warnings.length > 0 ? { warnings: live.warnings } : {}),
  };
}

export function toNotificationRecord(row: NotificationRow & { id: number }): NotificationRecord {
  const base = {
    id: row.id,
    agentId: row.endpointId,
    receivedAt: row.receivedAt,
    msgId: row.msgId,
    subscriptionId: row.subscriptionId,
    sendResp: row.sendResp,
    path: row.path,
  };
  const d = row.detail;
  const str = (key: string): string => (typeof d[key] === 'string' ? (d[key] as string) : '');
  const map = (key: string): Record<string, string> => (isStringMap(d[key]) ? (d[key] as Record<string, string>) : {});
  switch (row.kind) {
    case 'ValueChange':
      return { ...base, type: 'ValueChange', paramPath: str('paramPath'), paramValue: str('paramValue') };
    case 'ObjectCreation':
      return { ...base, type: 'ObjectCreation', objPath: str('objPath'), uniqueKeys: map('uniqueKeys') };
    case 'ObjectDeletion':
      return { ...base, type: 'ObjectDeletion', objPath: str('objPath') };
    case 'Event':
      return { ...base, type: 'Event', objPath: str('objPath'), eventName: str('eventName'), params: map('params') };
    case 'OperationComplete': {
      const failure = d.failure as { errCode?: unknown; errMsg?: unknown } | undefined;
      return {
        ...base,
        type: 'OperationComplete',
        objPath: str('objPath'),
        commandName: str('commandName'),
        commandKey: str('commandKey'),
        ...(isStringMap(d.outputArgs) ? { outputArgs: d.outputArgs as Record<string, string> } : {}),
        ...(failure ? { failure: { errCode: Number(failure.errCode ?? 0), errMsg: String(failure.errMsg ?? '') } } : {}),
      };
    }
    case 'OnBoardRequest':
      return {
        ...base,
        type: 'OnBoardRequest',
        oui: str('oui'),
        productClass: str('productClass'),
        serialNumber: str('serialNumber'),
        agentSupportedProtocolVersions: str('agentSupportedProtocolVersions'),
      };
  }
}

export function toTraceRowDto(row: TraceRow): TraceRowDto {
  return {
    id: row.id,
    agentId: row.endpointId ?? '',
    direction: row.direction,
    at: row.at,
    mtp: row.mtp,
    recordKind: row.recordType as TraceRowDto['recordKind'],
    version: row.recordVersion,
    fromId: row.fromId,
    toId: row.toId,
    msgId: row.msgId,
    msgType: row.msgType,
    size: row.bytes.length,
    summary: row.summary,
    decodeError: row.decodeError,
  };
}

function isStringMap(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'string');
}
