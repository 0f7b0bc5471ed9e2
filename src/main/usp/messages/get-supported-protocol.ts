import type { usp } from '../generated/usp-proto.js';
import { expectBody, requestMsg } from './common';

/** Every USP version this controller speaks, in the comma-separated form of TR-369 GetSupportedProtocol. */
export const CONTROLLER_SUPPORTED_PROTOCOL_VERSIONS = '1.0,1.1,1.2,1.3,1.4';

export interface GetSupportedProtocolResult {
  /** The raw comma-separated list, e.g. "1.0,1.1,1.2,1.3". */
  agentSupportedProtocolVersions: string;
  /** The same list split and trimmed, e.g. ["1.0", "1.1", "1.2", "1.3"]. */
  versions: string[];
}

export function buildGetSupportedProtocol(msgId: string, controllerSupportedProtocolVersions: string = CONTROLLER_SUPPORTED_PROTOCOL_VERSIONS): usp.IMsg {
  return requestMsg(msgId, 'get_supported_protocol', {
    get_supported_protocol: { controller_supported_protocol_versions: controllerSupportedProtocolVersions },
  });
}

/**
 * Reads a GetSupportedProtocolResp. Use this list (not Record.version, which obuspa sets to "1.3"
 * regardless) to gate 1.2+/1.4 features.
 */
export function parseGetSupportedProtocolResp(msg: usp.IMsg): GetSupportedProtocolResult {
  const raw = expectBody(msg, 'get_supported_protocol_resp').agent_supported_protocol_versions ?? '';
  return { agentSupportedProtocolVersions: raw, versions: splitVersions(raw) };
}

/** Splits a comma-separated major.minor list, dropping empty entries. */
export function splitVersions(list: string): string[] {
  return list
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
}
