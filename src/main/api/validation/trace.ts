import { z } from 'zod';
import { endpointId, epochMs, nonEmptyText, notificationType, optionalArg, pageRequest, positiveMs, text } from './common';

const agentIds = z.array(endpointId).max(1000).optional();

export const traceSchemas = {
  queryNotifications: z.tuple([
    z.strictObject({
      ...pageRequest,
      agentIds,
      types: z.array(notificationType).max(6).optional(),
      path: z.strictObject({ text: text(4096), match: z.enum(['exact', 'prefix', 'contains']) }).optional(),
      since: epochMs.optional(),
      until: epochMs.optional(),
    }),
  ]),
  queryTrace: z.tuple([
    z.strictObject({
      ...pageRequest,
      agentIds,
      direction: z.enum(['in', 'out']).optional(),
      msgTypes: z.array(nonEmptyText(64)).max(50).optional(),
      msgId: text(512).optional(),
      text: text(1024).optional(),
      since: epochMs.optional(),
      until: epochMs.optional(),
    }),
  ]),
  getTraceRecord: z.tuple([z.number().int().min(1)]),
  sendRawMessage: z.tuple([
    endpointId,
    z.record(z.string(), z.unknown()).refine((m) => typeof m.header === 'object' && m.header !== null, 'needs a "header" object'),
    optionalArg(z.strictObject({ awaitResponse: z.boolean().optional(), timeoutMs: positiveMs(600_000).optional() })),
  ]),
};
