// The portable snapshot file, version 1 (docs/snapshot-format.md). This zod schema is the
// source of truth; resources/schemas/snapshot-v1.schema.json is its z.toJSONSchema output
// (a unit test keeps them equal). Limits make hostile files fail validation early.
import { z } from 'zod';
import { PARAM_TYPES } from '../../../shared/model/schema';

export const SNAPSHOT_FORMAT = 'usp-console-snapshot';
export const SNAPSHOT_FORMAT_VERSION = 1;

export const LIMITS = {
  path: 4096,
  name: 1024,
  value: 1_048_576,
  text: 4096,
  objects: 200_000,
  instances: 2_000_000,
  values: 10_000_000,
  namesPerList: 10_000,
  keys: 64,
} as const;

const path = z.string().min(1).max(LIMITS.path);
const name = z.string().min(1).max(LIMITS.name);
const text = z.string().max(LIMITS.text);
const names = z.array(name).max(LIMITS.namesPerList);

const paramSchema = z.strictObject({
  name,
  access: z.enum(['readOnly', 'readWrite', 'writeOnly']),
  type: z.enum(PARAM_TYPES as [string, ...string[]]),
  valueChange: z.enum(['unknown', 'allowed', 'willIgnore']),
  secured: z.boolean().optional(),
});

const objectSchema = z.strictObject({
  path,
  access: z.enum(['readOnly', 'addDelete', 'addOnly', 'deleteOnly']),
  isMultiInstance: z.boolean(),
  params: z.array(paramSchema).max(LIMITS.namesPerList),
  commands: z
    .array(z.strictObject({ name, type: z.enum(['unknown', 'sync', 'async']), inputArgs: names, outputArgs: names }))
    .max(LIMITS.namesPerList),
  events: z.array(z.strictObject({ name, args: names })).max(LIMITS.namesPerList),
  uniqueKeySets: z.array(names).max(LIMITS.keys),
  divergentPaths: z.array(path).max(LIMITS.namesPerList),
});

const nullableText = text.nullable();

export const snapshotFileSchema = z.strictObject({
  format: z.literal(SNAPSHOT_FORMAT),
  version: z.literal(SNAPSHOT_FORMAT_VERSION),
  generator: text,
  exportedAt: z.iso.datetime({ offset: true }),
  redacted: z.boolean(),
  snapshot: z.strictObject({
    label: text,
    capturedAt: z.iso.datetime({ offset: true }),
    source: z.enum(['capture', 'cache', 'import']),
    appVersion: text,
    agent: z.strictObject({
      endpointId: z.string().min(1).max(LIMITS.text),
      manufacturer: nullableText,
      modelName: nullableText,
      serialNumber: nullableText,
      productClass: nullableText,
      oui: nullableText,
      softwareVersion: nullableText,
      uspVersions: z.array(z.string().max(16)).max(64),
    }),
  }),
  counts: z.strictObject({
    objects: z.int().min(0).max(LIMITS.objects),
    instances: z.int().min(0).max(LIMITS.instances),
    values: z.int().min(0).max(LIMITS.values),
  }),
  schema: z.array(objectSchema).max(LIMITS.objects),
  instances: z
    .array(z.strictObject({ path, uniqueKeys: z.record(name, z.string().max(LIMITS.value)) }))
    .max(LIMITS.instances),
  values: z
    .array(z.strictObject({ path, value: z.string().max(LIMITS.value), redacted: z.literal(true).optional() }))
    .max(LIMITS.values),
});

export type SnapshotFile = z.infer<typeof snapshotFileSchema>;

/** The JSON Schema of the file, as committed in resources/schemas/snapshot-v1.schema.json. */
export function snapshotJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://usp-console.example/schemas/snapshot-v1.schema.json',
    title: 'USP Console snapshot export, version 1',
    ...z.toJSONSchema(snapshotFileSchema),
  };
}
