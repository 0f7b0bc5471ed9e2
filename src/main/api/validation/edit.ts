import { z } from 'zod';
import {
  commandPath, endpointId, nonEmptyText, objectPath, optionalArg, paramValue, positiveMs, stringMap, subscribableType, uspPath,
} from './common';

const allowPartial = optionalArg(z.strictObject({ allowPartial: z.boolean().optional() }));

const subscriptionRequest = z.strictObject({
  notifType: subscribableType,
  referenceList: z.array(uspPath).min(1, 'needs at least one path').max(100),
  persistent: z.boolean().optional(),
  notifRetry: z.boolean().optional(),
  timeToLive: z.number().int().min(0).max(4294967295).optional(),
});

export const editSchemas = {
  setParameterValues: z.tuple([
    endpointId,
    z
      .array(z.strictObject({ path: uspPath.regex(/[^.]$/, 'must be a parameter path'), value: paramValue, required: z.boolean().optional() }))
      .min(1, 'needs at least one parameter')
      .max(10_000),
    allowPartial,
  ]),
  addInstance: z.tuple([
    endpointId,
    objectPath,
    z.array(z.strictObject({ param: nonEmptyText(1024), value: paramValue, required: z.boolean().optional() })).max(1000),
    allowPartial,
  ]),
  deleteInstances: z.tuple([endpointId, z.array(objectPath).min(1, 'needs at least one path').max(10_000), allowPartial]),
  operate: z.tuple([
    endpointId,
    commandPath,
    stringMap,
    optionalArg(
      z.strictObject({
        commandKey: nonEmptyText(256).optional(),
        awaitCompletion: z.boolean().optional(),
        completionTimeoutMs: positiveMs(24 * 3600 * 1000).optional(),
      }),
    ),
  ]),
  subscribe: z.tuple([endpointId, subscriptionRequest]),
  unsubscribe: z.tuple([endpointId, nonEmptyText(256)]),
  listSubscriptions: z.tuple([endpointId]),
  subscribePath: z.tuple([endpointId, subscribableType, uspPath]),
};
