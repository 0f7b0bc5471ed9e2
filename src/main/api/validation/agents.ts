import { z } from 'zod';
import { endpointId, mtpKind, nonEmptyText, optionalArg, text } from './common';

const agentFilter = z.strictObject({
  text: text(256).optional(),
  presence: z.array(z.enum(['online', 'offline', 'unknown'])).max(3).optional(),
  approval: z.array(z.enum(['approved', 'pending', 'rejected'])).max(3).optional(),
  mtp: z.array(mtpKind).max(4).optional(),
  tags: z.array(nonEmptyText(64)).max(100).optional(),
  pinnedOnly: z.boolean().optional(),
});

export const agentSchemas = {
  getAppInfo: z.tuple([]),
  getTransportStatus: z.tuple([]),
  listAgents: z.tuple([optionalArg(agentFilter)]),
  getAgent: z.tuple([endpointId]),
  getControllerTrust: z.tuple([endpointId]),
  setAgentTags: z.tuple([endpointId, z.array(text(200)).max(100)]),
  setAgentPinned: z.tuple([endpointId, z.boolean()]),
  approveAgent: z.tuple([endpointId]),
  rejectAgent: z.tuple([endpointId]),
  getAgentE2ESession: z.tuple([endpointId]),
  // MaxUSPRecordSize is 0 or >= 512.
  setAgentE2ESession: z.tuple([
    endpointId,
    z.strictObject({ enabled: z.boolean(), maxRecordSize: z.union([z.literal(0), z.number().int().min(512).max(64 * 1024 * 1024)]) }),
  ]),
  // Any stored id, so that agents stored before Endpoint IDs were validated can still be removed.
  forgetAgent: z.tuple([z.string().min(1).max(4096)]),
};
