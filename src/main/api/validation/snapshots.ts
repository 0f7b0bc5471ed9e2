import { z } from 'zod';
import { endpointId, nonEmptyText, optionalArg, text, uspPath } from './common';

const snapshotId = nonEmptyText(128);

const diffSide = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('snapshot'), snapshotId }),
  z.strictObject({ kind: z.literal('agent'), agentId: endpointId, live: z.boolean().optional() }),
]);

export const snapshotSchemas = {
  listSnapshots: z.tuple([optionalArg(endpointId)]),
  captureSnapshot: z.tuple([
    endpointId,
    optionalArg(
      z.strictObject({ name: text(200).optional(), note: text(4000).optional(), progressId: nonEmptyText(128).optional(), live: z.boolean().optional() }),
    ),
  ]),
  exportSnapshot: z.tuple([snapshotId, optionalArg(z.strictObject({ redactSecrets: z.boolean().optional(), format: z.enum(['json', 'csv']).optional() }))]),
  // Snapshot files can be large; the content itself is checked by the import service.
  importSnapshot: z.tuple([z.strictObject({ fileName: text(512), content: z.string().max(512 * 1024 * 1024) })]),
  deleteSnapshot: z.tuple([snapshotId]),
  diff: z.tuple([
    diffSide,
    diffSide,
    optionalArg(
      z.strictObject({
        pathPrefix: uspPath.optional(),
        ignorePrefixes: z.array(uspPath).max(1000).optional(),
        limit: z.number().int().min(1).max(1_000_000).optional(),
        ignoreVolatile: z.boolean().optional(),
      }),
    ),
  ]),
};
