import { z } from 'zod';
import { endpointId, nonEmptyText, objectPath, optionalArg, text, uspPath } from './common';

export const browseSchemas = {
  getSupportedDM: z.tuple([
    endpointId,
    optionalArg(z.strictObject({ refresh: z.boolean().optional(), progressId: nonEmptyText(128).optional() })),
  ]),
  getChildren: z.tuple([endpointId, objectPath, optionalArg(z.strictObject({ refresh: z.boolean().optional() }))]),
  refresh: z.tuple([endpointId, uspPath]),
  searchTree: z.tuple([
    endpointId,
    z.strictObject({
      kind: z.enum(['path', 'value', 'name']),
      text: text(4096),
      limit: z.number().int().min(1).max(5000).optional(),
      live: z.boolean().optional(),
      progressId: nonEmptyText(128).optional(),
    }),
  ]),
  completePath: z.tuple([endpointId, text(4096), optionalArg(z.number().int().min(1).max(1000))]),
};
