import type { usp } from '../../usp/generated/usp-proto.js';
import type { HandlerContext } from './context';

/** GetSupportedProtocol: the agent's version list, whatever the controller offers. */
export function handleGetSupportedProtocol(ctx: HandlerContext): usp.IGetSupportedProtocolResp {
  return { agent_supported_protocol_versions: ctx.protocolVersions };
}
